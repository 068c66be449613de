from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

register(
    "organisations.view",
    _("Melihat organisasi"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.UPTD_HEAD: Scope.CITY,
        Role.CASE_MANAGER: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
        Role.TASKFORCE_MEMBER: Scope.CITY,
    },
)
register(
    "organisations.manage", _("Menambah dan mengubah organisasi"), {Role.CITY_ADMIN: Scope.CITY}
)
register(
    "people.view",
    _("Melihat akun orang"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.UPTD_HEAD: Scope.ORGANISATION,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
    },
)
register(
    "people.manage",
    _("Mengundang orang, memberi/mengakhiri peran, menonaktifkan akun"),
    {Role.CITY_ADMIN: Scope.CITY},
)

add_action(
    Action(
        "people.view",
        "people:list",
        _("Orang dan peran"),
        _("Undang orang, beri atau akhiri peran, nonaktifkan akun."),
        order=70,
    )
)
add_action(
    Action(
        "organisations.view",
        "people:organisations",
        _("Organisasi"),
        _("Lembaga dalam jaringan perlindungan."),
        order=71,
    )
)
