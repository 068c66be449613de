from jaga.casework.models.approvals import (
    Approval,
    ApprovalRequirement,
    ApprovalStatus,
    Subject,
)
from jaga.casework.models.assessment import (
    SAFETY_PLAN_LEVELS,
    Assessment,
    Flag,
    FlagKind,
    NeedDomain,
    RiskLevel,
)
from jaga.casework.models.followups import (
    MONITORING_MONTHS,
    Closure,
    ClosureOutcome,
    ClosureReason,
    ContactKind,
    ContactOutcome,
    FollowUp,
    MonitoringPlan,
    ViewAnswer,
)
from jaga.casework.models.plan import AgreedWith, Goal, GoalOutcome, PlanReview, ServicePlan
from jaga.casework.models.transfers import Transfer, TransferKind, TransferStatus

__all__ = [
    "MONITORING_MONTHS",
    "MonitoringPlan",
    "Closure",
    "ClosureOutcome",
    "ClosureReason",
    "ContactKind",
    "ContactOutcome",
    "FollowUp",
    "ViewAnswer",
    "SAFETY_PLAN_LEVELS",
    "AgreedWith",
    "Approval",
    "ApprovalRequirement",
    "ApprovalStatus",
    "Assessment",
    "Flag",
    "FlagKind",
    "Goal",
    "GoalOutcome",
    "NeedDomain",
    "PlanReview",
    "RiskLevel",
    "ServicePlan",
    "Subject",
    "Transfer",
    "TransferKind",
    "TransferStatus",
]
