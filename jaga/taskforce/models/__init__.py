"""The Gugus Tugas KLA: its composition by decree, its meetings (agenda, attendance, outcomes,
minutes) and the action items that are followed up until closed with evidence.

Nothing here holds a case, a victim or a child's details: the task force works on the city's
programmes, and its members never see case files."""

from jaga.taskforce.models.actions import ActionItem, ActionProgress, ActionStatus, document_path
from jaga.taskforce.models.composition import FocalPerson, Member, MemberRole, Taskforce
from jaga.taskforce.models.meetings import (
    ATTENDED,
    AgendaItem,
    AgendaKind,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeKind,
)
from jaga.taskforce.models.minutes import CorrectionKind, Minutes, MinutesCorrection, MinutesStatus

__all__ = [
    "ATTENDED",
    "ActionItem",
    "ActionProgress",
    "ActionStatus",
    "AgendaItem",
    "AgendaKind",
    "Attendance",
    "AttendanceStatus",
    "CorrectionKind",
    "FocalPerson",
    "Meeting",
    "MeetingKind",
    "Member",
    "MemberRole",
    "Minutes",
    "MinutesCorrection",
    "MinutesStatus",
    "Outcome",
    "OutcomeKind",
    "Taskforce",
    "document_path",
]
