from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

register("audit.view", _("Melihat jejak audit (siapa melihat apa)"), {Role.CITY_ADMIN: Scope.CITY})

add_action(
    Action(
        "audit.view",
        "audit:list",
        _("Jejak audit"),
        _("Siapa melihat atau mengubah data, dan kapan."),
        order=90,
    )
)
