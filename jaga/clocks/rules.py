from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

register(
    "clocks.queue",
    _("Melihat antrean pekerjaan yang melewati tenggat (per organisasi dan per kelurahan)"),
    {
        # And the case they supervise, taken over from another city.
        Role.UPTD_HEAD: (Scope.CITY, Scope.CASE_TEAM),
        Role.CITY_ADMIN: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
    },
)
register(
    "clocks.targets",
    _("Mengatur target waktu layanan dan hari libur"),
    {Role.CITY_ADMIN: Scope.CITY},
)

add_action(
    Action(
        "clocks.queue",
        "clocks:queue",
        _("Pekerjaan terlambat"),
        _("Siapa yang tertahan: laporan, langkah kasus dan rujukan yang melewati tenggat."),
        order=8,
    )
)
add_action(
    Action(
        "clocks.targets",
        "clocks:targets",
        _("Target waktu layanan"),
        _("Batas waktu tiap langkah, untuk yang mendesak dan yang lain; hari libur."),
        order=60,
    )
)
