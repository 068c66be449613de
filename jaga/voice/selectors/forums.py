"""The Forum Anak as the policy lets a person see it: forums for their facilitators and
DP3AKB, proposals for the agency they are addressed to, and the public "you said, we did"."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from jaga.access.policy import get_object, visible
from jaga.access.users import User
from jaga.people.models import Person
from jaga.voice.models import ChildForum, Consultation, ForumMember, Proposal
from jaga.voice.models.forums import ProposalStatus


def forums_for(user: User) -> QuerySet[ChildForum]:
    forums = ChildForum.objects.select_related("area").annotate(
        open_proposals=Count("proposals", filter=Q(proposals__status=ProposalStatus.SENT))
    )
    return visible(user, "voice.forum_manage", forums).order_by("area__code")


def forum_get(user: User, pk: int) -> ChildForum:
    return get_object(user, "voice.forum_manage", ChildForum.objects.select_related("area"), pk=pk)


def facilitator_candidate(username: str) -> Person | None:
    """The account named to facilitate a forum (the service checks its role)."""
    return Person.objects.filter(username=username, is_active=True).first()


def members_of(forum: ChildForum) -> QuerySet[ForumMember]:
    """Current members (under 18 this year, not left) of a forum already fetched through
    the policy; the caller audits the read."""
    return ForumMember.objects.current().filter(forum=forum)


def consultations_of(forum: ChildForum) -> QuerySet[Consultation]:
    return forum.consultations.annotate(n_proposals=Count("proposals"))


def proposals_of(forum: ChildForum) -> QuerySet[Proposal]:
    return forum.proposals.select_related("addressee", "consultation", "action_item")


def proposals_to_answer(user: User) -> QuerySet[Proposal]:
    """Proposals addressed to the person's agency (all of the city for DP3AKB), unanswered
    first."""
    proposals = Proposal.objects.select_related("forum__area", "addressee", "action_item")
    return visible(user, "voice.proposal_answer", proposals).order_by("-status", "-sent_on")


def proposal_to_answer(user: User, pk: int) -> Proposal:
    return get_object(user, "voice.proposal_answer", proposals_to_answer(user), pk=pk)


def proposal_of_forum(user: User, forum: ChildForum, pk: int) -> Proposal:
    return get_object(user, "voice.forum_manage", proposals_of(forum), pk=pk)


def proposals_public() -> QuerySet[Proposal]:
    """Every proposal with its answer, for the public page (no personal data in either:
    a forum's name, a title, an agency, a status, an answer)."""
    proposals = Proposal.objects.select_related("forum", "addressee", "action_item")
    return proposals.order_by("-sent_on", "-pk")
