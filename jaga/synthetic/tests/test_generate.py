import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TestCase

from jaga.audit.services import audit_verify
from jaga.cases.models import Case, CasePerson, CaseService, PersonKind
from jaga.people.models import Person
from jaga.referrals.models import Referral
from jaga.reports.models import Report
from jaga.synthetic.services import synthetic_generate


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
