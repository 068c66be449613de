from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

register(
    "security.unlock",
    _("Membuka kunci akun atau alamat setelah terlalu banyak percobaan masuk"),
    {Role.CITY_ADMIN: Scope.CITY},
)
add_action(
    Action(
        "security.unlock",
        "security:lockouts",
        _("Akun terkunci"),
        _("Buka kunci akun atau alamat yang gagal masuk berulang kali."),
        90,
    )
)
