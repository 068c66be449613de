"""What case management adds to the case workflow (registered on ``jaga.cases.hooks``): a
case is "assessed" only with a completed assessment; the case page shows this app's panel."""

from django.utils.translation import gettext as _

from jaga.cases.hooks import register_case_panel, register_transition_guard
from jaga.cases.models import Case, CaseStatus


@register_transition_guard
def assessment_required(case: Case, to_status: str) -> dict[str, str]:
    if to_status != CaseStatus.ASSESSED or case.assessments.exists():
        return {}
    return {
        "to_status": _(
            "Kasus baru dapat berstatus “Asesmen selesai” setelah asesmen dicatat "
            "(halaman Asesmen kasus ini)."
        )
    }


register_case_panel("casework/_case_panel.html")
