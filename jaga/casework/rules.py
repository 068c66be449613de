"""Who may do what in case management. The case team works the case; the UPTD PPA head
decides approvals and reassigns across the city; the city administrator chooses what needs
approval."""

from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.people.models import Role

TEAM = {
    Role.CASE_MANAGER: Scope.CASE_TEAM,
    Role.UPTD_HEAD: Scope.CASE_TEAM,
    Role.ACTIVIST: Scope.CASE_TEAM,
    Role.PARTNER_OFFICER: Scope.CASE_TEAM,
}
UPTD_TEAM = {Role.CASE_MANAGER: Scope.CASE_TEAM, Role.UPTD_HEAD: Scope.CASE_TEAM}

register(
    "casework.view",
    _("Melihat asesmen, rencana layanan, tanda dan tindak lanjut kasus (tim kasus)"),
    TEAM,
)
register(
    "casework.assess",
    _("Mencatat asesmen dan rencana keselamatan, memasang tanda kasus (tim kasus UPTD PPA)"),
    UPTD_TEAM,
)
