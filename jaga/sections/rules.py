"""Who may see and change the Seksi PPA registry, its coverage figures and zero reports."""

from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

# Members' names and phones are personal data: only those who run the network in an area.
register(
    "sections.view",
    _("Melihat daftar Seksi PPA RT beserta anggotanya"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
        Role.RT_OFFICER: Scope.RT,
    },
)
register(
    "sections.manage",
    _("Mengubah dan mengimpor Seksi PPA RT, anggota dan pelatihannya"),
    {Role.CITY_ADMIN: Scope.CITY, Role.KELURAHAN_OFFICER: Scope.KELURAHAN},
)
register(
    "sections.invite",
    _("Membuat akun petugas RT dari anggota Seksi PPA"),
    {Role.CITY_ADMIN: Scope.CITY, Role.KELURAHAN_OFFICER: Scope.KELURAHAN},
)
# Aggregates about RTs, no personal data: open to those who steer or evaluate the network.
register(
    "sections.coverage",
    _("Melihat cakupan Seksi PPA (angka agregat)"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.UPTD_HEAD: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
        Role.TASKFORCE_MEMBER: Scope.CITY,
        Role.ANALYST: Scope.PROVINCE,
    },
)
register(
    "sections.export",
    _("Mengekspor tabel cakupan Seksi PPA (XLSX/PDF)"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
    },
)
register(
    "sections.silent",
    _("Melihat RT yang senyap beserta nomor HP Seksi PPA-nya"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
    },
)
register(
    "sections.zero_report",
    _("Mengirim laporan nihil bulanan RT"),
    {Role.RT_OFFICER: Scope.RT},
)

add_action(
    Action(
        "sections.zero_report",
        "sections:zero_report",
        _("Laporan nihil bulan ini"),
        _("Satu ketukan: tidak ada kasus di RT Anda bulan ini."),
        order=5,
    )
)
add_action(
    Action(
        "sections.coverage",
        "sections:index",
        _("Cakupan Seksi PPA"),
        _("Seksi PPA terbentuk, terlatih dan aktif di setiap RT."),
        order=30,
    )
)
add_action(
    Action(
        "sections.silent",
        "sections:silent_index",
        _("RT senyap"),
        _("RT yang bulan lalu tidak melapor maupun mengirim laporan nihil."),
        order=31,
    )
)
add_action(
    Action(
        "sections.manage",
        "sections:import",
        _("Impor Seksi PPA"),
        _("Seksi, anggota dan pelatihan dari templat XLSX/CSV."),
        order=32,
    )
)
