from django.test import TestCase
from django.urls import reverse

import jaga.testing  # noqa: F401  (force_login counts as past the second step)
from jaga.access.roles import Role
from jaga.areas.demo import demo_rt_count
from jaga.areas.models import Area, AreaKind
from jaga.areas.services import areas_import_reference, rt_code
from jaga.core.demo import demo_load
from jaga.core.periods import last_closed_month
from jaga.people.models import Membership, Person
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


class DemoOfficersTests(TestCase):
    def test_each_demo_rt_officer_is_a_member_of_their_formed_section(self):
        logins = demo_load()
        officers = Membership.objects.filter(role=Role.RT_OFFICER, person__is_demo=True)
        self.assertGreaterEqual(officers.count(), 2)
        self.assertIn("rt.manggar.001", [login.username for login in logins])
        for membership in officers.select_related("area"):
            with self.subTest(rt=str(membership.area)):
                section = Section.objects.get(rt=membership.area)
                self.assertTrue(section.is_formed)
                member = section.members.get(person=membership.person)
                self.assertTrue(member.is_active)
        demo_load()  # loading again adds no second membership
        self.assertEqual(Member.objects.filter(person__isnull=False).count(), officers.count())

    def test_coverage_of_rt_001_manggar_shows_its_officer_as_member(self):
        demo_load()
        officer = Person.objects.get(username="rt.manggar.001")
        rt = officer.memberships.get().area
        self.client.force_login(Person.objects.get(username="petugas.kelurahan"))
        page = self.client.get(reverse("sections:detail", args=[rt.code]))
        self.assertContains(page, '<span class="badge ok">')
        self.assertNotContains(page, "belum terbentuk")
        self.assertNotContains(page, "Belum ada anggota tercatat")
