import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jaga.access.policy import can
from jaga.access.roles import Role
from jaga.audit.models import AuditEvent
from jaga.cases.models import CaseEvent, EventKind
from jaga.cases.selectors import case_heads
from jaga.cases.tests.helpers import open_case
from jaga.casework.models import Transfer, TransferStatus
from jaga.casework.services.city_transfers import city_transfer_answer, city_transfer_request
from jaga.casework.tasks import tasks_for
from jaga.casework.tests.helpers import ask, decide, fresh, plan
from jaga.clocks.models import Escalation
from jaga.clocks.selectors import overdue_queue
from jaga.clocks.services import escalate
from jaga.notifications.models import Notification
from jaga.people.models import Organisation, OrganisationKind
from jaga.testing import JagaTestCase, make_person

WEEKS = datetime.timedelta(days=30)
VICTIM = "Siti Rahmawati"  # the victim's name in open_case's report


class CityTransferTests(JagaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.samarinda = Organisation.objects.create(
            name="UPTD PPA Samarinda", kind=OrganisationKind.UPTD_PPA, area=cls.other_city
        )
        cls.far_head = make_person("far_head", Role.UPTD_HEAD, organisation=cls.samarinda)
        cls.far_manager = make_person("far_manager", Role.CASE_MANAGER, organisation=cls.samarinda)

    def setUp(self):
        self.case = open_case(self)

    def ask(self, to=None, reason="Korban pindah ke rumah bibinya di Samarinda.", **kw):
        case = fresh(self.case)
        return city_transfer_request(
            case=case,
            by=kw.pop("by", self.manager),
            version=kw.pop("version", case.version),
            to_organisation=to if to is not None else self.samarinda,
            reason=reason,
        )

    def test_accepted_the_receiving_manager_sees_the_identity_and_the_old_one_not(self):
        offered = self.ask()
        self.assertEqual(offered.to_manager, None)
        told = Notification.objects.get(kind="casework.transfer_city_offered")
        self.assertEqual(told.recipient, self.far_head)
        self.assertNotIn(VICTIM, told.title + told.body)
        self.assertFalse(can(self.far_manager, "cases.view", fresh(self.case)))
        self.assertEqual([t.kind for t in tasks_for(self.far_head)], ["transfer"])
        city_transfer_answer(
            transfer=offered, by=self.far_head, accept=True, to_manager=self.far_manager
        )
        case = fresh(self.case)
        self.assertEqual(case.manager, self.far_manager)
        self.assertTrue(can(self.far_manager, "cases.view", case))
        self.assertTrue(can(self.far_manager, "cases.identity", case))
        self.assertFalse(can(self.manager, "cases.identity", case))
        self.assertEqual(tasks_for(self.far_head), [])
        self.assertTrue(
            AuditEvent.objects.filter(object_type="casework.transfer", actor=self.far_head)
        )
        notes = CaseEvent.objects.filter(case=case, kind=EventKind.TRANSFER)
        self.assertEqual(notes.count(), 2)  # asked, handed over

    def test_the_receiving_manager_opens_the_case_page(self):
        offered = self.ask()
        url = reverse("casework:city_transfer_answer", args=[offered.pk])
        self.login(self.far_head)
        page = self.client.get(url)
        self.assertContains(page, "pindah ke rumah bibinya")
        self.assertNotContains(page, VICTIM)
        missing = self.client.post(url, {"accept": "1"})
        self.assertContains(missing, "Pilih manajer kasus", status_code=400)
        done = self.client.post(url, {"accept": "1", "to_manager": self.far_manager.pk})
        self.assertRedirects(done, reverse("casework:tasks"))
        self.login(self.far_manager)
        self.assertContains(self.client.get(reverse("cases:detail", args=[self.case.pk])), VICTIM)
        self.login(self.manager)
        page = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertContains(page, 'id="deidentified"')
        self.assertNotContains(page, VICTIM)

    def test_the_receiving_head_supervises_the_case_from_then_on(self):
        self.accepted()
        case = fresh(self.case)
        self.assertEqual(list(case_heads(case)), [self.far_head])
        self.assertTrue(can(self.far_head, "cases.view", case))
        plan(self, case, by=self.far_manager)
        approval = ask(self, case, "plan", by=self.far_manager)
        told = Notification.objects.filter(kind="casework.approval_requested")
        self.assertEqual([n.recipient for n in told], [self.far_head])
        self.assertTrue(can(self.far_head, "casework.approve", approval))
        self.assertEqual([t.kind for t in tasks_for(self.far_head)], ["approval"])
        decide(self, approval, by=self.far_head)
        self.assertEqual(fresh(self.case).manager, self.far_manager)

    def test_overdue_steps_escalate_to_the_receiving_head(self):
        self.accepted()
        approval = ask(self, plan(self, fresh(self.case), by=self.far_manager).case, "plan")
        escalate(now=timezone.now() + WEEKS)
        steps = set(Escalation.objects.filter(level=2).values_list("step", flat=True))
        self.assertLessEqual({"assessment", "approval"}, steps)
        told = Notification.objects.filter(kind="clock.escalation")
        self.assertTrue(told.filter(recipient=self.far_head))
        self.assertFalse(told.filter(recipient=self.head))  # the city it came from is not asked
        queue = [i.number for i in overdue_queue(self.far_head, now=timezone.now() + WEEKS)]
        self.assertIn(self.case.number, queue)
        self.assertEqual(approval.case_id, self.case.pk)

    def accepted(self):
        return city_transfer_answer(
            transfer=self.ask(), by=self.far_head, accept=True, to_manager=self.far_manager
        )

    def test_declined_the_case_stays(self):
        offered = self.ask()
        with self.assertRaises(ValidationError) as caught:
            city_transfer_answer(transfer=offered, by=self.far_head, accept=False)
        self.assertIn("alasan menolak", caught.exception.message_dict["decline_reason"][0])
        city_transfer_answer(
            transfer=offered, by=self.far_head, accept=False, decline_reason="Alamat belum pasti."
        )
        self.assertEqual(fresh(self.case).manager, self.manager)
        self.assertEqual(Transfer.objects.get().status, TransferStatus.DECLINED)
        self.assertTrue(
            Notification.objects.filter(kind="casework.transfer_declined", recipient=self.manager)
        )

    def test_bad_input(self):
        with self.assertRaises(ValidationError) as caught:
            self.ask(to=self.uptd, reason="")
        errors = caught.exception.message_dict
        self.assertIn("bukan UPTD PPA aktif di kota lain", errors["to_organisation"][0])
        self.assertIn("alasan", errors["reason"][0])
        headless = Organisation.objects.create(
            name="UPTD PPA Bontang", kind=OrganisationKind.UPTD_PPA, area=self.other_city
        )
        with self.assertRaises(ValidationError) as caught:
            self.ask(to=headless)
        self.assertIn("belum memiliki kepala", caught.exception.message_dict["to_organisation"][0])
        with self.assertRaises(ValidationError) as caught:
            self.ask(version=0)
        self.assertIn("Muat ulang", caught.exception.messages[0])
        self.assertFalse(Transfer.objects.exists())
        offered = self.ask()
        with self.assertRaises(ValidationError):
            self.ask()  # one waiting at a time
        for who, manager in ((self.head, self.far_manager), (self.far_head, self.manager2)):
            with self.subTest(who=who.username), self.assertRaises(ValidationError):
                city_transfer_answer(transfer=offered, by=who, accept=True, to_manager=manager)
        self.assertEqual(fresh(self.case).manager, self.manager)

    def test_only_the_receiving_head_reaches_the_answer_page(self):
        offered = self.ask()
        url = reverse("casework:city_transfer_answer", args=[offered.pk])
        for person, status in ((self.head, 404), (self.far_manager, 403), (self.manager, 403)):
            self.login(person)
            with self.subTest(person=person.username):
                self.assertEqual(self.client.get(url).status_code, status)

    def test_request_page(self):
        url = reverse("casework:city_transfer", args=[self.case.pk])
        self.login(self.manager)
        transfers = self.client.get(reverse("casework:transfers", args=[self.case.pk]))
        self.assertContains(transfers, 'id="to-city"')
        page = self.client.get(url)
        self.assertContains(page, "UPTD PPA Samarinda")
        self.assertNotContains(page, "UPTD PPA Balikpapan")
        bad = self.client.post(url, {"version": fresh(self.case).version, "reason": "x"})
        self.assertContains(bad, "Pilih UPTD PPA kota tujuan", status_code=400)
        ok = {"version": fresh(self.case).version, "to_organisation": self.samarinda.pk}
        done = self.client.post(url, {**ok, "reason": "Korban pindah kota."})
        self.assertRedirects(done, reverse("casework:transfers", args=[self.case.pk]))
        self.assertEqual(Transfer.objects.get().to_organisation, self.samarinda)
        self.login(self.far_manager)  # another city's case, not theirs: it does not exist
        self.assertEqual(self.client.get(url).status_code, 404)
