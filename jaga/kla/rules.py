"""Who sees what of the KLA evaluation. DP3AKB (the city administrator) runs the round;
agency focal people (task-force members) answer the indicators given to their organisation;
task-force members and analysts see the score and the progress; the province's verifier
reads this city's round and its evidence and comments per item; the public sees the final
predicate and score only. No rule here opens a case: the computed items are aggregates."""

from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

# Checked on a Round (its city).
register(
    "kla.view",
    _("Melihat evaluasi KLA kota: nilai, nilai berisiko dan kemajuan pengisian"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.TASKFORCE_MEMBER: Scope.CITY,
        Role.ANALYST: Scope.CITY,
        Role.KLA_VERIFIER: Scope.CITY,
    },
)
# Checked on a Round.
register(
    "kla.manage",
    _("Mengelola putaran evaluasi KLA (DP3AKB): membuka, menghitung ulang, mengirim"),
    {Role.CITY_ADMIN: Scope.CITY},
)
# Checked on an Assignment: the organisation scope reaches the indicators given to it.
register(
    "kla.answer",
    _("Menjawab butir indikator KLA yang diserahkan kepada organisasinya"),
    {Role.CITY_ADMIN: Scope.CITY, Role.TASKFORCE_MEMBER: Scope.ORGANISATION},
)
# Checked on an Assignment or an Evidence: the documents of an indicator are its agency's
# and DP3AKB's, not every task-force member's who sees the score.
register(
    "kla.evidence",
    _("Melihat dan mengunduh bukti indikator KLA organisasinya"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.TASKFORCE_MEMBER: Scope.ORGANISATION,
        Role.KLA_VERIFIER: Scope.CITY,
    },
)
# Checked on an Assignment: the verifier asks, DP3AKB and the indicator's agency answer.
register(
    "kla.comment",
    _("Menulis komentar verifikasi pada butir indikator KLA"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.TASKFORCE_MEMBER: Scope.ORGANISATION,
        Role.KLA_VERIFIER: Scope.CITY,
    },
)
register("kla.public", _("Melihat predikat dan nilai akhir KLA kota"), public=True)

add_action(
    Action(
        "kla.view",
        "kla:home",
        _("Evaluasi KLA"),
        _("Nilai sebelum kementerian melihatnya: butir, bukti dan angka dari data Jaga."),
        order=14,
    )
)
