"""How a protected model tells the access policy where its scope lies (kept apart from the
policy so that models can declare it without importing the policy)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q


def within(code: str, path: str = "code") -> Q:
    """A filter for rows whose area code (at ORM ``path``) is ``code`` or lies inside it."""
    return Q(**{path: code}) | Q(**{f"{path}__startswith": code + "."})


@dataclass(frozen=True)
class AccessPaths:
    """Where a protected model keeps what the scopes look at. Each is an ORM path: to the code
    of the record's area, to its organisation, to a case-team member, to its creator."""

    area_code: str | tuple[str, ...] | None = None
    organisation: str | tuple[str, ...] | None = None
    team: str | None = None
    owner: str | None = None

    def area_q(self, code: str) -> Q | None:
        return _any_of(self.area_code, lambda path: within(code, path))

    def organisation_q(self, organisation_id: int) -> Q | None:
        return _any_of(self.organisation, lambda path: Q(**{path: organisation_id}))

    def team_q(self, person_id: int) -> Q | None:
        return Q(**{self.team: person_id}) if self.team else None

    def owner_q(self, person_id: int) -> Q | None:
        return Q(**{self.owner: person_id}) if self.owner else None


def _any_of(paths: str | tuple[str, ...] | None, make: Callable[[str], Q]) -> Q | None:
    if not paths:
        return None
    result = Q()
    for path in (paths,) if isinstance(paths, str) else paths:
        result |= make(path)
    return result
