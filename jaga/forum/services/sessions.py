"""Education sessions (sosialisasi / edukasi) and coordination meetings of a chapter. Counts
only: no attendee is ever named. Every problem is found before anything is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.areas.models import Area
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.codes.models import CodeList
from jaga.codes.selectors import codes_resolve
from jaga.core.checks import Problems, check_upload
from jaga.forum.models import (
    Activist,
    Audience,
    Chapter,
    CoordinationMeeting,
    EducationSession,
    MeetingPartner,
    PlaceKind,
)
from jaga.people.models import Organisation, Person

# A count above this is a typing slip, not a gathering in one kelurahan: refused.
MAX_COUNT = 5000
# How many people a place of each kind plausibly holds: more is a warning, not a refusal
# (a school assembly can be large; the activist confirms by saving).
PLACE_HOLDS: dict[str, int] = {
    PlaceKind.SCHOOL: 1000,
    PlaceKind.POSYANDU: 100,
    PlaceKind.PKK: 150,
    PlaceKind.RELIGIOUS: 500,
    PlaceKind.RT_MEETING: 150,
    PlaceKind.ONLINE: 1000,
    PlaceKind.OTHER: 300,
}
COUNT_FIELDS = ("girls", "boys", "women", "men")


@dataclass
class SessionResult:
    session: EducationSession
    warnings: list[str] = field(default_factory=list)


def _check_day(problems: Problems, chapter: Chapter, held_on: dt.date | None, name: str) -> None:
    if held_on is None:
        problems.add(name, _("Isi tanggal kegiatan."))
    elif held_on > timezone.localdate():
        problems.add(name, _("Tanggal kegiatan tidak boleh di masa depan."))
    elif held_on < chapter.formed_on:
        problems.add(
            name,
            _("Tanggal %(day)s sebelum FP2ATBM kelurahan ini dibentuk (%(formed)s).")
            % {
                "day": held_on.strftime("%d-%m-%Y"),
                "formed": chapter.formed_on.strftime("%d-%m-%Y"),
            },
        )


def _check_counts(problems: Problems, counts: dict[str, int | None]) -> None:
    for name, value in counts.items():
        if value is None:
            problems.add(name, _("Isi jumlah (0 bila tidak ada)."))
        elif value < 0:
            problems.add(name, _("Jumlah tidak boleh negatif."))
        elif value > MAX_COUNT:
            problems.add(
                name,
                _("Jumlah %(value)s tidak masuk akal untuk satu kegiatan (paling banyak %(max)s).")
                % {"value": value, "max": MAX_COUNT},
            )
    if not problems.errors and not sum(v or 0 for v in counts.values()):
        problems.add("girls", _("Isi jumlah peserta: kegiatan tanpa peserta tidak dicatat."))


def count_warnings(place_kind: str, counts: dict[str, int]) -> list[str]:
    """What looks too many for the place: shown to the activist, never a refusal."""
    holds = PLACE_HOLDS.get(place_kind, PLACE_HOLDS[PlaceKind.OTHER])
    children = counts["girls"] + counts["boys"]
    total = children + counts["women"] + counts["men"]
    warnings = []
    if children > holds:
        warnings.append(
            _(
                "Perhatian: %(children)s anak lebih banyak dari yang biasa ditampung %(place)s "
                "(sekitar %(holds)s). Periksa kembali jumlahnya."
            )
            % {"children": children, "place": PlaceKind(place_kind).label, "holds": holds}
        )
    elif total > holds:
        warnings.append(
            _(
                "Perhatian: %(total)s peserta lebih banyak dari yang biasa ditampung %(place)s "
                "(sekitar %(holds)s). Periksa kembali jumlahnya."
            )
            % {"total": total, "place": PlaceKind(place_kind).label, "holds": holds}
        )
    return warnings


def _check_rts(problems: Problems, chapter: Chapter, rts: list[Area], place_kind: str) -> None:
    outside = [rt for rt in rts if rt.parent_id != chapter.kelurahan_id or rt.kind != "rt"]
    if outside:
        problems.add(
            "rts",
            _("RT %(rts)s tidak berada di Kelurahan %(kelurahan)s.")
            % {"rts": ", ".join(rt.code for rt in outside), "kelurahan": chapter.kelurahan.name},
        )
    elif not rts and place_kind != PlaceKind.ONLINE:
        problems.add("rts", _("Pilih paling sedikit satu RT tempat warga yang dijangkau."))


def _check_photo(problems: Problems, photo: IO[bytes] | None, size: int) -> str:
    if photo is None:
        return ""
    # A PDF is refused before the shared upload check parses it: a photo is never a document.
    photo.seek(0)
    is_pdf = photo.read(5) == b"%PDF-"
    photo.seek(0)
    if is_pdf:
        problems.add("photo", _("Foto harus berupa gambar (JPEG, PNG, WebP, GIF), bukan PDF."))
        return ""
    return problems.check("photo", check_upload, photo, size=size) or ""


@transaction.atomic
def session_record(
    *,
    chapter: Chapter,
    held_on: dt.date | None,
    rts: Iterable[Area],
    place_kind: str,
    topics: Iterable[str],
    audience: str,
    girls: int | None,
    boys: int | None,
    women: int | None,
    men: int | None,
    facilitators: Iterable[Activist] = (),
    partners: Iterable[Organisation] = (),
    photo: IO[bytes] | None = None,
    photo_size: int = 0,
    recorded_by: Person | None,
    is_demo: bool = False,
) -> SessionResult:
    """Record an education session of ``chapter``. Refuses (every problem at once, nothing
    saved) a day in the future or before the chapter was formed, an RT outside the chapter's
    kelurahan, negative or impossible counts, an unknown topic, a facilitator from another
    chapter, a photo that is not an image or too large. Counts larger than the place usually
    holds are saved, with a warning returned."""
    problems = Problems()
    rts = list(rts)
    facilitators = list(facilitators)
    counts = {"girls": girls, "boys": boys, "women": women, "men": men}
    _check_day(problems, chapter, held_on, "held_on")
    if place_kind not in PlaceKind.values:
        problems.add("place_kind", _("Jenis tempat tidak dikenal."))
    if audience not in Audience.values:
        problems.add("audience", _("Sasaran tidak dikenal."))
    _check_rts(problems, chapter, rts, place_kind)
    codes = codes_resolve(problems, "topics", CodeList.EDUCATION_TOPIC, topics)
    if not codes and "topics" not in problems.errors:
        problems.add("topics", _("Pilih paling sedikit satu topik."))
    if any(a.chapter_id != chapter.pk or not a.is_active for a in facilitators):
        problems.add("facilitators", _("Fasilitator harus aktivis aktif FP2ATBM kelurahan ini."))
    _check_counts(problems, counts)
    content_type = _check_photo(problems, photo, photo_size)
    problems.raise_any()
    assert held_on is not None  # checked above
    checked = {name: int(value or 0) for name, value in counts.items()}
    session = EducationSession(
        chapter=chapter,
        held_on=held_on,
        place_kind=place_kind,
        audience=audience,
        recorded_by=recorded_by,
        is_demo=is_demo,
        photo_type=content_type,
        **checked,
    )
    if photo is not None:
        session.photo.save("foto", File(photo), save=False)
    session.save()
    session.rts.set(rts)
    session.topics.set(codes)
    session.facilitators.set(facilitators)
    session.partners.set(list(partners))
    audit_record(
        actor=recorded_by,
        action=AuditAction.CREATE,
        target=session,
        area_code=chapter.kelurahan.code,
        fields=["held_on", "rts", "topics", *COUNT_FIELDS, *(["photo"] if photo else [])],
    )
    return SessionResult(session, count_warnings(place_kind, checked))


@transaction.atomic
def meeting_record(
    *, chapter: Chapter, held_on: dt.date | None, partner: str, recorded_by: Person | None
) -> CoordinationMeeting:
    """Record a coordination meeting of ``chapter`` (with posyandu, PKK, the RTs …)."""
    problems = Problems()
    _check_day(problems, chapter, held_on, "held_on")
    if partner not in MeetingPartner.values:
        problems.add("partner", _("Pilih dengan siapa rapat diadakan."))
    problems.raise_any()
    assert held_on is not None  # checked above
    meeting = CoordinationMeeting.objects.create(
        chapter=chapter, held_on=held_on, partner=partner, recorded_by=recorded_by
    )
    audit_record(
        actor=recorded_by,
        action=AuditAction.CREATE,
        target=meeting,
        area_code=chapter.kelurahan.code,
        fields=["held_on", "partner"],
    )
    return meeting
