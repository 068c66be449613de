from django.core.exceptions import ValidationError
from django.urls import reverse

from jaga.cases.tests.helpers import join, open_case
from jaga.casework.models import Flag
from jaga.casework.services.flags import flag_remove, flag_set
from jaga.casework.tests.helpers import fresh
from jaga.testing import JagaTestCase


class FlagTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        self.url = reverse("casework:flags", args=[self.case.pk])

    def set(self, kind="retaliation", reason="Keluarga pelaku mengancam pelapor.", **kw):
        case = fresh(self.case)
        version = kw.pop("version", case.version)
        return flag_set(case=case, by=self.manager, version=version, kind=kind, reason=reason)

    def test_set_once_per_kind_with_a_reason_then_removed(self):
        flag = self.set()
        with self.assertRaises(ValidationError) as caught:
            self.set()
        self.assertIn("sudah terpasang", caught.exception.message_dict["kind"][0])
        with self.assertRaises(ValidationError) as caught:
            self.set(kind="court_soon", reason="")
        self.assertIn("alasan", caught.exception.message_dict["reason"][0])
        with self.assertRaises(ValidationError):
            self.set(kind="bintang", reason="x")
        flag_remove(flag=flag, by=self.manager, version=fresh(self.case).version)
        self.assertIsNotNone(Flag.objects.get().removed_at)
        self.set()  # the kind may be set again once taken off
        self.assertEqual(self.case.events.filter(kind="flag").count(), 3)

    def test_stale_form_is_refused(self):
        self.set()
        with self.assertRaises(ValidationError) as caught:
            self.set(kind="court_soon", version=1)
        self.assertIn("Muat ulang", caught.exception.messages[0])

    def test_page_for_the_team(self):
        join(self.case, self.activist)
        self.login(self.manager)
        response = self.client.post(
            self.url, {"kind": "in_shelter", "reason": "Di rumah aman sejak Senin.", "version": 1}
        )
        self.assertRedirects(response, self.url)
        self.assertContains(self.client.get(self.url), "Di rumah aman sejak Senin.")
        detail = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertContains(detail, 'id="case-flags"')
        bad = self.client.post(self.url, {"kind": "in_shelter", "reason": "x", "version": 2})
        self.assertContains(bad, "sudah terpasang", status_code=400)
        flag = Flag.objects.get()
        off = reverse("casework:flag_off", args=[self.case.pk, flag.pk])
        self.login(self.activist)  # sees the flags, may not change them
        self.assertContains(self.client.get(self.url), "Di rumah aman")
        self.assertEqual(self.client.post(off, {"version": 2}).status_code, 403)
        self.login(self.manager2)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(off, {"version": 2}).status_code, 404)
        self.login(self.manager)
        self.assertRedirects(self.client.post(off, {"version": 2}), self.url)
        self.assertIsNotNone(Flag.objects.get().removed_at)

    def test_a_flag_of_another_case_is_not_found(self):
        other = open_case(self)
        flag = flag_set(case=other, by=self.manager, version=1, kind="court_soon", reason="x y")
        self.login(self.manager)
        off = reverse("casework:flag_off", args=[self.case.pk, flag.pk])
        self.assertEqual(self.client.post(off, {"version": 1}).status_code, 404)
