from jaga.casework.models.assessment import (
    SAFETY_PLAN_LEVELS,
    Assessment,
    Flag,
    FlagKind,
    NeedDomain,
    RiskLevel,
)

__all__ = [
    "SAFETY_PLAN_LEVELS",
    "Assessment",
    "Flag",
    "FlagKind",
    "NeedDomain",
    "RiskLevel",
]
