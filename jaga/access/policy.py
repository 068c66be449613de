"""The one access policy. Every page, API operation and export asks it; nothing else decides.

A rule names an action and, per role, the scope in which that role may take it. Whatever no
rule grants is denied. Records that can be protected describe, with ``AccessPaths``, how to
find their area, organisation, case team and owner, so the same rule filters a list and checks
a single record with one piece of code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, Q, QuerySet
from django.http import Http404
from django.utils.functional import Promise

from jaga.access.paths import AccessPaths, depth, lies_within
from jaga.access.roles import Role
from jaga.access.users import User

if TYPE_CHECKING:  # types only: the policy sits below the apps that hold people and areas
    from jaga.people.models import Membership, Person


class Scope(StrEnum):
    OWN = "own"  # records the person made
    RT = "rt"
    KELURAHAN = "kelurahan"
    KECAMATAN = "kecamatan"
    CITY = "city"
    PROVINCE = "province"
    COUNTRY = "country"  # the whole country: the national area's membership only
    ORGANISATION = "organisation"  # records held by the person's organisation
    CASE_TEAM = "case_team"  # records of cases whose team the person is on


# An area scope reaches up to the area of the same kind (its value is an ``AreaKind``; the
# areas app's tests hold the two lists together).
AREA_SCOPES = frozenset(
    {Scope.RT, Scope.KELURAHAN, Scope.KECAMATAN, Scope.CITY, Scope.PROVINCE, Scope.COUNTRY}
)

# A grant is one scope or several (their union): a case manager sees the cases of their city,
# and also a case of another city whose team they joined when it was transferred to them.
Grant = Scope | tuple[Scope, ...]


def grant_scopes(grant: Grant | None) -> tuple[Scope, ...]:
    if grant is None:
        return ()
    return grant if isinstance(grant, tuple) else (grant,)


@dataclass(frozen=True)
class Rule:
    name: str
    description: str | Promise
    grants: Mapping[Role, Grant] = field(default_factory=dict)
    public: bool = False  # anyone, signed in or not
    signed_in: bool = False  # anyone signed in, about their own account only
    identifying: bool = False  # shows or exports who a victim, reporter or family member is


RULES: dict[str, Rule] = {}


def register(
    name: str,
    description: str | Promise,
    grants: Mapping[Role, Grant] | None = None,
    *,
    public: bool = False,
    signed_in: bool = False,
    identifying: bool = False,
) -> Rule:
    """Declare a rule once, at import time of the app that owns it. ``identifying`` marks a
    rule under which a person sees or exports an identity: whoever any such rule grants must
    sign in with the second step and gets the short idle time-out (``identifying_roles``)."""
    if name in RULES:
        raise ValueError(f"rule {name!r} is declared twice")
    RULES[name] = Rule(name, description, dict(grants or {}), public, signed_in, identifying)
    return RULES[name]


def identifying_roles() -> frozenset[str]:
    """Every role some identifying rule grants, in any scope: read from the rules themselves,
    so a role given an identifying rule tomorrow needs the second step tomorrow."""
    return frozenset(role for r in RULES.values() if r.identifying for role in r.grants)


def memberships(user: User) -> list[Membership]:
    """The person's active memberships, read once per request."""
    if isinstance(user, AnonymousUser) or not getattr(user, "is_authenticated", False):
        return []
    if not user.is_active:
        return []
    cached = user.__dict__.get("_jaga_memberships")
    if cached is None:
        cached = list(user.memberships.active().select_related("area", "organisation__area"))
        user.__dict__["_jaga_memberships"] = cached
    return cached


def forget_memberships(user: User) -> None:
    user.__dict__.pop("_jaga_memberships", None)


def get_rule(name: str) -> Rule:
    try:
        return RULES[name]
    except KeyError:
        raise LookupError(f"no access rule named {name!r}") from None


def holds(user: User, rule_name: str) -> bool:
    """Whether the person may take the action somewhere (before any record is known)."""
    rule = get_rule(rule_name)
    if rule.public:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if rule.signed_in:
        return True
    return any(m.role in rule.grants for m in memberships(user))


def scope_q(user: User, rule_name: str, paths: AccessPaths) -> Q | None:
    """A filter for the records the person may take the action on, or None for none at all."""
    rule = get_rule(rule_name)
    if rule.public:
        return Q()
    result: Q | None = None
    for membership in memberships(user):
        for scope in grant_scopes(rule.grants.get(cast(Role, membership.role))):
            part = _membership_q(user, membership, scope, paths)
            if part is not None:
                result = part if result is None else result | part
    return result


