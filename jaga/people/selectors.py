"""Reads of organisations and people, always through the access policy."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from jaga.access.policy import visible
from jaga.people.models import Membership, Organisation, Person


def person_list(user: Any, *, query: str = "") -> QuerySet[Person]:
    """People the user may see, with their memberships in two queries however many there are."""
    people = visible(user, "people.view", Person.objects.all())
    if query:
        people = people.filter(Q(full_name__icontains=query) | Q(username__icontains=query))
    return people.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.active().select_related("organisation", "area__parent"),
            to_attr="active_memberships",
        )
    ).order_by("full_name")


def person_memberships(person: Person) -> QuerySet[Membership]:
    return person.memberships.select_related("organisation", "area", "granted_by").order_by(
        "-started_at"
    )


def organisation_list(user: Any, *, kind: str = "") -> QuerySet[Organisation]:
    organisations = visible(user, "organisations.view", Organisation.objects.select_related("area"))
    return organisations.filter(kind=kind) if kind else organisations
