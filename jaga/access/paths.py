"""How a protected model tells the access policy where its scope lies (kept apart from the
policy so that models can declare it without importing the policy)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

# The code of the national area, the root above every province. It is no Kemendagri code and
# no prefix of one: every test of "is inside" asks for it by name (here and in the areas app).
NATIONAL_CODE = "ID"


def within(code: str, path: str = "code") -> Q:
    """A filter for rows whose area code (at ORM ``path``) is ``code`` or lies inside it; the
    national area holds every row that has an area."""
    if code == NATIONAL_CODE:
        return Q(**{f"{path}__isnull": False})
    return Q(**{path: code}) | Q(**{f"{path}__startswith": code + "."})


def lies_within(code: str, root: str) -> bool:
    """``within`` for one code in Python: ``code`` is ``root`` or inside it."""
    return root == NATIONAL_CODE or code == root or code.startswith(root + ".")


def depth(code: str) -> int:
    """How far below the national area (0) an area's code lies: a province is 1."""
    return 0 if code == NATIONAL_CODE else code.count(".") + 1


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
