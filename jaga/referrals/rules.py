from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

register(
    "referrals.send",
    _("Merujuk kasus ke mitra (tim kasus UPTD PPA)"),
    {Role.CASE_MANAGER: Scope.CASE_TEAM, Role.UPTD_HEAD: Scope.CASE_TEAM},
)
register(
    "referrals.view",
    _("Melihat rujukan: yang dikirim tim kasus, atau yang diterima organisasi mitra"),
    {
        Role.CASE_MANAGER: Scope.CASE_TEAM,
        # And the case they supervise, taken over from another city.
        Role.UPTD_HEAD: (Scope.CITY, Scope.CASE_TEAM),
        Role.CITY_ADMIN: Scope.CITY,
        Role.PARTNER_OFFICER: Scope.ORGANISATION,
    },
)
register(
    "referrals.shared",
    _("Membaca data yang dibagikan dalam rujukan dan mengunduh surat rujukan"),
    {
        Role.CASE_MANAGER: Scope.CASE_TEAM,
        Role.UPTD_HEAD: Scope.CASE_TEAM,
        Role.PARTNER_OFFICER: Scope.ORGANISATION,
    },
    identifying=True,
)
register(
    "referrals.respond",
    _("Menerima atau menolak rujukan, mencatat layanan, menyelesaikan (petugas mitra)"),
    {Role.PARTNER_OFFICER: Scope.ORGANISATION},
)

add_action(
    Action(
        "referrals.view",
        "referrals:list",
        _("Rujukan"),
        _("Rujukan kasus ke mitra: menunggu jawaban, dalam layanan, selesai."),
        order=9,
    )
)
