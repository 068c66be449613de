import io
from dataclasses import replace

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from jaga.access.paths import NATIONAL_CODE
from jaga.access.roles import Role
from jaga.areas.models import Area
from jaga.areas.services import BALIKPAPAN, areas_import_reference
from jaga.audit.models import AuditAction, AuditEvent
from jaga.audit.services import audit_verify
from jaga.cases.models import Case, CasePerson, CaseService, PersonKind
from jaga.people.models import Membership, Person
from jaga.referrals.models import Referral
from jaga.reports.models import Report
from jaga.synthetic.services import (
    SCALES,
    _people,
    synthetic_audit_top_up,
    synthetic_generate,
)


class GenerateTests(TestCase):
    def test_generates_marked_cases_in_batches_and_tops_up(self):
        totals = list(synthetic_generate(cases=25, batch_size=10))
        self.assertEqual(totals, [10, 20, 25])
        self.assertEqual(Case.objects.count(), 25)
        self.assertFalse(Case.objects.filter(is_demo=False).exists())
        self.assertFalse(Report.objects.filter(is_demo=False).exists())
        self.assertGreaterEqual(CasePerson.objects.filter(kind=PersonKind.VICTIM).count(), 25)
        self.assertGreaterEqual(CaseService.objects.count(), 25)
        referrals = Referral.objects.select_related("case_service")
        self.assertTrue(referrals.exists())
        for referral in referrals:  # each refers a service its case was given, by that partner
            self.assertEqual(referral.case_service.case_id, referral.case_id)
            self.assertEqual(referral.case_service.organisation_id, referral.organisation_id)
        self.assertEqual(list(synthetic_generate(cases=30, batch_size=10)), [30])
        self.assertIsNone(audit_verify())

    def test_identities_are_encrypted_at_rest(self):
        list(synthetic_generate(cases=5))
        victim = CasePerson.objects.filter(kind=PersonKind.VICTIM).first()
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, nik FROM cases_caseperson WHERE id = %s", [victim.pk])
            raw_name, raw_nik = cursor.fetchone()
        self.assertNotIn(victim.name, raw_name)
        self.assertNotIn(victim.nik, raw_nik)

    def test_same_seed_same_data(self):
        list(synthetic_generate(cases=5, seed=7))
        first = list(
            Case.objects.order_by("number").values_list("rt_id", "status", "incident_date")
        )
        Referral.objects.all().delete()
        Case.objects.all().delete()
        Report.objects.all().delete()
        list(synthetic_generate(cases=5, seed=7))
        again = list(
            Case.objects.order_by("number").values_list("rt_id", "status", "incident_date")
        )
        self.assertEqual(first, again)

    def test_refuses_a_database_with_real_records(self):
        Person.objects.create_user(username="real", password="x", full_name="Real Person")
        with self.assertRaisesMessage(CommandError, "data nyata"):
            call_command("generate_synthetic", cases=1, quiet=True, stdout=io.StringIO())
        self.assertFalse(Case.objects.exists())

    def test_tops_the_audit_trail_up_with_reads_of_the_cases(self):
        list(synthetic_generate(cases=20))
        totals = list(synthetic_audit_top_up(events=250, batch_size=100))
        self.assertEqual(totals[-1], 250)
        self.assertEqual(AuditEvent.objects.count(), 250)
        self.assertIsNone(audit_verify())
        self.assertEqual(list(synthetic_audit_top_up(events=250)), [])
        self.assertEqual(AuditEvent.objects.count(), 250)
        now = timezone.now()
        added = AuditEvent.objects.exclude(action=AuditAction.CREATE)
        self.assertFalse(added.filter(at__gt=now).exists())
        self.assertFalse(added.filter(area_code="").exists())
        by_partners = added.filter(object_type="referrals.referral")
        self.assertTrue(by_partners.exists())
        officers = Membership.objects.filter(role=Role.PARTNER_OFFICER).values("person")
        self.assertFalse(by_partners.exclude(actor__in=officers).exists())
        for event in added.filter(object_type="cases.case")[:50]:
            case = Case.objects.get(pk=event.object_id)
            self.assertGreaterEqual(event.at, case.opened_at)
            self.assertLessEqual(event.at, case.closed_at or now)


class NationalPeopleTests(TestCase):
    def test_the_whole_country_gets_the_national_analyst_a_city_does_not(self):
        areas_import_reference(prefix=BALIKPAPAN)
        city = Area.objects.get(code=BALIKPAPAN)
        small = {"case_managers": 1, "rt_officers": 0}
        _people(replace(SCALES["city"], **small), [], city)
        self.assertFalse(Person.objects.filter(username="syn.national").exists())
        _people(replace(SCALES["national"], **small), [], city)
        membership = Membership.objects.get(person__username="syn.national")
        self.assertEqual(
            (membership.role, membership.area.code), (Role.NATIONAL_ANALYST, NATIONAL_CODE)
        )
