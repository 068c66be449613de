"""Writes of the Forum Anak: forums, facilitators, members, consultations and proposals.

Members' data is a child's personal data: each change is audited by field name, never by
value."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.roles import Role
from jaga.areas.models import Area
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.people.models import Membership, Organisation
from jaga.taskforce.selectors import action_item_status
from jaga.voice.models import (
    ChildForum,
    Consultation,
    Facilitator,
    ForumLevel,
    ForumMember,
    MemberRole,
    Proposal,
    ProposalStatus,
)
from jaga.voice.models.forums import ADULT_AGE, ANSWERED

YOUNGEST_MEMBER = 6
FACILITATOR_ROLES = {Role.CITY_ADMIN, Role.ACTIVIST}


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def forum_create(
    *,
    by: Any,
    area: Area,
    name: str,
    decree: str = "",
    formed_on: dt.date | None = None,
    is_demo: bool = False,
) -> ChildForum:
    """A Forum Anak for a city, kecamatan or kelurahan (one per area)."""
    errors: dict[str, list[str]] = {}
    if area.kind not in ForumLevel.values:
        errors["area"] = [_("Forum Anak dibentuk di tingkat kota, kecamatan atau kelurahan.")]
    elif ChildForum.objects.filter(area=area).exists():
        errors["area"] = [_("Wilayah ini sudah mempunyai Forum Anak.")]
    if not name.strip():
        errors["name"] = [_("Tuliskan nama forum.")]
    if formed_on and formed_on > timezone.localdate():
        errors["formed_on"] = [_("Tanggal pembentukan tidak boleh di masa depan.")]
    _raise(errors)
    return ChildForum.objects.create(
        level=area.kind,
        area=area,
        name=name.strip(),
        decree=decree.strip(),
        formed_on=formed_on,
        is_demo=is_demo,
    )


@transaction.atomic
def facilitator_add(*, by: Any, forum: ChildForum, person: Any) -> Facilitator:
    """An adult from DP3AKB or the FP2ATBM manages the forum from now on."""
    holds_role = (
        Membership.objects.active().filter(person=person, role__in=FACILITATOR_ROLES).exists()
    )
    if not holds_role:
        raise ValidationError(
            {"person": [_("Fasilitator adalah staf DP3AKB atau aktivis FP2ATBM.")]}
        )
    facilitator, _created = Facilitator.objects.get_or_create(forum=forum, person=person)
    audit_record(actor=by, action=AuditAction.CHANGE, target=forum, fields=["facilitators"])
    return facilitator


@transaction.atomic
def member_add(
    *,
    by: Any,
    forum: ChildForum,
    nickname: str,
    birth_year: int,
    role: str,
    guardian_agreed_on: dt.date | None,
    school: str = "",
    today: dt.date | None = None,
    is_demo: bool = False,
) -> ForumMember:
    """A child joins the forum: under 18 this year, with a parent's or guardian's agreement
    on record (UU 27/2022 art. 25)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not nickname.strip():
        errors["nickname"] = [_("Tuliskan nama depan atau nama panggilan saja.")]
    age = today.year - birth_year
    if age >= ADULT_AGE:
        errors["birth_year"] = [
            _(
                "Anggota Forum Anak harus berumur di bawah %(age)s tahun: tahun lahir "
                "%(year)s atau sesudahnya."
            )
            % {"age": ADULT_AGE, "year": today.year - ADULT_AGE + 1}
        ]
    elif age < YOUNGEST_MEMBER:
        errors["birth_year"] = [_("Periksa tahun lahir: anak ini belum berumur 6 tahun.")]
    if role not in MemberRole.values:
        errors["role"] = [_("Pilih peran: ketua, pengurus atau anggota.")]
    if guardian_agreed_on is None:
        errors["guardian_agreed_on"] = [
            _("Catat tanggal orang tua atau wali menyetujui keanggotaan anak.")
        ]
    elif guardian_agreed_on > today:
        errors["guardian_agreed_on"] = [_("Tanggal persetujuan tidak boleh di masa depan.")]
    _raise(errors)
    assert guardian_agreed_on is not None  # checked above
    member = ForumMember.objects.create(
        forum=forum,
        nickname=nickname.strip(),
        birth_year=birth_year,
        school=school.strip(),
        role=role,
        guardian_agreed_on=guardian_agreed_on,
        recorded_by=by,
        joined_on=today,
        is_demo=is_demo,
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        target=member,
        fields=["nickname", "birth_year", "school", "role", "guardian_agreed_on"],
    )
    return member


@transaction.atomic
def member_leave(*, by: Any, member: ForumMember, today: dt.date | None = None) -> None:
    """The child leaves the forum; the nickname and school are erased (no longer needed)."""
    member.left_on = today or timezone.localdate()
    member.nickname = "—"
    member.school = ""
    member.save(update_fields=["left_on", "nickname", "school"])
    audit_record(
        actor=by, action=AuditAction.CHANGE, target=member, fields=["left_on", "nickname", "school"]
    )


