"""Reads of organisations and people, always through the access policy."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet

from jaga.access.policy import visible
from jaga.access.users import User
from jaga.core.crypto import normalise
from jaga.people.models import Membership, Organisation, OrganisationKind, Person, index_of_phone
from jaga.people.phone import normalise_phone


def _phone_index(query: str) -> str:
    try:
        return index_of_phone(normalise_phone(query))
    except ValidationError:
        return ""


def person_list(user: User, *, query: str = "") -> QuerySet[Person]:
    """People the user may see, with their memberships in two queries however many there are,
    by username. Names are encrypted: a query matches the username, a phone number exactly
    (its keyed index), or any part of the name, read (decrypted) one column of the accounts in
    reach — a city's few thousand accounts, never a case record."""
    people = visible(user, "people.view", Person.objects.all())
    if query:
        folded = normalise(query)
        named = [
            pk
            for pk, name in people.values_list("pk", "full_name").iterator()
            if folded in normalise(name)
        ]
        people = people.filter(
            Q(username__icontains=query) | Q(pk__in=named) | Q(phone_index=_phone_index(query))
        )
    return people.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.active().select_related("organisation", "area__parent"),
            to_attr="active_memberships",
        )
    ).order_by("username")


def person_memberships(person: Person) -> QuerySet[Membership]:
    return person.memberships.select_related("organisation", "area", "granted_by").order_by(
        "-started_at"
    )


def organisation_list(user: User, *, kind: str = "") -> QuerySet[Organisation]:
    organisations = visible(user, "organisations.view", Organisation.objects.select_related("area"))
    return organisations.filter(kind=kind) if kind else organisations


def organisation_choices_by_kind(organisations: QuerySet[Organisation]) -> list[tuple[str, list]]:
    """``(kind label, [(pk, name), ...])`` per kind, kinds in their declared order, names
    alphabetical: the choices of a grouped list of organisations."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for pk, name, kind in organisations.order_by("name").values_list("pk", "name", "kind"):
        groups.setdefault(kind, []).append((pk, name))
    return [(str(k.label), groups[k.value]) for k in OrganisationKind if k.value in groups]
