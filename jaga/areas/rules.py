from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

register(
    "areas.view",
    _("Melihat wilayah dan RT"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.UPTD_HEAD: Scope.CITY,
        Role.CASE_MANAGER: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
        Role.ANALYST: Scope.PROVINCE,
        Role.TASKFORCE_MEMBER: Scope.CITY,
    },
)
register("areas.manage", _("Mengimpor dan mengubah RT"), {Role.CITY_ADMIN: Scope.CITY})

add_action(
    Action(
        "areas.view",
        "areas:list",
        _("Wilayah dan RT"),
        _("Kecamatan, kelurahan dan RT di wilayah Anda."),
        order=80,
    )
)
add_action(
    Action(
        "areas.manage",
        "areas:import_rts",
        _("Impor RT"),
        _("Tambahkan RT dari berkas CSV atau XLSX."),
        order=81,
    )
)
