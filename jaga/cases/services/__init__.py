"""Writes about case files, one module per subject (Zulip's ``zerver/actions`` style). Each
write runs in one transaction, checks everything before saving, and leaves a dated step on the
case timeline and an audit event (field names only). Additions (people, services, notes, team,
consent, files) never overwrite anything and need no version."""

from jaga.cases.services.case import (
    case_attachment_add,
    case_note_add,
    case_open,
    case_record_change,
    case_reveal,
    case_transition,
    case_update,
    transition_problem,
)
from jaga.cases.services.consent import consent_allows_sharing, consent_record, consent_withdraw
from jaga.cases.services.people import (
    IDENTITY_FIELDS,
    NAME_PURPOSE,
    case_person_add,
    case_person_update,
)
from jaga.cases.services.record import case_lock, new_case_number
from jaga.cases.services.team import (
    TEAM_ROLES,
    case_member_add,
    case_member_remove,
    case_service_add,
)

__all__ = [
    "IDENTITY_FIELDS",
    "NAME_PURPOSE",
    "TEAM_ROLES",
    "case_attachment_add",
    "case_lock",
    "case_member_add",
    "case_member_remove",
    "case_note_add",
    "case_open",
    "case_person_add",
    "case_person_update",
    "case_record_change",
    "case_reveal",
    "case_service_add",
    "case_transition",
    "case_update",
    "consent_allows_sharing",
    "consent_record",
    "consent_withdraw",
    "new_case_number",
    "transition_problem",
]
