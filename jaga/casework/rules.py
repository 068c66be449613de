"""Who may do what in case management. The case team works the case; the UPTD PPA head
decides approvals and reassigns across the city; the city administrator chooses what needs
approval."""

from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, HomePanel, add_action, add_home_panel

TEAM = {
    Role.CASE_MANAGER: Scope.CASE_TEAM,
    Role.UPTD_HEAD: Scope.CASE_TEAM,
    Role.ACTIVIST: Scope.CASE_TEAM,
    Role.PARTNER_OFFICER: Scope.CASE_TEAM,
}
UPTD_TEAM = {Role.CASE_MANAGER: Scope.CASE_TEAM, Role.UPTD_HEAD: Scope.CASE_TEAM}
# The head oversees their city's cases, and a case taken over from another city, whose team
# they join as its supervisor.
HEAD = (Scope.CITY, Scope.CASE_TEAM)

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
register(
    "casework.approve",
    _("Memutuskan permintaan persetujuan asesmen, rencana layanan dan penutupan kasus"),
    {Role.UPTD_HEAD: HEAD},
)
register(
    "casework.settings",
    _("Memilih hal yang memerlukan persetujuan kepala UPTD PPA"),
    {Role.CITY_ADMIN: Scope.CITY},
)
register(
    "casework.reassign",
    _("Menugaskan ulang kasus kepada manajer kasus lain (kepala UPTD PPA)"),
    {Role.UPTD_HEAD: HEAD},
)
register(
    "casework.transfer",
    _("Meminta pengalihan kasus kepada manajer kasus lain (manajer kasus dalam tim)"),
    {Role.CASE_MANAGER: Scope.CASE_TEAM},
)
register(
    "casework.transfer_answer",
    _("Menerima atau menolak pengalihan kasus yang ditawarkan kepada diri sendiri"),
    {Role.CASE_MANAGER: Scope.OWN},
)
register(
    "casework.transfer_city",
    _("Meminta pengalihan kasus ke UPTD PPA kota lain ketika korban pindah"),
    {Role.CASE_MANAGER: Scope.CASE_TEAM, Role.UPTD_HEAD: HEAD},
)
register(
    "casework.transfer_city_answer",
    _("Menerima (dan menunjuk manajer kasus) atau menolak kasus yang dialihkan dari kota lain"),
    {Role.UPTD_HEAD: Scope.ORGANISATION},
)

add_action(
    Action(
        "casework.approve",
        "casework:approval_queue",
        _("Persetujuan"),
        _("Asesmen, rencana layanan dan penutupan kasus yang menunggu keputusan Anda."),
        order=6,
    )
)
add_action(
    Action(
        "casework.settings",
        "casework:requirements",
        _("Persetujuan yang diperlukan"),
        _("Pilih hal yang perlu disetujui kepala UPTD PPA sebelum berlaku."),
        order=40,
    )
)
register(
    "casework.tasks",
    _("Melihat daftar tugas sendiri (Tugas saya)"),
    {
        Role.CASE_MANAGER: Scope.CASE_TEAM,
        Role.UPTD_HEAD: Scope.CASE_TEAM,
        Role.PARTNER_OFFICER: Scope.ORGANISATION,
    },
)

add_action(
    Action(
        "casework.tasks",
        "casework:tasks",
        _("Tugas saya"),
        _("Yang jatuh tempo dan terlambat di semua kasus dan rujukan Anda."),
        order=1,
    )
)
add_home_panel(HomePanel("casework.tasks", "casework/_home_tasks.html"))
