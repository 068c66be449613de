"""Writes about referrals. Each runs in one transaction, checks everything before saving,
leaves an audit event (field names only), a dated note on the case timeline (the letter
number, the partner and the step: nothing about the victim) and a notification to the other
side carrying only the case number and a link (``notify`` queues delivery after commit)."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jaga.access.roles import Role
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.models import Case, CasePerson, CaseStatus, Consent, PersonKind, ShareField
from jaga.cases.services import case_note_add, case_service_add, consent_allows_sharing
from jaga.codes.models import CodeList
from jaga.codes.selectors import codes_resolve
from jaga.core.checks import Problems, check_plain_text, today
from jaga.notifications.selectors import recipients_with_role
from jaga.notifications.services import notify
from jaga.people.models import PARTNER_KINDS, Organisation, Person
from jaga.referrals.models import STEPS, Referral, ReferralStatus
from jaga.referrals.selectors import referral_sharing

# The city archive's classification code for social-protection letters, then the sequence,
# the unit, the month in Roman numerals and the year: 400.7/012/UPTD-PPA/V/2026.
LETTER_CLASSIFICATION = "400.7"
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
NUMBER_ATTEMPTS = 5


def letter_number(*, sequence: int, month: int, year: int) -> str:
    """The referral letter's number (nomor surat rujukan)."""
    return f"{LETTER_CLASSIFICATION}/{sequence:03d}/UPTD-PPA/{ROMAN_MONTHS[month - 1]}/{year}"


def _check_send(
    *,
    case: Case,
    organisation: Organisation,
    service: str,
    shared_fields: list[str],
    due_date: datetime.date | None,
    note: str,
) -> tuple[Problems, list, str]:
    problems = Problems()
    if case.status == CaseStatus.CLOSED:
        problems.add("case", _("Kasus yang sudah ditutup tidak dapat dirujuk."))
    if organisation.kind not in PARTNER_KINDS or not organisation.is_active:
        problems.add("organisation", _("Pilih organisasi mitra yang aktif."))
    codes = codes_resolve(problems, "service", CodeList.SERVICE, [service])
    if not service:
        problems.add("service", _("Pilih layanan yang diminta."))
    if unknown := [f for f in shared_fields if f not in ShareField.values]:
        problems.add("shared_fields", _("Jenis data tidak dikenal: %s.") % ", ".join(unknown))
    elif shared_fields and not consent_allows_sharing(case, organisation, shared_fields):
        refused = [f for f in shared_fields if not consent_allows_sharing(case, organisation, [f])]
        problems.add(
            "shared_fields",
            _(
                "Persetujuan yang tercatat tidak mengizinkan %(fields)s dibagikan kepada "
                "%(partner)s. Catat persetujuan korban atau wali lebih dahulu, atau kurangi "
                "data yang dibagikan."
            )
            % {
                "fields": ", ".join(str(ShareField(f).label) for f in refused or shared_fields),
                "partner": organisation,
            },
        )
    if due_date is None:
        problems.add("due_date", _("Isi tanggal layanan paling lambat selesai."))
    elif due_date < today():
        problems.add("due_date", _("Tanggal paling lambat tidak boleh di masa lalu."))
    note = problems.check("note", check_plain_text, note) or ""
    return problems, codes, note


def _numbered(values: dict) -> Referral:
    """Create the referral with the next letter number of the year. Two referrals sent at the
    same moment may pick the same sequence: the unique constraint refuses one, which retries."""
    now = timezone.localtime()
    for _attempt in range(NUMBER_ATTEMPTS):
        last = Referral.objects.filter(letter_year=now.year).aggregate(m=Max("letter_sequence"))
        sequence = (last["m"] or 0) + 1
        number = letter_number(sequence=sequence, month=now.month, year=now.year)
        try:
            with transaction.atomic():
                return Referral.objects.create(
                    letter_year=now.year, letter_sequence=sequence, letter_number=number, **values
                )
        except IntegrityError:
            continue
    raise ValidationError(_("Nomor surat rujukan tidak dapat dibuat. Coba lagi."))


