"""Case pieces shown on pages of the apps below cases (they cannot import cases):
``{% duplicate_cases_of report as duplicate_cases %}`` on a report's triage page."""

from django import template
from django.db.models import QuerySet

from jaga.cases.models import Case
from jaga.cases.selectors import duplicate_cases
from jaga.reports.models import Report

register = template.Library()


@register.simple_tag
def duplicate_cases_of(report: Report) -> QuerySet[Case]:
    """Case files that may be about the same victim as ``report``."""
    return duplicate_cases(
        nik_index=report.victim_nik_index,
        name_birth_index=report.victim_name_birth_index,
        rt_id=report.rt_id,
    )
