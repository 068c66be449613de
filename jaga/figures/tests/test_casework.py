"""Case management figures: each measure from a few cases walked through the services."""

import datetime

from django.utils import timezone

from jaga.cases.models import Case
from jaga.cases.tests.helpers import open_case
from jaga.casework.models import FollowUp, Goal
from jaga.casework.services.followups import case_close
from jaga.casework.services.plan import goal_outcome_record
from jaga.casework.tests.helpers import ask, assess, decide, fresh, plan
from jaga.core.periods import Period, current_month
from jaga.figures.casework import casework_figures
from jaga.figures.selectors import FigureFilter, Ratio
from jaga.testing import JagaTestCase


def close(test, case, feels_safe="yes"):
    decide(test, ask(test, case, "closure"))
    case = fresh(case)
    case_close(
        case=case,
        by=test.manager,
        version=case.version,
        reason="goals_met",
        outcome="safe",
        note="Selesai.",
        view_consent=True,
        feels_safe=feels_safe,
        help_helped="yes",
    )


class CaseworkFiguresTests(JagaTestCase):
    def figures(self, now=None):
        month = current_month()
        return casework_figures(FigureFilter("64.71", Period.months(month, month)), now)

    def test_each_measure(self):
        on_time, late, _waiting = (open_case(self, is_urgent=False) for _ in range(3))
        assess(self, on_time)
        Case.objects.filter(pk=late.pk).update(
            opened_at=timezone.now() - datetime.timedelta(days=9)
        )
        assess(self, late)
        plan(self, on_time)
        decide(self, ask(self, on_time, "plan"))
        plan(self, late)
        goal = Goal.objects.filter(case=on_time).get()
        goal_outcome_record(
            goal=goal, by=self.manager, version=fresh(on_time).version, outcome="met", note="Ok"
        )
        close(self, on_time)
        figures = self.figures()
        self.assertEqual(figures.assessed_in_time, Ratio(1, 2))  # "waiting" is not due yet
        self.assertEqual(figures.approved_plan, Ratio(1, 3))
        self.assertEqual(figures.goals_met, Ratio(1, 1))
        self.assertEqual(figures.monitoring[0], (1, Ratio(0, 0)))  # none due yet
        later = timezone.now() + datetime.timedelta(days=40)
        FollowUp.objects.filter(months_after_closure=1).update(done_at=later)
        self.assertEqual(self.figures(later).monitoring[0], (1, Ratio(1, 1)))

    def test_victims_view_is_suppressed_when_small(self):
        for answer in ("yes", "yes", "no"):
            close(self, open_case(self), feels_safe=answer)
        figures = self.figures()
        self.assertEqual(figures.feels_safe.cells, [["<5"], ["0"], ["<5"]])
        self.assertEqual(figures.feels_safe.total, "<5")
        self.assertEqual(figures.help_helped.cells[0], ["<5"])
