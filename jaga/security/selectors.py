"""Reads for sign-in protection: who must use two-factor sign-in, how long a session may sit
idle, and which accounts and addresses are locked out now."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from jaga.access.policy import identifying_roles, memberships, visible
from jaga.access.users import User
from jaga.people.models import Membership, Person

# The prefix marking a lockout counter for a typed name that matches no account.
UNKNOWN_NAME_PREFIX = "?"


def roles_now(user: User) -> set[str]:
    """The person's roles, read fresh from the database (never cached on ``user``)."""
    return set(Membership.objects.active().filter(person=user).values_list("role", flat=True))


def sees_identities(user: User, roles: set[str] | None = None) -> bool:
    """Whether the signed-in person holds a role that some identifying rule of the policy
    grants (UU 12/2022 art. 69-71, UU 27/2022), or is a technical superuser, who sees
    everything through the admin. ``roles`` defaults to the request's cached memberships."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if roles is None:
        roles = {m.role for m in memberships(user)}
    return bool(roles & identifying_roles())


def idle_seconds(user: User, roles: set[str] | None = None) -> int:
    """How long the person's session may stay unused before it ends."""
    if sees_identities(user, roles):
        return settings.IDLE_SECONDS_IDENTITY
    return settings.IDLE_SECONDS


@dataclass(frozen=True)
class Lockout:
    """An account or an address locked out now. ``person`` is None for an address, or for a
    typed name that matches no account (``username`` then holds only a keyed hash)."""

    key: str  # the username (account) or the IP address (address)
    person: Person | None
    failures: int
    last_attempt: datetime
    until: datetime


def _recent_attempts():
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=threshold)


def _locked(groups, field: str) -> list[tuple[str, int, datetime]]:
    limit = settings.AXES_FAILURE_LIMIT
    rows = groups.values(field).annotate(
        total=Sum("failures_since_start"), last=Max("attempt_time")
    )
    return [(r[field], r["total"], r["last"]) for r in rows if r[field] and r["total"] >= limit]


def lockouts_for(user: User) -> tuple[list[Lockout], list[Lockout]]:
    """Locked accounts (only of people within the person's scope under ``security.unlock``,
    plus unknown typed names) and locked addresses, newest first."""
    cooloff = settings.AXES_COOLOFF_TIME
    accounts = _locked(_recent_attempts(), "username")
    people = {
        p.username: p
        for p in visible(user, "security.unlock", Person.objects.all()).filter(
            username__in=[name for name, _total, _last in accounts]
        )
    }
    locked_accounts = [
        Lockout(name, people.get(name), total, last, last + cooloff)
        for name, total, last in accounts
        if name in people or name.startswith(UNKNOWN_NAME_PREFIX)
    ]
    locked_addresses = [
        Lockout(ip, None, total, last, last + cooloff)
        for ip, total, last in _locked(_recent_attempts(), "ip_address")
    ]
    newest_first = sorted(locked_accounts, key=lambda x: x.last_attempt, reverse=True)
    return newest_first, sorted(locked_addresses, key=lambda x: x.last_attempt, reverse=True)
