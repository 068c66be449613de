from django.test import TestCase

from jaga.areas.demo import demo_rt_count
from jaga.areas.models import Area, AreaKind
from jaga.areas.services import areas_import_reference, rt_code
from jaga.core.periods import last_closed_month
from jaga.sections.demo import sections_demo
from jaga.sections.models import Member, MonthlyReturn, Section, Training
from jaga.sections.selectors import coverage_figures


class DemoTests(TestCase):
    def test_realistic_and_idempotent(self):
        areas_import_reference(prefix="64.71")
        city = Area.objects.get(code="64.71")
        Area.objects.bulk_create(  # the demo's generated RTs, as ``jaga load-demo`` makes them
            Area(kind=AreaKind.RT, code=rt_code(k, n), parent=k, number=n, is_demo=True)
            for k in Area.objects.filter(kind=AreaKind.KELURAHAN)
            for n in range(1, demo_rt_count(k) + 1)
        )
        sections_demo()
        counts = [m.objects.count() for m in (Section, Member, Training, MonthlyReturn)]
        sections_demo()
        self.assertEqual(
            [m.objects.count() for m in (Section, Member, Training, MonthlyReturn)], counts
        )
        f = coverage_figures(city, last_closed_month())
        rts = Area.objects.filter(kind=AreaKind.RT).count()
        self.assertEqual(f.rts, rts)
        self.assertGreater(rts, 1500)
        self.assertTrue(88 <= f.pct_formed <= 98, f.pct_formed)
        self.assertTrue(45 <= f.pct_trained <= 75, f.pct_trained)
        self.assertTrue(60 <= f.pct_active <= 85, f.pct_active)
        self.assertGreater(Member.objects.count(), 1600)  # "more than 1,600 members"
        self.assertFalse(Section.objects.filter(is_demo=False).exists())
        self.assertFalse(Member.objects.filter(is_demo=False).exists())