@transaction.atomic
def members_end_at_adulthood(*, today: dt.date | None = None) -> int:
    """Members who reach 18 this year leave by themselves; their nickname and school are
    erased. Returns how many (``jaga voice-end-memberships``, daily; idempotent)."""
    today = today or timezone.localdate()
    ended = ForumMember.objects.filter(left_on__isnull=True, birth_year__lte=today.year - ADULT_AGE)
    count = 0
    for member in ended:
        member.left_on, member.nickname, member.school = today, "—", ""
        member.save(update_fields=["left_on", "nickname", "school"])
        count += 1
    return count


@transaction.atomic
def consultation_record(
    *,
    by: Any,
    forum: ChildForum,
    topic: str,
    held_on: dt.date,
    summary: str,
    girls_younger: int = 0,
    boys_younger: int = 0,
    girls_older: int = 0,
    boys_older: int = 0,
    is_demo: bool = False,
) -> Consultation:
    """A consultation: counts by age band and sex, the facilitator's summary, no names."""
    errors: dict[str, list[str]] = {}
    if not topic.strip():
        errors["topic"] = [_("Tuliskan topik konsultasi.")]
    if held_on > timezone.localdate():
        errors["held_on"] = [_("Tanggal konsultasi tidak boleh di masa depan.")]
    counts = [girls_younger, boys_younger, girls_older, boys_older]
    if any(c < 0 for c in counts) or sum(counts) == 0:
        errors["girls_younger"] = [_("Catat berapa anak yang ikut (sedikitnya satu).")]
    if not summary.strip():
        errors["summary"] = [_("Ringkas apa yang disampaikan anak-anak (tanpa nama).")]
    _raise(errors)
    return Consultation.objects.create(
        forum=forum,
        topic=topic.strip(),
        held_on=held_on,
        summary=summary.strip(),
        girls_younger=girls_younger,
        boys_younger=boys_younger,
        girls_older=girls_older,
        boys_older=boys_older,
        recorded_by=by,
        is_demo=is_demo,
    )


@transaction.atomic
def proposal_send(
    *,
    by: Any,
    forum: ChildForum,
    title: str,
    addressee: Organisation | None,
    detail: str = "",
    consultation: Consultation | None = None,
    sent_on: dt.date | None = None,
    is_demo: bool = False,
) -> Proposal:
    """A proposal of the forum to one agency, waiting for its answer."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Tuliskan usulan anak-anak.")]
    if addressee is None:
        errors["addressee"] = [_("Usulan harus ditujukan kepada satu instansi.")]
    if consultation is not None and consultation.forum_id != forum.pk:
        errors["consultation"] = [_("Konsultasi ini milik forum lain.")]
    _raise(errors)
    assert addressee is not None  # checked above
    return Proposal.objects.create(
        forum=forum,
        consultation=consultation,
        title=title.strip(),
        detail=detail.strip(),
        addressee=addressee,
        sent_on=sent_on or timezone.localdate(),
        is_demo=is_demo,
    )


@transaction.atomic
def proposal_answer(
    *,
    by: Any,
    proposal: Proposal,
    status: str,
    answer: str,
    now: dt.datetime | None = None,
) -> Proposal:
    """The agency says what it did (or why it cannot); the forum and the public page see it."""
    errors: dict[str, list[str]] = {}
    if status not in ANSWERED:
        errors["status"] = [
            _("Pilih status: sedang dikerjakan, sudah dilakukan, atau tidak dapat dilakukan.")
        ]
    if not answer.strip():
        errors["answer"] = [_("Tuliskan jawaban untuk anak-anak: apa yang dilakukan.")]
    _raise(errors)
    proposal.status = ProposalStatus(status)
    proposal.answer = answer.strip()
    proposal.answered_at = now or timezone.now()
    proposal.answered_by = by
    proposal.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    return proposal


@transaction.atomic
def proposal_link_action(*, by: Any, proposal: Proposal, number: str) -> Proposal:
    """Tie the proposal to the Gugus Tugas action item that takes it up ("RA-0012" or 12);
    its status then shows beside the proposal. An empty number removes the link."""
    digits = number.strip().upper().removeprefix("RA-").lstrip("0") or "0"
    if not number.strip():
        proposal.action_item = None
    elif not digits.isdigit() or action_item_status(int(digits)) is None:
        raise ValidationError(
            {"number": [_("Tidak ada rencana aksi Gugus Tugas dengan nomor ini.")]}
        )
    else:
        proposal.action_item_id = int(digits)
    proposal.save(update_fields=["action_item"])
    return proposal
