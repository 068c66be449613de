import datetime
import io

from django.core.exceptions import ValidationError

from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases.hooks import guards_suspended
from jaga.cases.models import TRANSITIONS, Case, CaseEvent, CasePerson, CaseStatus, ShareField
from jaga.cases.selectors import case_list
from jaga.cases.services import (
    case_attachment_add,
    case_member_add,
    case_note_add,
    case_open,
    case_person_add,
    case_reveal,
    case_service_add,
    case_transition,
    case_update,
    consent_allows_sharing,
    consent_record,
    consent_withdraw,
)
from jaga.cases.tests.helpers import open_case
from jaga.reports.models import ReportStatus
from jaga.reports.tests.helpers import NIK, PDF_BYTES, make_report, png_bytes
from jaga.testing import JagaTestCase


class OpenTests(JagaTestCase):
    def test_open_from_report_copies_facts_and_victim(self):
        case = open_case(self)
        self.assertRegex(case.number, r"^KS-\d{4}-0001$")
        self.assertEqual(case.status, CaseStatus.REPORTED)
        self.assertEqual(case.report.status, ReportStatus.HANDLING)
        self.assertEqual(case.manager, self.manager)
        self.assertEqual([m.person for m in case.members.all()], [self.manager])
        victim = case.people.get()
        self.assertEqual(victim.nik, NIK)
        self.assertEqual(victim.age_group.code, "6-12")
        self.assertEqual(CaseEvent.objects.get(case=case).kind, "opened")
        self.assertTrue(
            AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="cases.case").exists()
        )

    def test_numbers_follow_each_other(self):
        self.assertTrue(open_case(self).number.endswith("-0001"))
        self.assertTrue(open_case(self).number.endswith("-0002"))

    def test_a_report_opens_one_case_only(self):
        report = make_report(self)
        case_open(report=report, by=self.manager)
        with self.assertRaises(ValidationError) as caught:
            case_open(report=report, by=self.manager2)
        self.assertIn("sudah ditriase", str(caught.exception))
        self.assertEqual(Case.objects.count(), 1)


class TransitionTests(JagaTestCase):
    def move(self, case, to, note="catatan"):
        case.refresh_from_db()
        return case_transition(
            case=case, by=self.manager, to_status=to, version=case.version, note=note
        )

    # The table of steps itself; the conditions apps above add to a step (an assessment
    # before "assessed", an approval before closing) are tested by those apps.
    @guards_suspended()
    def test_every_allowed_transition(self):
        for start, targets in TRANSITIONS.items():
            for target in targets:
                with self.subTest(start=start, target=target):
                    case = open_case(self)
                    Case.objects.filter(pk=case.pk).update(status=start)
                    moved = self.move(case, target)
                    self.assertEqual(moved.status, target)
                    event = moved.events.last()
                    self.assertEqual((event.from_status, event.to_status), (start, target))
                    self.assertIsNotNone(event.at)

    def test_every_forbidden_transition_is_refused_with_a_message(self):
        case = open_case(self)
        for start in CaseStatus.values:
            for target in set(CaseStatus.values) - set(TRANSITIONS[start]):
                with self.subTest(start=start, target=target):
                    Case.objects.filter(pk=case.pk).update(status=start)
                    with self.assertRaises(ValidationError) as caught:
                        self.move(case, target)
                    message = " ".join(caught.exception.message_dict["to_status"])
                    self.assertIn("tidak dapat diubah dari", message)
                    self.assertIn(str(CaseStatus(target).label), message)
        case.refresh_from_db()
        self.assertEqual(case.version, 1)

    @guards_suspended()
    def test_full_walk_closes_the_report_and_reopen_reopens_it(self):
        case = open_case(self)
        for step in ["verified", "assessed", "in_service", "referred", "monitoring", "closed"]:
            self.move(case, step)
        case.refresh_from_db()
        self.assertIsNotNone(case.closed_at)
        self.assertEqual(case.report.status, ReportStatus.CLOSED)
        self.move(case, "assessed")
        case.refresh_from_db()
        self.assertIsNone(case.closed_at)
        self.assertEqual(case.report.status, ReportStatus.HANDLING)
        self.assertEqual(case.events.filter(kind="status").count(), 7)

    def test_closing_needs_a_reason(self):
        case = open_case(self)
        with self.assertRaises(ValidationError) as caught:
            self.move(case, "closed", note="")
        self.assertIn("alasan penutupan", str(caught.exception))

    def test_stale_save_is_refused_naming_who_and_when(self):
        case = open_case(self)
        case_transition(case=case, by=self.manager2, to_status="verified", version=1)
        with self.assertRaises(ValidationError) as caught:
            case_transition(case=case, by=self.manager, to_status="closed", version=1, note="x")
        message = caught.exception.messages[0]
        self.assertIn("diubah oleh Manager2", message)
        self.assertIn("Muat ulang", message)
        case.refresh_from_db()
        self.assertEqual((case.status, case.version), ("verified", 2))

    def test_stale_update_is_refused(self):
        case = open_case(self)
        case_update(
            case=case,
            by=self.manager,
            version=1,
            place="sekolah",
            violence_forms=["seksual"],
            incident_date=None,
        )
        with self.assertRaises(ValidationError):
            case_update(
                case=case,
                by=self.manager2,
                version=1,
                place="lainnya",
                violence_forms=["fisik"],
                incident_date=None,
            )
        case.refresh_from_db()
        self.assertEqual(case.place.code, "sekolah")
        self.assertEqual([c.code for c in case.violence_forms.all()], ["seksual"])


class PersonTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self, victim_name="", victim_nik="")

    def add(self, **values):
        base = {
            "case": self.case,
            "by": self.manager,
            "kind": "victim",
            "victim_kind": "child",
            "sex": "P",
        }
        return case_person_add(**{**base, **values})

    def assertRefused(self, field, fragment, **values):
        with self.assertRaises(ValidationError) as caught:
            self.add(**values)
        self.assertIn(fragment, " ".join(caught.exception.message_dict[field]))
        self.assertFalse(self.case.people.exists())

    def test_victim_and_perpetrator(self):
        victim = self.add(name="Putri Ayu", age=7, education="sd", has_disability=True)
        perpetrator = self.add(
            kind="perpetrator", sex="L", age=40, relationship="orang_tua", name="Budi"
        )
        self.assertEqual(victim.age_group.code, "6-12")
        self.assertEqual(perpetrator.relationship.code, "orang_tua")
        self.assertEqual(perpetrator.victim_kind, "")

    def test_bad_input(self):
        future = datetime.date.today() + datetime.timedelta(days=1)
        self.assertRefused("birth_date", "masa depan", birth_date=future)
        self.assertRefused("age", "bukan anak", age=18)
        self.assertRefused("nik", "16 digit", nik="123")
        self.assertRefused("name", "tag HTML", name="<img src=x onerror=alert(1)>")
        self.assertRefused("relationship", "hubungan", kind="perpetrator", sex="L")
        self.assertRefused("education", "Kode tidak dikenal", education="s3")


class SearchTests(JagaTestCase):
    def test_by_number_nik_and_whole_name_words_any_case(self):
        case = open_case(self)
        other = open_case(self, victim_nik="6471010101900009", victim_name="Dewi Lestari")
        self.assertEqual(list(case_list(self.manager, query=case.number.lower())), [case])
        self.assertEqual(list(case_list(self.manager, query=NIK)), [case])
        self.assertEqual(list(case_list(self.manager, query="RAHMAWATI")), [case])
        self.assertEqual(list(case_list(self.manager, query="siti kusuma")), [case])
        self.assertEqual(list(case_list(self.manager, query="lestari")), [other])
        self.assertEqual(list(case_list(self.manager, query="rahma")), [])  # whole words only
        self.assertEqual(list(case_list(self.manager, query="siti lestari")), [])

    def test_search_stays_inside_the_policy(self):
        open_case(self)
        self.assertEqual(list(case_list(self.partner, query="siti")), [])
        self.assertEqual(list(case_list(self.rt_officer, query=NIK)), [])


class TeamServiceConsentTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)

    def test_member_must_hold_a_case_role_and_join_once(self):
        case_member_add(case=self.case, by=self.manager, person=self.activist, role="companion")
        with self.assertRaises(ValidationError):
            case_member_add(case=self.case, by=self.manager, person=self.activist, role="companion")
        with self.assertRaises(ValidationError) as caught:
            case_member_add(case=self.case, by=self.manager, person=self.analyst, role="other")
        self.assertIn("tidak memegang peran", str(caught.exception))

    def test_service_from_the_simfoni_list(self):
        given = case_service_add(
            case=self.case, by=self.manager, service="kesehatan", organisation=self.puskesmas
        )
        self.assertEqual(str(given.service), "Kesehatan")
        with self.assertRaises(ValidationError):
            case_service_add(case=self.case, by=self.manager, service="pijat")

    def test_sharing_follows_consent(self):
        fields = [ShareField.IDENTITY, ShareField.CASE_FACTS]
        self.assertFalse(consent_allows_sharing(self.case, self.puskesmas, fields))
        consent = consent_record(
            case=self.case,
            by=self.manager,
            given_by="guardian",
            given_on=datetime.date.today(),
            for_services=True,
            for_sharing=True,
            organisations=[self.puskesmas],
            shared_fields=fields,
        )
        self.assertTrue(consent_allows_sharing(self.case, self.puskesmas, fields))
        self.assertTrue(consent_allows_sharing(self.case, self.puskesmas, [ShareField.CASE_FACTS]))
        self.assertFalse(consent_allows_sharing(self.case, self.puskesmas, [ShareField.CONTACT]))
        self.assertFalse(consent_allows_sharing(self.case, self.police, fields))
        consent_withdraw(consent=consent, by=self.manager)
        self.assertFalse(consent_allows_sharing(self.case, self.puskesmas, fields))

    def test_consent_bad_input(self):
        with self.assertRaises(ValidationError) as caught:
            consent_record(
                case=self.case,
                by=self.manager,
                given_by="exception",
                given_on=datetime.date.today() + datetime.timedelta(days=1),
                for_services=False,
                for_sharing=True,
            )
        self.assertEqual(
            set(caught.exception.message_dict),
            {"exception_reason", "given_on", "organisations", "shared_fields"},
        )
        self.assertFalse(self.case.consents.exists())

    def test_exception_when_guardian_is_the_alleged_perpetrator(self):
        consent = consent_record(
            case=self.case,
            by=self.manager,
            given_by="exception",
            exception_reason="Ayah kandung adalah terduga pelaku",
            given_on=datetime.date.today(),
            for_services=True,
            for_sharing=False,
        )
        self.assertEqual(consent.exception_reason, "Ayah kandung adalah terduga pelaku")

    def test_note_is_encrypted_and_html_refused(self):
        event = case_note_add(case=self.case, by=self.manager, note="Kunjungan rumah bersama RT.")
        raw = CaseEvent.objects.filter(pk=event.pk).values_list("note", flat=True)
        self.assertEqual(raw[0], "Kunjungan rumah bersama RT.")  # decrypted by the field
        with self.assertRaises(ValidationError):
            case_note_add(case=self.case, by=self.manager, note="<a href=x>klik</a>")

    def test_attachments_checked_by_content(self):
        data = png_bytes()
        upload = io.BytesIO(data)
        upload.name = "foto.png"
        attachment = case_attachment_add(
            case=self.case, by=self.manager, upload=upload, size=len(data)
        )
        self.assertEqual(attachment.content_type, "image/png")
        fake = io.BytesIO(b"<html>not a pdf</html>")
        fake.name = "surat.pdf"
        with self.assertRaises(ValidationError) as caught:
            case_attachment_add(case=self.case, by=self.manager, upload=fake, size=20)
        self.assertIn("Jenis berkas tidak diterima", str(caught.exception))
        big = io.BytesIO(PDF_BYTES)
        big.name = "besar.pdf"
        with self.assertRaises(ValidationError) as caught:
            case_attachment_add(
                case=self.case, by=self.manager, upload=big, size=10 * 1024 * 1024 + 1
            )
        self.assertIn("10 MB", str(caught.exception))
        self.assertEqual(self.case.attachments.count(), 1)

    def test_reveal_needs_a_reason_and_is_audited(self):
        with self.assertRaises(ValidationError):
            case_reveal(case=self.case, by=self.admin, reason="cek")
        case_reveal(
            case=self.case, by=self.admin, reason="Permintaan resmi Unit PPA Polresta no. 12"
        )
        event = AuditEvent.objects.get(action=AuditAction.REVEAL)
        self.assertEqual(event.actor, self.admin)
        self.assertIn("Polresta", event.reason)
        self.assertNotIn(NIK, event.reason)


class DuplicateCaseTests(JagaTestCase):
    def test_triage_finds_the_case_of_a_victim_by_nik(self):
        from jaga.cases.selectors import duplicate_cases

        case = open_case(self)
        again = make_report(self, victim_name="")
        found = duplicate_cases(
            nik_index=again.victim_nik_index,
            name_birth_index=again.victim_name_birth_index,
            rt_id=again.rt_id,
        )
        self.assertEqual(list(found), [case])
        self.assertEqual(CasePerson.objects.count(), 1)
