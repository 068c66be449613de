"""The children's voice: the Forum Anak (forums, members, facilitators, consultations,
proposals) and the anonymous survey "Aku merasa aman?" (questionnaires, rounds, sessions and
answers that hold nothing a child could be traced by)."""

from jaga.voice.models.forums import (
    ChildForum,
    Consultation,
    Facilitator,
    ForumLevel,
    ForumMember,
    MemberRole,
    Proposal,
    ProposalStatus,
)
from jaga.voice.models.survey import (
    AgeBand,
    Answer,
    ClassLevel,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Round,
    Sex,
    SurveySession,
)

__all__ = [
    "AgeBand",
    "Answer",
    "ChildForum",
    "ClassLevel",
    "Consultation",
    "Facilitator",
    "ForumLevel",
    "ForumMember",
    "MemberRole",
    "Proposal",
    "ProposalStatus",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "Response",
    "Round",
    "Sex",
    "SurveySession",
]