def _membership_q(user: User, membership: Membership, scope: Scope, paths: AccessPaths) -> Q | None:
    if scope == Scope.OWN:
        return paths.owner_q(membership.person_id)
    if scope == Scope.CASE_TEAM:
        return paths.team_q(membership.person_id)
    if scope == Scope.ORGANISATION:
        return (
            paths.organisation_q(membership.organisation_id) if membership.organisation_id else None
        )
    code = membership.scope_area.ancestor_code(scope)
    # A membership whose area lies above the scope's level (say, a city for an RT scope) is a
    # misconfiguration: it grants nothing rather than everything.
    return paths.area_q(code) if code else None


def scope_roots(user: User, rule_name: str) -> list[str]:
    """The codes of the top areas in which the person holds an area-scoped grant of the rule,
    widest first: where their pages start."""
    rule = get_rule(rule_name)
    codes = set()
    for membership in memberships(user):
        for scope in grant_scopes(rule.grants.get(cast(Role, membership.role))):
            code = membership.scope_area.ancestor_code(scope) if scope in AREA_SCOPES else None
            if code:
                codes.add(code)
    # Drop areas inside another root, so nothing is listed twice.
    return sorted(
        (c for c in codes if not any(c != o and lies_within(c, o) for o in codes)),
        key=lambda c: (depth(c), c),
    )


def visible(user: User, rule_name: str, queryset: QuerySet) -> QuerySet:
    """The queryset cut down to what the person may take the action on."""
    condition = scope_q(user, rule_name, queryset.model.access)
    if condition is None:
        return queryset.none()
    return queryset.filter(condition)


def can(user: User, rule_name: str, target: Model | None = None) -> bool:
    """Whether the person may take the action (on ``target``, when given)."""
    if target is None:
        return holds(user, rule_name)
    if not holds(user, rule_name):
        return False
    known = _remembered(user, target)
    if rule_name in known:
        return known[rule_name]
    model = type(target)
    return visible(user, rule_name, model._default_manager.filter(pk=target.pk)).exists()


def can_each(
    user: User, rule_names: list[str], target: Model, *, remember: bool = False
) -> dict[str, bool]:
    """``can`` for several actions on one record, asked in one query (a case page shows
    what the person may do with the case). With ``remember`` the answers stay on this
    instance of the record for the person's later ``can`` and ``can_each`` on it: a page
    that renders after its last write asks every panel's questions at once."""
    known = _remembered(user, target)
    answers = dict.fromkeys(rule_names, False)
    answers.update({name: known[name] for name in rule_names if name in known})
    one = type(target)._default_manager.filter(pk=target.pk)
    # Rules the person holds through the same memberships and scopes have the same filter:
    # each distinct filter is asked once (a case page asks a dozen rules, mostly "the team").
    alike: dict[tuple, list[str]] = {}
    for name in rule_names:
        if name not in known and holds(user, name):
            alike.setdefault(_grant_key(user, name), []).append(name)
    if alike:
        groups = {f"rule_{i}": names for i, names in enumerate(alike.values())}
        checks = {k: Exists(visible(user, names[0], one)) for k, names in groups.items()}
        for key, allowed in one.values(**checks).get().items():
            answers.update(dict.fromkeys(groups[key], allowed))
    if remember:
        target.__dict__[_ANSWERS] = (user.pk, {**known, **answers})
    return answers


def _grant_key(user: User, rule_name: str) -> tuple:
    """What ``scope_q`` builds the rule's filter from, for this person: two rules with the
    same key have the same filter on any model."""
    rule = get_rule(rule_name)
    if rule.public:
        return ("public",)
    return tuple(
        (membership.pk, scope)
        for membership in memberships(user)
        for scope in grant_scopes(rule.grants.get(cast(Role, membership.role)))
    )


_ANSWERS = "_access_answers"


def _remembered(user: User, target: Model) -> dict[str, bool]:
    """The answers ``can_each(..., remember=True)`` kept on ``target`` for this person."""
    person_pk, answers = target.__dict__.get(_ANSWERS, (None, {}))
    return answers if person_pk is not None and person_pk == user.pk else {}


def get_object(user: User, rule_name: str, queryset: QuerySet, **lookup: Any) -> Any:
    """One record through the policy: a record the person may not see does not exist (404)."""
    try:
        return visible(user, rule_name, queryset).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def require(user: User, rule_name: str, target: Model | None = None) -> None:
    """Refuse (403) an action on a record the person can already see."""
    if not can(user, rule_name, target):
        raise PermissionDenied


def roles(user: Person) -> set[str]:
    return {m.role for m in memberships(user)}
