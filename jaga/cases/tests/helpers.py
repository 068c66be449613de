from jaga.cases.models import CaseMember, MemberRole
from jaga.cases.services import case_open
from jaga.reports.tests.helpers import make_report


def open_case(test, **report_overrides):
    """A case opened by ``manager`` from a fresh RT report (manager is on its team)."""
    report = make_report(test, **report_overrides)
    return case_open(report=report, by=test.manager)


def join(case, person, role=MemberRole.COMPANION):
    return CaseMember.objects.create(case=case, person=person, role=role)
