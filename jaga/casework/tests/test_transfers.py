from django.core.exceptions import ValidationError
from django.urls import reverse

from jaga.access.policy import can
from jaga.access.roles import Role
from jaga.cases.tests.helpers import join, open_case
from jaga.casework.models import Transfer
from jaga.casework.services.transfers import case_reassign, transfer_answer, transfer_request
from jaga.casework.tasks import tasks_for
from jaga.casework.tests.helpers import fresh
from jaga.notifications.models import Notification
from jaga.testing import JagaTestCase, make_person


class TransferTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)

    def reassign(self, to=None, reason="Beban kerja dibagi ulang.", **kw):
        case = fresh(self.case)
        version = kw.pop("version", case.version)
        return case_reassign(
            case=case, by=self.head, version=version, to_manager=to or self.manager2, reason=reason
        )

    def test_reassignment_moves_case_and_identity(self):
        self.assertTrue(can(self.manager, "cases.identity", self.case))
        self.reassign()
        case = fresh(self.case)
        self.assertEqual(case.manager, self.manager2)
        self.assertTrue(can(self.manager2, "cases.identity", case))
        self.assertFalse(can(self.manager, "cases.identity", case))
        self.assertTrue(can(self.manager, "cases.view", case))  # the de-identified summary
        told = set(
            Notification.objects.filter(kind="casework.transfer").values_list(
                "recipient", flat=True
            )
        )
        self.assertEqual(told, {self.manager.pk, self.manager2.pk})
        self.assertEqual([t.number for t in tasks_for(self.manager2)], [case.number])
        self.assertEqual(tasks_for(self.manager), [])

    def test_bad_input(self):
        partner = self.partner
        with self.assertRaises(ValidationError) as caught:
            self.reassign(to=partner, reason="")
        errors = caught.exception.message_dict
        self.assertIn("bukan manajer kasus aktif", errors["to_manager"][0])
        self.assertIn("alasan", errors["reason"][0])
        gone = make_person("gone", Role.CASE_MANAGER, organisation=self.uptd)
        gone.is_active = False
        gone.save()
        with self.assertRaises(ValidationError):
            self.reassign(to=gone)
        with self.assertRaises(ValidationError) as caught:
            self.reassign(to=self.manager)
        self.assertIn("sudah menjadi manajer", caught.exception.message_dict["to_manager"][0])
        with self.assertRaises(ValidationError) as caught:
            self.reassign(version=0)
        self.assertIn("Muat ulang", caught.exception.messages[0])
        self.assertFalse(Transfer.objects.exists())
        self.assertEqual(fresh(self.case).manager, self.manager)

    def test_request_then_accept_or_decline(self):
        case = fresh(self.case)
        offered = transfer_request(
            case=case,
            by=self.manager,
            version=case.version,
            to_manager=self.manager2,
            reason="Saya cuti panjang.",
        )
        self.assertFalse(can(self.manager2, "cases.identity", fresh(self.case)))
        self.assertEqual([t.kind for t in tasks_for(self.manager2)], ["transfer"])
        with self.assertRaises(ValidationError):
            transfer_answer(transfer=offered, by=self.manager, accept=True)  # not theirs
        with self.assertRaises(ValidationError) as caught:
            transfer_answer(transfer=offered, by=self.manager2, accept=False)
        self.assertIn("alasan menolak", caught.exception.message_dict["decline_reason"][0])
        transfer_answer(transfer=offered, by=self.manager2, accept=False, decline_reason="Penuh.")
        self.assertEqual(fresh(self.case).manager, self.manager)
        case = fresh(self.case)
        again = transfer_request(
            case=case,
            by=self.manager,
            version=case.version,
            to_manager=self.manager2,
            reason="Saya cuti panjang.",
        )
        transfer_answer(transfer=again, by=self.manager2, accept=True)
        case = fresh(self.case)
        self.assertEqual(case.manager, self.manager2)
        self.assertTrue(can(self.manager2, "cases.identity", case))
        self.assertFalse(can(self.manager, "cases.identity", case))
        with self.assertRaises(ValidationError):
            transfer_answer(transfer=again, by=self.manager2, accept=True)

    def test_the_transfers_link_is_only_for_who_may_move_the_case(self):
        join(self.case, self.activist)  # on the team, sees the work, moves nothing
        detail = reverse("cases:detail", args=[self.case.pk])
        for person, linked in ((self.manager, True), (self.head, True), (self.activist, False)):
            self.login(person)
            with self.subTest(person=person.username):
                page = self.client.get(detail).content.decode()
                self.assertEqual('id="transfers-link"' in page, linked)
        url = reverse("casework:transfers", args=[self.case.pk])
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_pages(self):
        url = reverse("casework:transfers", args=[self.case.pk])
        self.login(self.manager2)  # not on the team
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.head)
        detail = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertContains(detail, 'id="transfers-link"')
        bad = self.client.post(url, {"version": 1, "to_manager": self.partner.pk, "reason": "x"})
        self.assertContains(bad, "bukan manajer kasus aktif", status_code=400)
        ok = {"version": 1, "to_manager": self.manager2.pk, "reason": "Dibagi ulang."}
        self.assertRedirects(self.client.post(url, ok), url)
        self.assertEqual(fresh(self.case).manager, self.manager2)
        self.login(self.manager)
        detail = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertContains(detail, 'id="deidentified"')
        self.assertNotContains(detail, "Siti Rahmawati")
        self.login(self.manager2)
        detail = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertContains(detail, "Siti Rahmawati")

    def test_answer_page_only_for_the_receiver(self):
        case = fresh(self.case)
        offered = transfer_request(
            case=case,
            by=self.manager,
            version=case.version,
            to_manager=self.manager2,
            reason="Pindah tugas.",
        )
        url = reverse("casework:transfer_answer", args=[offered.pk])
        self.login(self.manager)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.head)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.manager2)
        page = self.client.get(url)
        self.assertContains(page, "Pindah tugas.")
        self.assertNotContains(page, "Siti Rahmawati")
        self.assertRedirects(self.client.post(url, {"accept": "1"}), reverse("casework:tasks"))
        self.assertEqual(fresh(self.case).manager, self.manager2)
