"""Who may see and change the FP2ATBM forum: activists their own chapter (and only the cases
whose team they are on), kelurahan officers their kelurahan's chapter, DP3AKB the city,
analysts aggregates only."""

from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

# Activists' names and phones are personal data: the chapter itself and those who run it.
register(
    "forum.view",
    _("Melihat FP2ATBM kelurahan beserta aktivisnya"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
        Role.ACTIVIST: Scope.ORGANISATION,
    },
)
register(
    "forum.manage",
    _("Mengubah dan mengimpor FP2ATBM kelurahan, aktivis dan pelatihannya"),
    {Role.CITY_ADMIN: Scope.CITY, Role.KELURAHAN_OFFICER: Scope.KELURAHAN},
)
register(
    "forum.invite",
    _("Membuat akun aktivis FP2ATBM dari data aktivis"),
    {Role.CITY_ADMIN: Scope.CITY, Role.KELURAHAN_OFFICER: Scope.KELURAHAN},
)
register(
    "forum.sessions",
    _("Melihat sosialisasi, rapat koordinasi dan laporan bulanan FP2ATBM"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
        Role.ACTIVIST: Scope.ORGANISATION,
    },
)
register(
    "forum.record",
    _("Mencatat sosialisasi dan rapat koordinasi FP2ATBM kelurahan sendiri"),
    {Role.ACTIVIST: Scope.ORGANISATION},
)
# The service also requires the ketua of the chapter: the rule says who may try at all.
register(
    "forum.report_confirm",
    _("Mengonfirmasi laporan bulanan FP2ATBM (ketua)"),
    {Role.ACTIVIST: Scope.ORGANISATION},
)
register(
    "forum.accompany",
    _("Mencatat pendampingan korban pada kasus yang timnya diikuti"),
    {Role.ACTIVIST: Scope.CASE_TEAM},
)
register(
    "forum.accompaniments",
    _("Melihat pendampingan yang dicatat sendiri"),
    {Role.ACTIVIST: Scope.OWN},
)
register(
    "forum.transport",
    _("Melihat rekap biaya transport pendampingan per aktivis per bulan"),
    {Role.CITY_ADMIN: Scope.CITY},
)
# Aggregates, no personal data.
register(
    "forum.reach",
    _("Melihat cakupan FP2ATBM dan denyut kelurahan (angka agregat)"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.UPTD_HEAD: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
        Role.ACTIVIST: Scope.KELURAHAN,
        Role.TASKFORCE_MEMBER: Scope.CITY,
        Role.ANALYST: Scope.PROVINCE,
    },
)
register(
    "forum.export",
    _("Mengekspor tabel cakupan FP2ATBM (XLSX/PDF)"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
        Role.ANALYST: Scope.PROVINCE,
    },
)

add_action(
    Action(
        "forum.record",
        "forum:session_new",
        _("Catat sosialisasi"),
        _("Sosialisasi atau edukasi FP2ATBM: tanggal, RT, topik, jumlah peserta."),
        order=6,
    )
)
add_action(
    Action(
        "forum.sessions",
        "forum:index",
        _("FP2ATBM"),
        _("FP2ATBM kelurahan: aktivis, sosialisasi, pendampingan, laporan bulanan."),
        order=33,
    )
)
add_action(
    Action(
        "forum.accompany",
        "forum:my_cases",
        _("Pendampingan korban"),
        _("Kasus yang timnya Anda ikuti: catat pendampingan dan biaya transport."),
        order=6,
    )
)
add_action(
    Action(
        "forum.report_confirm",
        "forum:report",
        _("Laporan bulanan FP2ATBM"),
        _("Ketua: konfirmasi laporan bulan ini dalam satu ketukan."),
        order=7,
    )
)
add_action(
    Action(
        "forum.reach",
        "forum:reach_index",
        _("Cakupan FP2ATBM"),
        _("Aktivis, sosialisasi, warga terjangkau, dan kelurahan yang senyap."),
        order=34,
    )
)
add_action(
    Action(
        "forum.transport",
        "forum:transport",
        _("Biaya transport aktivis"),
        _("Rekap biaya transport pendampingan per aktivis per bulan."),
        order=35,
    )
)
add_action(
    Action(
        "forum.manage",
        "forum:import",
        _("Impor FP2ATBM"),
        _("FP2ATBM kelurahan, aktivis dan pelatihan dari templat XLSX/CSV."),
        order=36,
    )
)
