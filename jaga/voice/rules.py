"""Who may do what with the children's voice. Nobody — not even the city administrator — is
given a rule that lists single survey answers: the raw answers are read only by the
aggregating selectors (``jaga/voice/selectors/results.py``)."""

from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

# Children and the public: the survey, the help screen, public results and answers.
register("voice.public", _("Menjawab survei anak dan melihat hasil publiknya"), public=True)
register("voice.round_manage", _("Menyusun putaran survei anak"), {Role.CITY_ADMIN: Scope.CITY})
SESSION_GRANTS = {
    Role.CITY_ADMIN: Scope.CITY,
    Role.ACTIVIST: Scope.KELURAHAN,
    Role.PARTNER_OFFICER: Scope.ORGANISATION,  # a teacher, for their own school
}
register("voice.session_open", _("Membuka sesi survei anak"), SESSION_GRANTS)
# The counts of answers of a session, never single answers.
register("voice.session_view", _("Melihat sesi survei anak dan jumlah jawabannya"), SESSION_GRANTS)
register(
    "voice.results",
    _("Melihat hasil survei anak (angka agregat dengan penyamaran)"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.UPTD_HEAD: Scope.CITY,
        Role.ANALYST: Scope.PROVINCE,
        Role.TASKFORCE_MEMBER: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
    },
)
register("voice.forum_create", _("Mencatat Forum Anak"), {Role.CITY_ADMIN: Scope.CITY})
# Members' data: the forum's facilitators (its team) and DP3AKB only.
register(
    "voice.forum_manage",
    _("Mengelola Forum Anak: anggota, konsultasi dan usulan"),
    {Role.CITY_ADMIN: Scope.CITY, Role.ACTIVIST: Scope.CASE_TEAM},
)
register(
    "voice.proposal_answer",
    _("Menjawab usulan Forum Anak yang ditujukan kepada instansinya"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.PARTNER_OFFICER: Scope.ORGANISATION,
        Role.TASKFORCE_MEMBER: Scope.ORGANISATION,
    },
)

add_action(
    Action(
        "voice.session_open",
        "voice:session_new",
        _("Buka sesi survei “Aku merasa aman?”"),
        _("Kode dan QR untuk satu kelas; anak menjawab tanpa akun"),
        order=60,
    )
)
add_action(
    Action(
        "voice.results",
        "voice:results",
        _("Hasil survei anak"),
        _("Apakah anak merasa aman: per putaran, wilayah, umur dan jenis kelamin"),
        order=61,
    )
)
add_action(
    Action(
        "voice.forum_manage",
        "voice:forums",
        _("Forum Anak"),
        _("Anggota, konsultasi dan usulan anak"),
        order=62,
    )
)
add_action(
    Action(
        "voice.proposal_answer",
        "voice:proposals",
        _("Usulan anak untuk instansi Anda"),
        _("Jawab apa yang sudah dilakukan"),
        order=63,
    )
)
