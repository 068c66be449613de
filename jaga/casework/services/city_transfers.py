"""Writes of a transfer to another city's UPTD PPA, when the victim moves: the case team asks,
the receiving city's head accepts — naming the manager, who joins the team and only then sees
the identities — or declines with a reason. The old manager leaves the team (from then on
they see the case as outsiders do); the accepting head joins it as the case's supervisor.
Audited, notified without personal data, on the timeline."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from jaga.access.roles import Role
from jaga.cases.models import Case, MemberRole
from jaga.cases.selectors import case_team
from jaga.cases.services import case_member_add, case_member_remove, case_record_change
from jaga.casework.models import Transfer, TransferKind
from jaga.casework.selectors import managers_of, uptd_elsewhere
from jaga.casework.services.transfers import Notice, offer, pending, settle, transfer_checks
from jaga.core.checks import Problems
from jaga.notifications.selectors import recipients_with_role
from jaga.people.models import Organisation, Person


@transaction.atomic
def city_transfer_request(
    *,
    case: Case,
    by: Person,
    version: int,
    to_organisation: Organisation | None,
    reason: str,
    request: HttpRequest | None = None,
) -> Transfer:
    """Offer the case to another city's UPTD PPA; its heads are told (number only)."""
    problems = Problems()
    reason = transfer_checks(case, reason, problems, "to_organisation")
    # No organisation named would mean every head: only ever asked once one is named.
    heads = recipients_with_role(Role.UPTD_HEAD, organisation=to_organisation)
    if to_organisation is None:
        problems.add("to_organisation", _("Pilih UPTD PPA kota tujuan."))
    elif not uptd_elsewhere(case).filter(pk=to_organisation.pk).exists():
        problems.add(
            "to_organisation",
            _("%(org)s bukan UPTD PPA aktif di kota lain.") % {"org": to_organisation},
        )
    elif not heads.exists():
        problems.add(
            "to_organisation",
            _("%(org)s belum memiliki kepala UPTD PPA di Jaga yang dapat menjawab.")
            % {"org": to_organisation},
        )
    problems.raise_any()
    case = case_record_change(case=case, by=by, version=version)
    notice = Notice(
        "casework.transfer_city_offered",
        _("Permintaan pengalihan kasus dari kota lain"),
        _("%(number)s ditawarkan kepada UPTD PPA Anda."),
        "casework:city_transfer_answer",
    )
    return offer(
        case,
        by,
        reason,
        request,
        notice,
        heads,
        kind=TransferKind.CITY,
        to_organisation=to_organisation,
    )


def _receiving_manager(transfer: Transfer, person: Person | None) -> Person:
    if person is None:
        raise ValidationError({"to_manager": _("Pilih manajer kasus yang akan menangani.")})
    if not managers_of(transfer.to_organisation).filter(pk=person.pk).exists():
        raise ValidationError(
            {
                "to_manager": _("%(person)s bukan manajer kasus aktif di %(org)s.")
                % {"person": person, "org": transfer.to_organisation}
            }
        )
    return person


def _supervise(case: Case, head: Person, request: HttpRequest | None) -> None:
    """The accepting head joins the team as its supervisor (approvals and warnings go to
    them); a supervisor from an earlier move leaves it."""
    for member in case_team(case).filter(role=MemberRole.SUPERVISOR).exclude(person=head):
        case_member_remove(member=member, by=head, request=request)
    if not case_team(case).filter(person=head).exists():
        case_member_add(
            case=case, by=head, person=head, role=MemberRole.SUPERVISOR, request=request
        )


@transaction.atomic
def city_transfer_answer(
    *,
    transfer: Transfer,
    by: Person,
    accept: bool,
    to_manager: Person | None = None,
    decline_reason: str = "",
    request: HttpRequest | None = None,
) -> Transfer:
    """The receiving head accepts, naming their manager, or declines with a reason (the
    team that asked is told)."""
    transfer = pending(transfer)
    if transfer.kind != TransferKind.CITY:
        raise ValidationError(_("Pengalihan ini bukan pengalihan ke kota lain."))
    heads = recipients_with_role(Role.UPTD_HEAD, organisation=transfer.to_organisation_id)
    if not heads.filter(pk=by.pk).exists():
        raise ValidationError(_("Hanya kepala UPTD PPA tujuan yang dapat menjawab pengalihan ini."))
    problems = Problems()
    if accept:
        transfer.to_manager = problems.check("to_manager", _receiving_manager, transfer, to_manager)
    case = settle(transfer, by, accept, decline_reason, problems, request)
    if accept:
        _supervise(case, by, request)
    return transfer