@transaction.atomic
def referral_send(
    *,
    case: Case,
    by: Person,
    organisation: Organisation,
    service: str,
    is_urgent: bool,
    shared_fields: Iterable[str],
    due_date: datetime.date | None,
    note: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """Refer the case (or one service of it, a SIMFONI-PPA service code) to a partner
    organisation. Every kind of data in ``shared_fields`` must be allowed for that partner by
    a consent on record (``consent_allows_sharing``); otherwise nothing is sent and the
    problem names the kinds refused. The partner's officers are notified (urgently if the
    referral is urgent)."""
    shared = list(dict.fromkeys(shared_fields))
    problems, codes, note = _check_send(
        case=case,
        organisation=organisation,
        service=service,
        shared_fields=shared,
        due_date=due_date,
        note=note,
    )
    problems.raise_any()
    referral = _numbered(
        {
            "case": case,
            "organisation": organisation,
            "service": codes[0],
            "is_urgent": is_urgent,
            "shared_fields": shared,
            "victim_ids": list(
                CasePerson.objects.filter(case=case, kind=PersonKind.VICTIM).values_list(
                    "pk", flat=True
                )
            ),
            "due_date": due_date,
            "request_note": note,
            "sent_by": by,
        }
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        target=referral,
        fields=["organisation", "service", "shared_fields", "due_date"]
        + (["request_note"] if note else []),
        request=request,
    )
    _timeline(referral, by, _("dikirim"))
    notify(
        recipients=recipients_with_role(Role.PARTNER_OFFICER, organisation=organisation),
        kind="referral.sent",
        title=_("Rujukan baru untuk %(partner)s") % {"partner": organisation},
        body=_("Kasus %(number)s dirujuk untuk layanan %(service)s.")
        % {"number": case.number, "service": codes[0]},
        link=referral.get_absolute_url(),
        subject_type=referral._meta.label_lower,
        subject_id=referral.pk,
        number=case.number,
        urgent=is_urgent,
        key=f"referral:{referral.pk}:sent",
    )
    return referral


def _timeline(referral: Referral, by: Person, step: str, detail: str = "") -> None:
    """A note on the case timeline: the letter number, the partner and the step."""
    text = _("Rujukan %(number)s ke %(partner)s (%(service)s): %(step)s.") % {
        "number": referral.letter_number,
        "partner": referral.organisation,
        "service": referral.service,
        "step": step,
    }
    case_note_add(case=referral.case, by=by, note=f"{text} {detail}".strip())


def _sharing_ends(referral: Referral) -> str:
    """The timeline's word on when the partner stops seeing the shared data of an ended
    referral (the grace period the city sets)."""
    ends = referral.sharing_ends_at
    assert ends is not None  # only called once the referral has ended
    return _("Data korban yang dibagikan tidak lagi terbuka bagi mitra sejak %(date)s.") % {
        "date": date_format(timezone.localtime(ends), "j F Y H:i")
    }


def _tell_manager(referral: Referral, step: str, title: str) -> None:
    """Notify the case manager of the partner's step (urgent if the referral is)."""
    notify(
        recipients=[referral.case.manager],
        kind=f"referral.{step}",
        title=title,
        body=_("Kasus %(number)s: rujukan ke %(partner)s.")
        % {"number": referral.case.number, "partner": referral.organisation},
        link=referral.get_absolute_url(),
        subject_type=referral._meta.label_lower,
        subject_id=referral.pk,
        number=referral.case.number,
        urgent=referral.is_urgent,
        key=f"referral:{referral.pk}:{step}",
    )


def _lock(referral: Referral, *allowed: str) -> Referral:
    """The referral re-read under a row lock; refuses a step its status does not allow."""
    locked = (
        Referral.objects.select_for_update()
        .select_related("case__rt", "case__manager", "organisation", "service")
        .get(pk=referral.pk)
    )
    if locked.status not in allowed:
        raise ValidationError(
            _("Langkah ini tidak dapat dilakukan: status rujukan %(status)s.")
            % {"status": locked.get_status_display()},
            code="status",
        )
    return locked


def _audit(by: Person, referral: Referral, fields: list[str], request: HttpRequest | None):
    audit_record(
        actor=by, action=AuditAction.CHANGE, target=referral, fields=fields, request=request
    )


@transaction.atomic
def referral_accept(
    *, referral: Referral, by: Person, request: HttpRequest | None = None
) -> Referral:
    """The partner accepts a referral waiting for an answer; stops the answer clock."""
    referral = _lock(referral, *STEPS["accept"])
    referral.status = ReferralStatus.ACCEPTED
    referral.responded_at, referral.responded_by = timezone.now(), by
    referral.save(update_fields=["status", "responded_at", "responded_by"])
    _audit(by, referral, ["status", "responded_at"], request)
    _timeline(referral, by, _("diterima"))
    _tell_manager(referral, "accepted", _("Rujukan diterima mitra"))
    return referral


@transaction.atomic
def referral_decline(
    *, referral: Referral, by: Person, reason: str, request: HttpRequest | None = None
) -> Referral:
    """The partner declines a referral waiting for an answer, with a reason (required)."""
    reason = check_plain_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan penolakan.")})
    referral = _lock(referral, *STEPS["decline"])
    referral.status = ReferralStatus.DECLINED
    referral.responded_at, referral.responded_by = timezone.now(), by
    referral.ended_at = referral.responded_at
    referral.decline_reason = reason
    referral.save(
        update_fields=["status", "responded_at", "responded_by", "ended_at", "decline_reason"]
    )
    _audit(by, referral, ["status", "responded_at", "ended_at", "decline_reason"], request)
    _timeline(
        referral,
        by,
        _("ditolak"),
        _("Alasan: %(reason)s") % {"reason": reason} + " " + _sharing_ends(referral),
    )
    _tell_manager(referral, "declined", _("Rujukan ditolak mitra"))
    return referral


@transaction.atomic
def referral_record_service(
    *,
    referral: Referral,
    by: Person,
    served_on: datetime.date,
    note: str,
    request: HttpRequest | None = None,
) -> Referral:
    """The partner records the service given (date and what was done) on an accepted
    referral; may be corrected until the referral is completed."""
    problems = Problems()
    note = problems.check("note", check_plain_text, note) or ""
    if not note and "note" not in problems.errors:
        problems.add("note", _("Tuliskan layanan yang diberikan."))
    if served_on > today():
        problems.add("served_on", _("Tanggal layanan tidak boleh di masa depan."))
    elif served_on < timezone.localtime(referral.sent_at).date():
        problems.add("served_on", _("Tanggal layanan tidak boleh sebelum rujukan dikirim."))
    problems.raise_any()
    referral = _lock(referral, *STEPS["record_service"])
    referral.status = ReferralStatus.SERVED
    referral.served_on, referral.service_note = served_on, note
    referral.served_at = timezone.now()
    referral.save(update_fields=["status", "served_on", "service_note", "served_at"])
    _audit(by, referral, ["status", "served_on", "service_note"], request)
    _timeline(referral, by, _("layanan dicatat"))
    _tell_manager(referral, "served", _("Mitra mencatat layanan rujukan"))
    return referral


@transaction.atomic
def referral_complete(
    *, referral: Referral, by: Person, request: HttpRequest | None = None
) -> Referral:
    """The partner completes a referral whose service is recorded: the service then counts
    among the case's services (a ``CaseService`` given by the partner, through the cases
    services)."""
    referral = _lock(referral, *STEPS["complete"])
    given = case_service_add(
        case=referral.case,
        by=by,
        service=referral.service.code,
        organisation=referral.organisation,
        started_on=referral.served_on,
        request=request,
    )
    referral.status = ReferralStatus.COMPLETED
    referral.completed_at, referral.completed_by = timezone.now(), by
    referral.ended_at = referral.completed_at
    referral.case_service = given
    referral.save(
        update_fields=["status", "completed_at", "completed_by", "ended_at", "case_service"]
    )
    _audit(by, referral, ["status", "completed_at", "ended_at"], request)
    _timeline(referral, by, _("selesai"), _sharing_ends(referral))
    _tell_manager(referral, "completed", _("Rujukan selesai dilayani mitra"))
    return referral


def referrals_follow_withdrawal(*, consent: Consent, by: Person, **_signal: object) -> None:
    """Receiver of ``consent_withdrawn`` (in its transaction): each referral of the case to a
    partner the consent named, still sharing, whose sharing the withdrawal narrows gets a note
    on the timeline saying what the partner now sees (the reads follow consent by
    themselves: ``referral_sharing``)."""
    referrals = Referral.objects.filter(
        case=consent.case, organisation__in=consent.organisations.all()
    ).select_related("case", "organisation", "service")
    for referral in referrals:
        fields, withheld, ended = referral_sharing(referral)
        if ended or not withheld:
            continue
        now_shared = ", ".join(str(ShareField(f).label) for f in fields) or _("tidak ada")
        detail = _("Persetujuan ditarik; data yang dibagikan kini: %(fields)s.") % {
            "fields": now_shared
        }
        _timeline(referral, by, _("berbagi data dibatasi"), detail)
