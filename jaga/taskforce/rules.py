"""Who sees and does what in the Gugus Tugas KLA. Members see the task force's meetings,
final minutes, action items and figures; draft minutes only the attending organisations and
the secretariat; an owner organisation updates its own action items; the secretariat (DP3AKB:
its city administrators, or a task-force member working there) manages everything. None of
these rules opens a case file, and the public sees nothing here."""

from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

# Checked on a Taskforce, Meeting, AgendaItem or ActionItem: the city scope reaches them by
# their task force's area.
register(
    "taskforce.view",
    _("Melihat Gugus Tugas KLA: susunan, rapat, notulen final, rencana aksi dan angkanya"),
    {Role.CITY_ADMIN: Scope.CITY, Role.TASKFORCE_MEMBER: Scope.CITY},
)
# Checked on a Taskforce or a Meeting: the organisation scope reaches them by the secretariat.
register(
    "taskforce.manage",
    _("Mengelola Gugus Tugas KLA (sekretariat): susunan, rapat, undangan, kehadiran, hasil"),
    {Role.CITY_ADMIN: Scope.CITY, Role.TASKFORCE_MEMBER: Scope.ORGANISATION},
)
# Checked on Minutes: the organisation scope reaches those of meetings the organisation
# attended, and all of them for the secretariat.
register(
    "taskforce.minutes_draft",
    _("Membaca notulen yang belum final dan mengirim koreksi (peserta rapat, sekretariat)"),
    {Role.CITY_ADMIN: Scope.CITY, Role.TASKFORCE_MEMBER: Scope.ORGANISATION},
)
# Checked on an ActionItem: the organisation scope reaches its owner's and the secretariat's.
register(
    "taskforce.action_update",
    _("Mencatat kemajuan dan menutup rencana aksi (organisasi penanggung jawab, sekretariat)"),
    {Role.CITY_ADMIN: Scope.CITY, Role.TASKFORCE_MEMBER: Scope.ORGANISATION},
)
# Aggregates only (no names): also for the analyst and for the KLA evaluation.
register(
    "taskforce.figures",
    _("Melihat angka Gugus Tugas KLA (rapat, kehadiran, rencana aksi)"),
    {Role.CITY_ADMIN: Scope.CITY, Role.TASKFORCE_MEMBER: Scope.CITY, Role.ANALYST: Scope.CITY},
)

add_action(
    Action(
        "taskforce.view",
        "taskforce:home",
        _("Gugus Tugas KLA"),
        _("Rapat, keputusan dan rencana aksi yang ditindaklanjuti sampai selesai."),
        order=12,
    )
)
add_action(
    Action(
        "taskforce.figures",
        "taskforce:figures",
        _("Angka Gugus Tugas KLA"),
        _("Rapat per tahun, kehadiran per organisasi dan klaster, rencana aksi selesai."),
        order=45,
    )
)
