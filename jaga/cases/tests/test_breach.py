"""The breach-notice report (issue 19, item 12): for one victim, every event in which someone
saw or exported their identity — a partner reading the referral and its letter, an export
that included them, a reveal, the case team's reads — with who, organisation, when, address
and the signed checkpoint; nothing of another victim's."""

from django.urls import reverse
from django.utils import timezone

from jaga.audit.breach import identity_events
from jaga.audit.checkpoints import checkpoint_write
from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases.breach import _watches, breach_report, breach_subjects_by_nik, breach_subjects_of
from jaga.cases.models import PersonKind
from jaga.cases.services import case_open
from jaga.core.periods import Period, current_month
from jaga.figures.services import simfoni_export_build, simfoni_export_request, simfoni_export_take
from jaga.referrals.tests.helpers import NIK, ReferralTestCase, pdf_text
from jaga.reports.tests.helpers import make_report
from jaga.testing import queries_run

OTHER_NIK = "6471010101900002"


class BreachReportTests(ReferralTestCase):
    def setUp(self):
        super().setUp()
        self.victim = self.case.people.get(kind=PersonKind.VICTIM)
        # Another child in another case: none of the events below concern them.
        other_report = make_report(self, victim_name="Budi Santoso", victim_nik=OTHER_NIK)
        self.other_case = case_open(report=other_report, by=self.manager)
        self.other = self.other_case.people.get(kind=PersonKind.VICTIM)

    def sightings(self):
        """What happens to the victim: the partner reads the referral and downloads its
        letter, the admin reveals the case, the admin exports SIMFONI-PPA with identities
        and downloads it; a manager reads the other case too."""
        referral = self.send()
        self.login(self.partner)
        self.client.get(reverse("referrals:detail", args=[referral.pk]))
        self.client.get(reverse("referrals:letter", args=[referral.pk]))
        self.login(self.admin)
        self.client.post(
            reverse("cases:reveal", args=[self.case.pk]),
            {"reason": "Pemeriksaan pengaduan keluarga korban"},
        )
        month = current_month()
        export = simfoni_export_request(
            by=self.admin,
            area_code="64.71",
            period=Period.months(month, month),
            file_format="csv",
            with_identity=True,
        )
        simfoni_export_build(export_id=export.pk)
        simfoni_export_take(export=export, by=self.admin)
        self.login(self.manager)
        self.client.get(reverse("cases:detail", args=[self.other_case.pk]))
        return referral, export

    def report_of(self, person, **kwargs):
        return breach_report(self.admin, breach_subjects_of(self.admin, person.case_id, person.pk))

    def test_the_report_lists_exactly_who_saw_or_exported_the_identity(self):
        referral, export = self.sightings()
        report = self.report_of(self.victim)
        got = [
            (e.seen.event.action, e.what, e.seen.event.actor.username, e.organisations)
            for e in report.entries
        ]
        partner, admin = ["Puskesmas Manggar"], ["DP3AKB Balikpapan"]
        self.assertEqual(
            got,
            [
                (AuditAction.READ, f"rujukan #{referral.pk}", "partner", partner),
                (AuditAction.DOWNLOAD, f"rujukan #{referral.pk}", "partner", partner),  # letter
                (AuditAction.REVEAL, f"kasus {self.case.number}", "admin", admin),
                (AuditAction.READ, f"kasus {self.case.number}", "admin", admin),
                (AuditAction.EXPORT, f"ekspor SIMFONI-PPA #{export.pk}", "admin", admin),
                (AuditAction.DOWNLOAD, f"ekspor SIMFONI-PPA #{export.pk}", "admin", admin),
            ],
        )
        first = report.entries[0]
        self.assertEqual(first.seen.event.ip, "127.0.0.1")
        self.assertTrue(timezone.is_aware(first.seen.event.at))
        self.assertIsNone(first.seen.checkpoint.checkpoint)  # not signed yet
        self.assertIn("belum ada", first.checkpoint)

        other = self.report_of(self.other)
        self.assertEqual(
            [(e.seen.event.action, e.what, e.seen.event.actor.username) for e in other.entries],
            [
                # The export included both children; the manager read the other case.
                (AuditAction.EXPORT, f"ekspor SIMFONI-PPA #{export.pk}", "admin"),
                (AuditAction.DOWNLOAD, f"ekspor SIMFONI-PPA #{export.pk}", "admin"),
                (AuditAction.READ, f"kasus {self.other_case.number}", "manager"),
            ],
        )

    def test_events_lie_under_a_verified_checkpoint_and_a_rewrite_shows(self):
        self.sightings()
        checkpoint = checkpoint_write()
        report = self.report_of(self.victim)
        for entry in report.entries:
            self.assertEqual(entry.seen.checkpoint.checkpoint.seq, checkpoint.seq)
            self.assertTrue(entry.seen.checkpoint.verified)
            self.assertIn("terverifikasi", entry.checkpoint)
        # An insider edits the partner's read (its address) under the signed head.
        event = report.entries[0].seen.event
        AuditEvent.objects.filter(pk=event.pk).update(ip="10.0.0.9")
        report = self.report_of(self.victim)
        self.assertFalse(report.entries[0].seen.checkpoint.verified)
        self.assertIn("TIDAK COCOK", report.entries[0].checkpoint)

    def test_by_nik_through_the_blind_index(self):
        self.sightings()
        by_case = self.report_of(self.victim)
        subjects = breach_subjects_by_nik(self.admin, NIK)
        self.assertEqual([p.pk for p in subjects.people], [self.victim.pk])
        self.assertEqual([r.pk for r in subjects.reports], [self.case.report_id])
        by_nik = breach_report(self.admin, subjects)
        ids = [e.seen.event.seq for e in by_nik.entries]
        self.assertEqual(ids, [e.seen.event.seq for e in by_case.entries])

    def test_one_query_for_the_trail(self):
        self.sightings()
        watches = _watches(breach_subjects_of(self.admin, self.case.pk, self.victim.pk))
        checkpoint_write()
        # The trail, the checkpoints, the chain from the events to their checkpoint.
        with queries_run() as queries, self.assert_query_count(3):
            identity_events(watches, [("cases.caseperson", self.victim.pk)])
        self.assertIn("audit_auditsubject", queries[0])

    def test_the_page_and_pdf_for_the_city_admin_audited(self):
        self.sightings()
        url = reverse("cases:breach_person", args=[self.case.pk, self.victim.pk])
        self.login(self.admin)
        page = self.client.get(url)
        self.assertContains(page, "Puskesmas Manggar")
        self.assertContains(page, self.case.number)
        self.assertNotContains(page, "Siti")  # the person is named by record, never by name
        pdf = self.client.get(url + "?format=pdf")
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertIn("attachment", pdf["Content-Disposition"])
        text = pdf_text(pdf.content)
        self.assertIn("Puskesmas Manggar", text)
        self.assertNotIn("Siti", text)
        made = AuditEvent.objects.filter(
            object_type="cases.caseperson", object_id=str(self.victim.pk), actor=self.admin
        ).values_list("action", "fields")
        self.assertIn((AuditAction.READ, ["breach_report"]), list(made))
        self.assertIn((AuditAction.EXPORT, ["breach_report.pdf"]), list(made))
        # The report's own making is no sighting.
        self.assertEqual(len(self.report_of(self.victim).entries), 6)

    def test_lookup_by_nik_posts_and_by_case_number_lists_victims(self):
        self.sightings()
        self.login(self.admin)
        url = reverse("cases:breach")
        self.assertEqual(self.client.get(url).status_code, 200)
        shown = self.client.post(url, {"nik": NIK})
        self.assertContains(shown, "Puskesmas Manggar")
        pdf = self.client.post(url, {"nik": NIK, "pdf": "1"})
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        listed = self.client.post(url, {"number": self.case.number})
        self.assertContains(
            listed, reverse("cases:breach_person", args=[self.case.pk, self.victim.pk])
        )
        self.assertEqual(self.client.post(url, {"nik": "123"}).status_code, 400)

    def test_allowed_and_denied(self):
        url = reverse("cases:breach_person", args=[self.case.pk, self.victim.pk])
        for person, status in [
            (self.admin, 200),
            (self.manager, 403),
            (self.head, 403),
            (self.partner, 403),
            (self.analyst, 403),
            (self.outsider, 404),  # another city's administrator
        ]:
            self.login(person)
            self.assertEqual(self.client.get(url).status_code, status, person)
        self.login(self.outsider)
        self.assertEqual(breach_subjects_by_nik(self.outsider, NIK).people, [])
        self.login(self.admin)  # a person of another case under this case's number: nothing
        tampered = reverse("cases:breach_person", args=[self.case.pk, self.other.pk])
        self.assertEqual(self.client.get(tampered).status_code, 404)
