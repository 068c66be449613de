"""Writes of transfers: the head reassigns a case at once; a manager asks, and the receiving
manager accepts or declines. On a move the new manager joins the case team and the old one
leaves it (from then on they see the case as outsiders do). Audited, notified, on the
timeline."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.policy import roles
from jaga.access.roles import Role
from jaga.audit.models import AuditAction
from jaga.cases.models import Case, CaseMember, EventKind, MemberRole
from jaga.cases.services import case_member_add, case_member_remove, case_record_change
from jaga.casework.models import Transfer, TransferKind, TransferStatus
from jaga.casework.services.common import audit, refuse_closed, timeline
from jaga.core.checks import Problems, check_plain_text
from jaga.notifications.services import notify
from jaga.people.models import Person


def transfer_checks(case: Case, reason: str, problems: Problems, field: str) -> str:
    """What every transfer asks: an open case, a reason, no other transfer waiting (told on
    ``field``, the receiver's). Returns the cleaned reason."""
    refuse_closed(case)
    reason = problems.check("reason", check_plain_text, reason) or ""
    if not reason and "reason" not in problems.errors:
        problems.add("reason", _("Tuliskan alasan pengalihan."))
    if Transfer.objects.filter(case=case, status=TransferStatus.PENDING).exists():
        problems.add(field, _("Masih ada pengalihan kasus ini yang menunggu jawaban."))
    return reason


def _checked(case: Case, to_manager: Person | None, reason: str) -> str:
    problems = Problems()
    reason = transfer_checks(case, reason, problems, "to_manager")
    if to_manager is None:
        problems.add("to_manager", _("Pilih manajer kasus tujuan."))
    elif not to_manager.is_active or Role.CASE_MANAGER not in roles(to_manager):
        problems.add(
            "to_manager",
            _("%(person)s bukan manajer kasus aktif dan tidak dapat menerima kasus.")
            % {"person": to_manager},
        )
    elif to_manager.pk == case.manager_id:
        problems.add("to_manager", _("Orang ini sudah menjadi manajer kasus ini."))
    problems.raise_any()
    return reason


def hand_over(case: Case, transfer: Transfer, by: Person, request: HttpRequest | None) -> Case:
    """The case becomes the receiving manager's: they join the team, the old one leaves it."""
    old = case.manager
    new = transfer.to_manager
    assert new is not None  # a transfer is accepted only with its manager
    case = case_record_change(case=case, by=by, version=case.version, manager=new)
    if not CaseMember.objects.filter(case=case, person=new, removed_at__isnull=True).exists():
        case_member_add(case=case, by=by, person=new, role=MemberRole.MANAGER, request=request)
    for member in CaseMember.objects.filter(case=case, person=old, removed_at__isnull=True):
        case_member_remove(member=member, by=by, request=request)
    timeline(case, by, EventKind.TRANSFER, _("Manajer kasus: %(new)s") % {"new": new})
    notify(
        recipients=[old, new],
        kind="casework.transfer",
        title=_("Kasus dialihkan ke %(new)s") % {"new": new},
        body=_("%(number)s kini ditangani %(new)s.") % {"number": case.number, "new": new},
        link=reverse("cases:detail", args=[case.pk]),
        subject_type="cases.case",
        subject_id=case.pk,
        number=case.number,
        key=f"casework:transfer:{transfer.pk}:done",
    )
    return case


@dataclass(frozen=True)
class Notice:
    """How the receiving side is told of a transfer offered to it (never a personal detail:
    the body names the case number only)."""

    kind: str
    title: str
    body: str  # with %(number)s
    page: str  # the answer page's URL name


def offer(
    case: Case,
    by: Person,
    reason: str,
    request: HttpRequest | None,
    notice: Notice,
    recipients: Iterable[Person],
    **receiver: Any,
) -> Transfer:
    """Offer the (checked) case to ``receiver`` (the manager or the other city's UPTD PPA):
    on the timeline, audited, the receiving side told."""
    transfer = Transfer.objects.create(
        case=case,
        from_manager=case.manager,
        reason=reason,
        requested_by=by,
        is_demo=case.is_demo,
        **receiver,
    )
    to = transfer.to_manager or transfer.to_organisation
    timeline(case, by, EventKind.TRANSFER, _("Diminta ke %(to)s") % {"to": to})
    fields = [f for f in ("to_manager", "to_organisation") if f in receiver]
    audit(by, AuditAction.CREATE, transfer, [*fields, "reason"], request)
    notify(
        recipients=recipients,
        kind=notice.kind,
        title=notice.title,
        body=notice.body % {"number": case.number},
        link=reverse(notice.page, args=[transfer.pk]),
        subject_type="casework.transfer",
        subject_id=transfer.pk,
        number=case.number,
        urgent=case.is_urgent,
        key=f"casework:transfer:{transfer.pk}:offered",
    )
    return transfer


def tell_declined(case: Case, transfer: Transfer, by: Person) -> None:
    """A declined transfer leaves the case where it was; whoever asked is told."""
    timeline(case, by, EventKind.TRANSFER, _("Pengalihan ditolak"))
    notify(
        recipients=[transfer.requested_by],
        kind="casework.transfer_declined",
        title=_("Pengalihan kasus ditolak"),
        body=_("%(number)s tetap pada manajer semula.") % {"number": case.number},
        link=reverse("casework:transfers", args=[case.pk]),
        subject_type="casework.transfer",
        subject_id=transfer.pk,
        number=case.number,
        key=f"casework:transfer:{transfer.pk}:declined",
    )


@transaction.atomic
def case_reassign(
    *,
    case: Case,
    by: Person,
    version: int,
    to_manager: Person | None,
    reason: str,
    request: HttpRequest | None = None,
) -> Transfer:
    """The head gives the case to another case manager, at once."""
    reason = _checked(case, to_manager, reason)
    case = case_record_change(case=case, by=by, version=version)
    assert to_manager is not None  # checked above
    transfer = Transfer.objects.create(
        case=case,
        kind=TransferKind.REASSIGN,
        from_manager=case.manager,
        to_manager=to_manager,
        reason=reason,
        requested_by=by,
        status=TransferStatus.ACCEPTED,
        answered_at=timezone.now(),
        is_demo=case.is_demo,
    )
    hand_over(case, transfer, by, request)
    audit(by, AuditAction.CREATE, transfer, ["to_manager", "reason", "case.manager"], request)
    return transfer


@transaction.atomic
def transfer_request(
    *,
    case: Case,
    by: Person,
    version: int,
    to_manager: Person | None,
    reason: str,
    request: HttpRequest | None = None,
) -> Transfer:
    """A manager asks another case manager to take the case; they are told, and see the
    identities only after they accept."""
    reason = _checked(case, to_manager, reason)
    case = case_record_change(case=case, by=by, version=version)
    assert to_manager is not None  # checked above
    notice = Notice(
        "casework.transfer_offered",
        _("Permintaan pengalihan kasus"),
        _("%(number)s ditawarkan kepada Anda."),
        "casework:transfer_answer",
    )
    receiver = {"kind": TransferKind.TRANSFER, "to_manager": to_manager}
    return offer(case, by, reason, request, notice, [to_manager], **receiver)


@transaction.atomic
def transfer_answer(
    *,
    transfer: Transfer,
    by: Person,
    accept: bool,
    decline_reason: str = "",
    request: HttpRequest | None = None,
) -> Transfer:
    """The receiving manager accepts (the case is theirs, the old manager leaves the team)
    or declines with a reason (the old manager is told)."""
    transfer = pending(transfer)
    if transfer.to_manager_id != by.pk:
        raise ValidationError(_("Hanya manajer kasus tujuan yang dapat menjawab pengalihan ini."))
    settle(transfer, by, accept, decline_reason, Problems(), request)
    return transfer


def pending(transfer: Transfer) -> Transfer:
    """The transfer, locked, while it still waits for its answer."""
    # Only the transfer row is locked: PostgreSQL cannot lock the empty side of the join.
    locked = Transfer.objects.select_for_update(of=("self",)).select_related("to_organisation")
    transfer = locked.get(pk=transfer.pk)
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("Pengalihan ini sudah dijawab."))
    return transfer


def settle(
    transfer: Transfer,
    by: Person,
    accept: bool,
    decline_reason: str,
    problems: Problems,
    request: HttpRequest | None,
) -> Case:
    """Record the answer, once the receiver's own checks are in ``problems``: accepted, the
    case is handed over; declined (with a reason), whoever asked is told."""
    decline_reason = problems.check("decline_reason", check_plain_text, decline_reason) or ""
    if not accept and not decline_reason and "decline_reason" not in problems.errors:
        problems.add("decline_reason", _("Tuliskan alasan menolak."))
    problems.raise_any()
    transfer.status = TransferStatus.ACCEPTED if accept else TransferStatus.DECLINED
    transfer.answered_at, transfer.decline_reason = timezone.now(), decline_reason
    transfer.save(update_fields=["status", "to_manager", "answered_at", "decline_reason"])
    case = Case.objects.select_related("manager", "rt").get(pk=transfer.case_id)
    if accept:
        case = hand_over(case, transfer, by, request)
    else:
        tell_declined(case, transfer, by)
    audit(by, AuditAction.CHANGE, transfer, ["status", "to_manager", "decline_reason"], request)
    return case
