"""Writes of the KLA evaluation: open a round (its instrument copied or loaded, each
indicator given to the task-force member of its cluster), answer an item, refresh the
computed items, submit (which freezes them) and enter the ministry's final result."""

import datetime as dt
import re
from decimal import Decimal
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.areas.models import Area
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.identity_check import Found, identity_in
from jaga.core.checks import Problems, check_plain_text, scrubbed_upload
from jaga.core.document_text import EXTENSIONS, check_document, document_text
from jaga.kla.computations import COMPUTATIONS
from jaga.kla.instrument import instrument_for
from jaga.kla.models import (
    Answer,
    AnswerKind,
    Assignment,
    Computed,
    Evidence,
    Item,
    Round,
    RoundStatus,
)
from jaga.people.models import Person
from jaga.taskforce.models import Member, Taskforce

PERCENT_MAX = Decimal(100)
NUMBER_MAX = Decimal(10**9)
FILE_NAME_SEPARATORS = re.compile(r"[_\W]+")


def _leads(city: Area) -> dict[str, int]:
    """The organisation leading each cluster: the first task-force member serving it."""
    taskforce = Taskforce.objects.filter(area=city).order_by("-period_start").first()
    members = Member.objects.filter(taskforce=taskforce).order_by("organisation__name")
    leads: dict[str, int] = {}
    for member in members:
        leads.setdefault(member.cluster, member.organisation_id)
    return leads


@transaction.atomic
def round_open(*, city: Area, year: int, is_demo: bool = False) -> Round:
    if Round.objects.filter(city=city, instrument__year=year).exists():
        raise ValidationError(_("Putaran evaluasi KLA %(year)s sudah ada.") % {"year": year})
    instrument = instrument_for(year)
    kla_round = Round.objects.create(instrument=instrument, city=city, is_demo=is_demo)
    leads = _leads(city)
    Assignment.objects.bulk_create(
        Assignment(
            round=kla_round,
            indicator=indicator,
            organisation_id=leads.get(indicator.cluster),
        )
        for indicator in instrument.indicators.all()
    )
    return kla_round


def _refuse_closed(kla_round: Round) -> None:
    if not kla_round.is_open:
        raise ValidationError(
            _("Putaran ini sudah dikirim: jawaban dan angka Jaga tidak dapat diubah lagi.")
        )


def _value(problems: Problems, item: Item, value: str) -> str:
    value = (value or "").strip()
    if item.kind in (AnswerKind.YES_NO, AnswerKind.DOCUMENT):
        if value not in ("yes", "no"):
            problems.add("value", _("Pilih ya atau tidak."))
        return value
    if item.kind == AnswerKind.CHOICE:
        if not value.isdigit() or int(value) >= len(item.choices):
            problems.add("value", _("Pilih salah satu jawaban."))
        return value
    try:
        number = Decimal(value.replace(",", "."))
    except ArithmeticError:
        problems.add("value", _("Isikan angka, misalnya 12 atau 87,5."))
        return value
    high = PERCENT_MAX if item.kind == AnswerKind.PERCENT else NUMBER_MAX
    if not number.is_finite() or number < 0 or number > high:
        problems.add(
            "value",
            _("Isikan angka dari 0 sampai %(high)s.") % {"high": f"{high:,}".replace(",", ".")},
        )
    return str(number) if number.is_finite() else value


@transaction.atomic
def answer_record(
    *, assignment: Assignment, item: Item, value: str, note: str, by: Person
) -> Answer:
    """A focal person's answer to an item of their indicator (not a computed one: Jaga
    answers those itself)."""
    kla_round = Round.objects.select_for_update().get(pk=assignment.round_id)
    _refuse_closed(kla_round)
    if item.indicator_id != assignment.indicator_id:
        raise ValidationError(_("Butir ini bukan bagian dari indikator ini."))
    if item.computation:
        raise ValidationError(_("Butir ini dihitung Jaga dari datanya sendiri."))
    problems = Problems()
    value = _value(problems, item, value)
    note = problems.check("note", check_plain_text, note) or ""
    problems.raise_any()
    # The note travels with the round to the province and into the evidence pack.
    if note and identity_in(note) is not None:
        raise ValidationError(
            {"note": [_("Keterangan ditolak: berisi NIK atau nama yang tercatat di Jaga.")]}
        )
    answer, _created = Answer.objects.update_or_create(
        round=kla_round,
        item=item,
        defaults={"value": value, "note": note, "answered_by": by, "answered_at": timezone.now()},
    )
    return answer


