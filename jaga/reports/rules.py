from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

STAFF = {Role.CASE_MANAGER: Scope.CITY, Role.UPTD_HEAD: Scope.CITY}

register(
    "reports.submit",
    _("Mengirim laporan kekerasan (petugas RT untuk RT-nya; staf UPTD PPA dari saluran mana pun)"),
    {Role.RT_OFFICER: Scope.RT, **STAFF},
)
register(
    "reports.intake",
    _("Mencatat laporan dari hotline, datang langsung, dsb."),
    STAFF,
    identifying=True,
)
register(
    "reports.own", _("Melihat status laporan yang dibuat sendiri"), {Role.RT_OFFICER: Scope.OWN}
)
register("reports.public", _("Melapor dan melacak status laporan tanpa masuk"), public=True)
register(
    "reports.triage",
    _("Triase laporan masuk: verifikasi, tandai ganda, tutup, buka kasus"),
    STAFF,
    identifying=True,
)

add_action(
    Action(
        "reports.own",
        "reports:create",
        _("Laporkan kekerasan"),
        _("Satu layar: apa, kepada siapa, di mana, kapan. Tandai bila ada yang dalam bahaya."),
        order=10,
    )
)
add_action(
    Action(
        "reports.own",
        "reports:own",
        _("Laporan saya"),
        _("Status laporan yang Anda kirim."),
        order=11,
    )
)
add_action(
    Action(
        "reports.triage",
        "reports:queue",
        _("Antrean triase"),
        _("Laporan baru: yang mendesak di atas, lalu yang paling lama."),
        order=5,
    )
)
add_action(
    Action(
        "reports.intake",
        "reports:create",
        _("Catat laporan masuk"),
        _("Dari SAPA 129, datang langsung, sekolah, faskes, polisi, media sosial."),
        order=6,
    )
)
