from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

TEAM = {
    Role.CASE_MANAGER: Scope.CASE_TEAM,
    Role.UPTD_HEAD: Scope.CASE_TEAM,
    Role.ACTIVIST: Scope.CASE_TEAM,
    Role.PARTNER_OFFICER: Scope.CASE_TEAM,
}

register(
    "cases.view",
    _("Melihat kasus (ringkasan tanpa identitas di luar tim kasus)"),
    {
        # The team too: a case transferred in from another city is the manager's own.
        Role.CASE_MANAGER: (Scope.CITY, Scope.CASE_TEAM),
        Role.UPTD_HEAD: (Scope.CITY, Scope.CASE_TEAM),
        Role.CITY_ADMIN: Scope.CITY,
        Role.ACTIVIST: Scope.CASE_TEAM,
        Role.PARTNER_OFFICER: Scope.CASE_TEAM,
    },
)
register(
    "cases.identity",
    _("Melihat identitas korban dan pelaku (tim kasus)"),
    TEAM,
    identifying=True,
)
register(
    "cases.reveal",
    _("Membuka identitas dalam kasus dengan alasan yang dicatat (administrator kota)"),
    {Role.CITY_ADMIN: Scope.CITY},
    identifying=True,
)
register(
    "cases.search",
    _("Mencari kasus menurut nomor, NIK atau nama korban"),
    {Role.CASE_MANAGER: Scope.CITY, Role.UPTD_HEAD: Scope.CITY},
    identifying=True,
)
register(
    "cases.open",
    _("Membuka kasus dari laporan yang ditriase"),
    {Role.CASE_MANAGER: Scope.CITY, Role.UPTD_HEAD: Scope.CITY},
)
register(
    "cases.edit",
    _("Mengubah kasus: status, data, korban, pelaku, layanan, persetujuan"),
    {Role.CASE_MANAGER: Scope.CASE_TEAM, Role.UPTD_HEAD: Scope.CASE_TEAM},
)
register(
    "cases.assign",
    _("Menambah anggota tim kasus"),
    {Role.CASE_MANAGER: Scope.CASE_TEAM, Role.UPTD_HEAD: Scope.CITY},
)
register(
    "cases.breach_report",
    _(
        "Laporan pemberitahuan kebocoran: siapa melihat atau mengekspor identitas seorang korban "
        "(administrator kota, pejabat pelindungan data)"
    ),
    {Role.CITY_ADMIN: Scope.CITY},
    identifying=True,  # a NIK looked up is tied to its cases
)
register("cases.note", _("Menulis catatan perkembangan dan melampirkan berkas (tim kasus)"), TEAM)

add_action(
    Action(
        "cases.view",
        "cases:list",
        _("Kasus"),
        _("Kasus yang Anda tangani atau awasi; cari menurut nomor, NIK atau nama."),
        order=7,
    )
)
add_action(
    Action(
        "cases.breach_report",
        "cases:breach",
        _("Pemberitahuan kebocoran data"),
        _("Siapa melihat atau mengekspor identitas seorang korban, untuk surat pemberitahuan."),
        order=91,
    )
)