def _refusal(found: Found) -> str:
    """The reason, never the NIK or the name: the person uploading may not know whose it is,
    and the message must not tell them."""
    if found == Found.NIK:
        return _(
            "Berkas ditolak: berisi NIK yang tercatat di Jaga. Hapus atau samarkan NIK lalu "
            "unggah lagi; bukti KLA cukup berisi angka, bukan identitas."
        )
    if found == Found.PERPETRATOR_NAME:
        return _(
            "Berkas ditolak: berisi nama terduga pelaku yang tercatat di Jaga. Hapus atau "
            "samarkan nama lalu unggah lagi; bukti KLA cukup berisi angka, bukan identitas."
        )
    return _(
        "Berkas ditolak: berisi nama korban yang tercatat di Jaga. Hapus atau samarkan nama "
        "lalu unggah lagi; bukti KLA cukup berisi angka, bukan identitas."
    )


@transaction.atomic
def evidence_add(
    *,
    assignment: Assignment,
    item: Item,
    upload: IO[bytes],
    size: int,
    period_start: dt.date | None,
    period_end: dt.date | None,
    by: Person,
    request: HttpRequest | None = None,
) -> Evidence:
    """A document for an item of the indicator, read before it is kept: refused, with
    nothing stored, when its text (or its file name) holds a NIK or a victim's name known
    to Jaga. A photo's or a scanned page's text cannot be read here."""
    kla_round = Round.objects.select_for_update().get(pk=assignment.round_id)
    _refuse_closed(kla_round)
    if item.indicator_id != assignment.indicator_id:
        raise ValidationError(_("Butir ini bukan bagian dari indikator ini."))
    if item.computation:
        raise ValidationError(_("Butir ini dihitung Jaga dari datanya sendiri."))
    problems = Problems()
    content_type = problems.check("file", check_document, upload, size=size) or ""
    name = getattr(upload, "name", "") or "bukti"
    problems.check("file", check_plain_text, name)
    if period_start and period_end and period_end < period_start:
        problems.add("period_end", _("Tanggal akhir sebelum tanggal mulai."))
    problems.raise_any()
    text = problems.check("file", document_text, upload, content_type) or ""
    problems.raise_any()
    # "Laporan_Siti_Rahmawati.pdf": the name's words, the underscore a separator.
    found = identity_in(f"{text}\n{FILE_NAME_SEPARATORS.sub(' ', name)}")
    if found is not None:
        raise ValidationError({"file": [_refusal(found)]})
    stored = scrubbed_upload(upload, content_type, name)
    evidence = Evidence(
        assignment=assignment,
        item=item,
        original_name=name,
        content_type=content_type,
        size=stored.size,
        period_start=period_start,
        period_end=period_end,
        uploaded_by=by,
    )
    evidence.file.save(f"bukti.{EXTENSIONS[content_type]}", stored, save=False)
    evidence.save()
    audit_record(
        actor=by, action=AuditAction.CREATE, target=evidence, fields=["file"], request=request
    )
    return evidence


def computed_refresh(*, kla_round: Round, now: dt.datetime | None = None) -> list[Computed]:
    """Answer every computed item of the round from today's records."""
    kla_round = Round.objects.select_for_update().select_related("city").get(pk=kla_round.pk)
    _refuse_closed(kla_round)
    now = now or timezone.now()
    period = kla_round.period
    written = []
    items = Item.objects.filter(indicator__instrument=kla_round.instrument).exclude(computation="")
    for item in items:
        computation = COMPUTATIONS.get(item.computation)
        if computation is None:
            continue
        result = computation.compute(kla_round.city, period, now)
        if result.value is None:
            Computed.objects.filter(round=kla_round, item=item).delete()
            continue
        computed, _created = Computed.objects.update_or_create(
            round=kla_round,
            item=item,
            defaults={
                "value": Decimal(str(result.value)),
                "formula": str(computation.formula),
                "period_start": period.start,
                "period_end": period.end - dt.timedelta(days=1),
                "figures": [list(f) for f in result.figures],
                "computed_at": now,
            },
        )
        written.append(computed)
    return written


@transaction.atomic
def round_submit(*, kla_round: Round) -> Round:
    """Computed items refreshed one last time, then frozen with the round."""
    computed_refresh(kla_round=kla_round)
    kla_round.status, kla_round.submitted_at = RoundStatus.SUBMITTED, timezone.now()
    kla_round.save(update_fields=["status", "submitted_at"])
    return kla_round


@transaction.atomic
def round_finalise(*, kla_round: Round, final_score: int) -> Round:
    if kla_round.status == RoundStatus.SELF_ASSESSMENT:
        raise ValidationError(_("Kirim penilaian mandiri lebih dulu."))
    if not 0 <= final_score <= 1000:
        raise ValidationError({"final_score": [_("Nilai akhir antara 0 dan 1000.")]})
    kla_round.status, kla_round.final_score = RoundStatus.FINAL, final_score
    kla_round.save(update_fields=["status", "final_score"])
    return kla_round
