"""Demo: the 2025 round final (the ministry's 891 would be 2023's; Balikpapan kept Utama in
2025 — the demo enters 878, labelled as demo) and the next round half filled, its computed
items answered from the demo's own records."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from jaga.areas.models import Area
from jaga.core.demo import DEMO_NOTES, register_demo
from jaga.core.services import planner_statistics_refresh
from jaga.kla.fieldkit import site_add, site_ready
from jaga.kla.models import Answer, AnswerKind, Assignment, Comment, Item, Round
from jaga.kla.pack import pack_request
from jaga.kla.review import comment_add, deadline_set
from jaga.kla.services import (
    computed_refresh,
    evidence_add,
    round_finalise,
    round_open,
    round_submit,
)
from jaga.people.models import Organisation, Person

FINAL_YEAR = 2025
DEMO_FINAL_SCORE = 878


def _answer_half(kla_round: Round, share: float) -> None:
    items = list(
        Item.objects.filter(indicator__instrument=kla_round.instrument, computation="").order_by(
            "indicator__number", "pk"
        )
    )
    answered = items[: round(len(items) * share)]
    Answer.objects.bulk_create(
        Answer(round=kla_round, item=item, value=_demo_value(item, i))
        for i, item in enumerate(answered)
    )


def _document(text: str) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 760, text)
    page.save()
    return buffer.getvalue()


def _evidence(kla_round: Round, every: int) -> None:
    """A document of the round's year for every ``every``-th answer (the others stay at
    risk), uploaded by DP3AKB through the same check as anyone's."""
    admin = Person.objects.filter(username="admin.kota").first()
    if admin is None:
        return
    period = kla_round.period
    answers = Answer.objects.filter(round=kla_round).select_related("item").order_by("item__pk")
    assignments = {a.indicator_id: a for a in Assignment.objects.filter(round=kla_round)}
    for index, answer in enumerate(answers):
        if index % every:
            continue
        content = _document(f"[DEMO] Bukti butir {answer.item.code}, tahun {period.start.year}")
        evidence_add(
            assignment=assignments[answer.item.indicator_id],
            item=answer.item,
            upload=SimpleUploadedFile(f"bukti-{answer.item.code}.pdf", content, "application/pdf"),
            size=len(content),
            period_start=period.start,
            period_end=period.end - dt.timedelta(days=1),
            by=admin,
        )


def _demo_value(item: Item, index: int) -> str:
    if item.kind in (AnswerKind.YES_NO, AnswerKind.DOCUMENT):
        return "no" if index % 7 == 3 else "yes"
    if item.kind == AnswerKind.CHOICE:
        return "1" if index % 3 == 1 else "0"
    return str(70 + index % 25)


@register_demo
def demo_kla():
    city = Area.objects.filter(code="64.71").first()
    if city is None or Round.objects.filter(city=city, is_demo=True).exists():
        return None
    # The computed items read the months the steps before just wrote in bulk: without fresh
    # statistics PostgreSQL plans the coverage query as a nested loop taking many minutes.
    planner_statistics_refresh()
    final = round_open(city=city, year=FINAL_YEAR, is_demo=True)
    _answer_half(final, 1.0)
    _evidence(final, every=1)
    round_submit(kla_round=final)  # its computed items answered, then frozen
    _verification(final)
    round_finalise(kla_round=final, final_score=DEMO_FINAL_SCORE)
    current = round_open(city=city, year=timezone.localdate().year + 1, is_demo=True)
    _answer_half(current, 0.5)
    _evidence(current, every=2)
    computed_refresh(kla_round=current)
    deadline_set(kla_round=current, due_on=timezone.localdate() + dt.timedelta(days=21))
    _field_day(current)
    admin = Person.objects.filter(username="admin.kota").first()
    if admin is not None:  # built by the task worker once Jaga runs
        pack_request(kla_round=current, by=admin)
    return None


# The demo's verification day, after Balikpapan's hybrid one of 2025: (start, end, site,
# organisation, contact's username, mode, what the verifiers ask, ready).
FIELD_DAY = [
    (
        "08:00",
        "09:00",
        "Pembukaan di Balai Kota",
        "DP3AKB Kota Balikpapan",
        "admin.kota",
        "onsite",
        "Paparan capaian 24 indikator dan tindak lanjut verifikasi lalu.",
        True,
    ),
    (
        "09:15",
        "10:00",
        "UPTD PPA Kota Balikpapan",
        "UPTD PPA Kota Balikpapan",
        "kepala.uptd",
        "video",
        "Alur layanan korban, rujukan dan pemantauan setelah kasus ditangani.",
        True,
    ),
    (
        "09:15",
        "10:30",
        "Forum Anak: diskusi terpisah",
        "Forum Anak Kota Balikpapan",
        "",
        "onsite",
        "Tanpa pendamping dewasa: apakah usulan anak didengar dan ditindaklanjuti.",
        False,
    ),
    (
        "10:15",
        "11:00",
        "Puskesmas Manggar",
        "Puskesmas Manggar",
        "mitra.puskesmas",
        "video",
        "Layanan ramah anak, ruang laktasi, tenaga terlatih KHA.",
        False,
    ),
    (
        "11:15",
        "12:00",
        "SD Negeri 001 Balikpapan Timur",
        "SD Negeri 001 Balikpapan Timur",
        "",
        "video",
        "Kanal pengaduan siswa, SK sekolah ramah anak, guru terlatih.",
        False,
    ),
]


def _field_day(kla_round: Round) -> None:
    day = dt.date(kla_round.year, 6, 15)
    for start, end, name, organisation, contact, mode, asks, ready in FIELD_DAY:
        site = site_add(
            kla_round=kla_round,
            name=f"[DEMO] {name}",
            starts_at=_at(day, start),
            ends_at=_at(day, end),
            mode=mode,
            organisation=Organisation.objects.filter(name=organisation).first(),
            contact=Person.objects.filter(username=contact).first() if contact else None,
            asks=asks,
        )
        if ready:
            site_ready(site=site, ready=True)


def _at(day: dt.date, clock: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.fromisoformat(clock)))


def _verification(kla_round: Round) -> None:
    """The province's questions on the last round and DP3AKB's answers, months ago."""
    verifier = Person.objects.filter(username="verifikator.prov").first()
    admin = Person.objects.filter(username="admin.kota").first()
    if verifier is None or admin is None:
        return
    assignment = Assignment.objects.get(round=kla_round, indicator__number=2)
    item = Item.objects.get(indicator=assignment.indicator, code="2.1")
    thread = [
        (verifier, "[DEMO] SK Gugus Tugas yang diunggah berlaku sampai 2023; mohon SK terbaru."),
        (admin, "[DEMO] SK Wali Kota 2024 tentang Gugus Tugas KLA sudah ditambahkan."),
    ]
    written = timezone.now() - dt.timedelta(days=200)
    for hours, (person, text) in enumerate(thread):
        comment = comment_add(assignment=assignment, item=item, text=text, by=person)
        Comment.objects.filter(pk=comment.pk).update(
            created_at=written + dt.timedelta(hours=5 * hours)
        )


DEMO_NOTES.append(
    "Evaluasi KLA (/kla/): putaran 2025 final (nilai DEMO, dengan komentar verifikator "
    "provinsi) dan putaran tahun depan setengah terisi dengan tenggat, paket bukti dan jadwal "
    "verifikasi lapangan; narahubung Gugus Tugas "
    "menjawab indikator klaster organisasinya; verifikator.prov membaca dan berkomentar."
)
