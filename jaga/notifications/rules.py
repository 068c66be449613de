from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

register("notifications.inbox", _("Membaca notifikasi sendiri"), signed_in=True)
register(
    "notifications.preferences",
    _("Memilih saluran dan jam tenang notifikasi sendiri"),
    signed_in=True,
)
register(
    "notifications.outbox",
    _("Melihat pesan yang gagal terkirim dan mengirim ulang"),
    {Role.CITY_ADMIN: Scope.CITY},
)

add_action(
    Action(
        "notifications.inbox",
        "notifications:inbox",
        _("Notifikasi"),
        _("Pemberitahuan untuk Anda: rujukan, tenggat, eskalasi."),
        order=5,
    )
)
add_action(
    Action(
        "notifications.preferences",
        "notifications:preferences",
        _("Pengaturan notifikasi"),
        _("Terima juga lewat email atau WhatsApp; atur jam tenang."),
        order=95,
    )
)
add_action(
    Action(
        "notifications.outbox",
        "notifications:failed",
        _("Pesan gagal terkirim"),
        _("Email dan WhatsApp yang tidak sampai; kirim ulang."),
        order=92,
    )
)
