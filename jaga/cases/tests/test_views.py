import io
import re

from django.urls import reverse

from jaga.access.policy import can, can_each
from jaga.audit.models import AuditAction, AuditEvent
from jaga.cases import services
from jaga.cases.models import Case, CaseStatus
from jaga.cases.selectors import case_list, case_page
from jaga.cases.tests.helpers import join, open_case
from jaga.reports.tests.helpers import NAME, NIK, PDF_BYTES
from jaga.testing import JagaTestCase, count_queries


class DetailAccessTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        join(self.case, self.activist)
        self.url = reverse("cases:detail", args=[self.case.pk])

    def test_case_team_sees_identity(self):
        for persona in ("manager", "activist"):
            with self.subTest(persona=persona):
                self.login(getattr(self, persona))
                response = self.client.get(self.url)
                self.assertContains(response, NIK)
                self.assertContains(response, NAME)

    def test_others_see_a_deidentified_summary_or_nothing(self):
        expected = {
            "manager2": 200,
            "head": 200,
            "admin": 200,
            "partner": 404,
            "rt_officer": 403,
            "rt_other": 403,
            "analyst": 403,
            "kel_officer": 403,
            "outsider": 404,
        }
        for persona, status in expected.items():
            with self.subTest(persona=persona):
                self.login(getattr(self, persona))
                response = self.client.get(self.url)
                self.assertEqual(response.status_code, status)
                self.assertNotContains(response, NIK, status_code=status)
                self.assertNotContains(response, NAME, status_code=status)
                if status == 200:
                    self.assertContains(response, "Ringkasan tanpa identitas")

    def test_the_page_asks_the_persons_rights_on_the_case_once(self):
        """The panels' rules (casework, referrals) are asked in the case's own query and
        kept on the case for the panels: the page's queries stay fixed."""
        self.login(self.manager)
        self.client.get(self.url)
        with self.assert_query_count(20):
            self.client.get(self.url)

    def test_the_page_s_rules_asked_together_answer_as_each_alone(self):
        """Rules held through the same grants share one check in ``can_each``: every
        persona's answers still match asking each rule by itself."""
        from jaga.cases.hooks import CASE_PANEL_RULES
        from jaga.cases.models import Case

        rules = ["cases.view", "cases.identity", "cases.edit", "cases.note", "cases.assign"]
        rules += ["cases.reveal", *CASE_PANEL_RULES]
        for persona in ("manager", "manager2", "activist", "head", "admin", "partner", "analyst"):
            person = getattr(self, persona)
            with self.subTest(persona=persona):
                alone = {
                    rule: can(person, rule, Case.objects.get(pk=self.case.pk)) for rule in rules
                }
                together = can_each(person, rules, Case.objects.get(pk=self.case.pk))
                self.assertEqual(together, alone)
                # Mixed answers for one person: the grouping must not merge unlike rules.
                if persona == "head":
                    self.assertNotEqual(len(set(alone.values())), 1)

    def test_rights_kept_on_a_case_answer_for_that_person_only(self):
        may = can_each(self.manager, ["cases.edit"], self.case, remember=True)
        with self.assert_query_count(0):
            self.assertTrue(can(self.manager, "cases.edit", self.case))
        self.assertTrue(may["cases.edit"])
        self.assertFalse(can(self.outsider, "cases.edit", self.case))
        self.assertFalse(can_each(self.outsider, ["cases.edit"], self.case)["cases.edit"])

    def test_every_read_is_audited_with_what_was_shown(self):
        self.login(self.manager2)
        self.client.get(self.url)
        event = AuditEvent.objects.filter(action=AuditAction.READ, object_type="cases.case").latest(
            "seq"
        )
        self.assertEqual((event.actor, event.fields), (self.manager2, ["summary"]))
        self.login(self.manager)
        self.client.get(self.url)
        event = AuditEvent.objects.filter(action=AuditAction.READ, object_type="cases.case").latest(
            "seq"
        )
        self.assertIn("people.nik", event.fields)

    def test_admin_reveals_with_a_reason(self):
        self.login(self.admin)
        refused = self.client.post(reverse("cases:reveal", args=[self.case.pk]), {"reason": "x"})
        self.assertEqual(refused.status_code, 400)
        self.assertNotContains(refused, NIK, status_code=400)
        response = self.client.post(
            reverse("cases:reveal", args=[self.case.pk]),
            {"reason": "Surat permintaan Polresta 12/2025"},
        )
        self.assertContains(response, NIK)
        event = AuditEvent.objects.get(action=AuditAction.REVEAL)
        self.assertEqual(event.reason, "Surat permintaan Polresta 12/2025")
        self.login(self.manager2)
        self.assertEqual(
            self.client.post(
                reverse("cases:reveal", args=[self.case.pk]), {"reason": "x" * 20}
            ).status_code,
            403,
        )

    def test_writes_are_for_the_case_team(self):
        transition = reverse("cases:transition", args=[self.case.pk])
        data = {"to_status": "verified", "version": 1}
        for persona, status in {
            "manager2": 403,
            "partner": 403,
            "activist": 403,
            "rt_other": 403,
            "admin": 403,
        }.items():
            with self.subTest(persona=persona):
                self.login(getattr(self, persona))
                self.assertEqual(self.client.post(transition, data).status_code, status)
        self.login(self.activist)  # a companion on the team writes notes
        self.client.post(
            reverse("cases:note", args=[self.case.pk]), {"note": "Pendampingan ke puskesmas."}
        )
        self.assertTrue(self.case.events.filter(kind="note").exists())
        self.login(self.manager)
        self.assertRedirects(self.client.post(transition, data), self.url)
        self.case.refresh_from_db()
        self.assertEqual(self.case.status, CaseStatus.VERIFIED)


class CaseFormTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        self.login(self.manager)

    def test_forbidden_transition_message_on_the_page(self):
        response = self.client.post(
            reverse("cases:transition", args=[self.case.pk]),
            {"to_status": "monitoring", "version": 1},
        )
        self.assertContains(response, "tidak dapat diubah dari", status_code=400)

    def test_stale_page_is_refused(self):
        url = reverse("cases:transition", args=[self.case.pk])
        self.client.post(url, {"to_status": "verified", "version": 1})
        response = self.client.post(url, {"to_status": "closed", "version": 1, "note": "x"})
        self.assertContains(response, "diubah oleh", status_code=400)
        self.assertContains(response, "Muat ulang", status_code=400)

    def test_add_perpetrator_and_service(self):
        response = self.client.post(
            reverse("cases:person_add", args=[self.case.pk]),
            {
                "kind": "perpetrator",
                "sex": "L",
                "age": "41",
                "relationship": "tetangga",
                "education": "slta",
            },
        )
        self.assertRedirects(response, reverse("cases:detail", args=[self.case.pk]))
        self.client.post(
            reverse("cases:service_add", args=[self.case.pk]), {"service": "bantuan_hukum"}
        )
        self.assertEqual(
            self.case.people.filter(kind="perpetrator").get().relationship.code, "tetangga"
        )
        self.assertEqual(self.case.services.get().service.code, "bantuan_hukum")

    def test_person_bad_input_shows_messages(self):
        response = self.client.post(
            reverse("cases:person_add", args=[self.case.pk]),
            {"kind": "victim", "victim_kind": "child", "sex": "P", "age": "20", "nik": "abc"},
        )
        self.assertContains(response, "bukan anak", status_code=400)
        self.assertContains(response, "NIK harus tepat 16 digit", status_code=400)
        self.assertEqual(self.case.people.count(), 1)

    def test_attachment_upload_and_download_through_policy(self):
        upload = io.BytesIO(PDF_BYTES)
        upload.name = "visum.pdf"
        self.client.post(reverse("cases:attachment_add", args=[self.case.pk]), {"file": upload})
        attachment = self.case.attachments.get()
        url = reverse("cases:attachment", args=[self.case.pk, attachment.pk])
        self.assertEqual(b"".join(self.client.get(url).streaming_content), PDF_BYTES)
        self.assertTrue(
            AuditEvent.objects.filter(
                action=AuditAction.DOWNLOAD, object_type="cases.caseattachment"
            ).exists()
        )
        # Off the team, the file does not exist for them (404); without the rule at all, 403.
        for persona, status in {"manager2": 404, "partner": 404, "admin": 403}.items():
            self.login(getattr(self, persona))
            self.assertEqual(self.client.get(url).status_code, status)


class ListTests(JagaTestCase):
    def test_list_and_search_with_constant_queries(self):
        self.login(self.manager)
        open_case(self)
        self.client.get(reverse("cases:list"))
        # person, two-factor device, memberships, page ids, page rows, violence forms
        self.assertEqual(count_queries(self.client, reverse("cases:list")), 6)
        for _ in range(6):
            open_case(self)
        self.assertEqual(count_queries(self.client, reverse("cases:list")), 6)
        response = self.client.get(reverse("cases:list"))
        self.assertEqual(len(response.context["page"].object_list), Case.objects.count())
        found = self.client.get(reverse("cases:list"), {"q": "rahmawati"})
        self.assertEqual(len(found.context["page"].object_list), 7)
        self.assertNotContains(found, NIK)

    def test_pages_follow_each_other_without_gaps_or_repeats(self):
        cases = [open_case(self) for _ in range(7)]
        Case.objects.filter(pk=cases[2].pk).update(is_urgent=True)
        expected = [cases[2].pk] + [c.pk for c in reversed(cases) if c != cases[2]]
        seen, params, pages = [], {}, []
        while True:
            page = case_page(self.manager, params, size=3)
            pages.append(page)
            seen += [case.pk for case in page]
            if not page.next_cursor:
                break
            params = {"setelah": str(page.next_cursor)}
        self.assertEqual(seen, expected)
        self.assertEqual([len(p) for p in pages], [3, 3, 1])
        self.assertIsNone(pages[0].previous_cursor)
        back = case_page(self.manager, {"sebelum": str(pages[2].previous_cursor)}, size=3)
        self.assertEqual([c.pk for c in back], expected[3:6])
        self.assertEqual((back.previous_cursor, back.next_cursor), (expected[3], expected[5]))

    def test_a_bad_or_foreign_cursor_shows_the_first_page(self):
        mine = [open_case(self) for _ in range(2)]
        join(mine[0], self.partner, role="partner")
        first = [c.pk for c in case_page(self.partner, {})]
        for cursor in ("abc", "-1", "9" * 30, str(mine[1].pk)):  # mine[1]: not the partner's
            with self.subTest(cursor=cursor):
                page = case_page(self.partner, {"setelah": cursor, "sebelum": cursor})
                self.assertEqual([c.pk for c in page], first)
        self.login(self.manager)
        response = self.client.get(reverse("cases:list"), {"setelah": "x"})
        self.assertEqual(response.status_code, 200)

    def test_partner_sees_only_cases_of_their_team(self):
        mine = open_case(self)
        open_case(self)
        join(mine, self.partner, role="partner")
        self.login(self.partner)
        response = self.client.get(reverse("cases:list"))
        self.assertEqual(list(response.context["page"].object_list), [mine])


class ActionPageTests(JagaTestCase):
    """The less frequent forms are not on the case page: each is its own small page, which
    htmx opens inside the case page as a fragment."""

    ACTIONS = ["update", "service_add", "member_add", "consent_add", "attachment_add"]

    def setUp(self):
        self.case = open_case(self)
        self.detail = reverse("cases:detail", args=[self.case.pk])

    def test_case_page_links_each_form_its_team_may_use(self):
        self.login(self.manager)
        page = self.client.get(self.detail)
        for name in self.ACTIONS:
            self.assertContains(page, f'hx-get="{reverse(f"cases:{name}", args=[self.case.pk])}"')
        self.assertContains(page, 'id="transition-form"')
        join(self.case, self.activist)
        self.login(self.activist)  # a companion writes notes and attachments, nothing else
        page = self.client.get(self.detail)
        self.assertContains(page, reverse("cases:attachment_add", args=[self.case.pk]))
        self.assertNotContains(page, reverse("cases:service_add", args=[self.case.pk]))
        self.assertNotContains(page, 'id="transition-form"')

    def test_form_as_page_and_as_fragment(self):
        self.login(self.manager)
        for name in self.ACTIONS:
            url = reverse(f"cases:{name}", args=[self.case.pk])
            with self.subTest(action=name):
                page = self.client.get(url)
                self.assertContains(page, "<h1>")
                self.assertContains(page, f'action="{url}"')
                fragment = self.client.get(url, headers={"HX-Request": "true"})
                self.assertNotContains(fragment, "<h1>")
                self.assertContains(fragment, f'action="{url}"')

    def test_forms_follow_the_policy(self):
        url = reverse("cases:service_add", args=[self.case.pk])
        # A manager off the team sees the case but may not edit it; the others may not edit
        # cases at all.
        expected = {"manager2": 403, "partner": 403, "rt_officer": 403, "outsider": 403}
        for persona, status in expected.items():
            with self.subTest(persona=persona):
                self.login(getattr(self, persona))
                self.assertEqual(self.client.get(url).status_code, status)

    def test_bad_input_comes_back_on_the_form(self):
        self.login(self.manager)
        url = reverse("cases:consent_add", args=[self.case.pk])
        response = self.client.post(url, {"given_by": "victim"})
        self.assertContains(response, 'name="given_on"', status_code=400)
        self.assertContains(response, "Bidang ini tidak boleh kosong", status_code=400)
        self.assertFalse(self.case.consents.exists())

    def test_case_page_queries_do_not_grow_with_the_case(self):
        self.login(self.manager)
        before = count_queries(self.client, self.detail)
        join(self.case, self.activist)
        for service in ("kesehatan", "bantuan_hukum"):
            self.client.post(
                reverse("cases:service_add", args=[self.case.pk]), {"service": service}
            )
        self.client.post(reverse("cases:note", args=[self.case.pk]), {"note": "Kunjungan."})
        self.assertEqual(count_queries(self.client, self.detail), before)


class TeamAndConsentChangeTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        self.companion = join(self.case, self.activist)
        self.login(self.manager)

    def test_a_member_leaves_the_team_and_no_longer_sees_identities(self):
        url = reverse("cases:member_remove", args=[self.case.pk, self.companion.pk])
        self.assertRedirects(self.client.post(url), reverse("cases:detail", args=[self.case.pk]))
        self.companion.refresh_from_db()
        self.assertIsNotNone(self.companion.removed_at)
        self.assertTrue(
            AuditEvent.objects.filter(object_id=str(self.case.pk), fields=["members"]).exists()
        )
        self.login(self.activist)
        response = self.client.get(reverse("cases:detail", args=[self.case.pk]))
        self.assertNotContains(response, NIK, status_code=response.status_code)
        self.assertNotEqual(response.status_code, 200)

    def test_the_manager_stays_and_others_cannot_remove(self):
        manager = self.case.members.get(person=self.manager)
        url = reverse("cases:member_remove", args=[self.case.pk, manager.pk])
        response = self.client.post(url, follow=True)
        self.assertContains(response, "Manajer kasus tidak dapat dikeluarkan")
        self.assertIsNone(self.case.members.get(person=self.manager).removed_at)
        self.login(self.activist)  # a companion does not assign the team
        url = reverse("cases:member_remove", args=[self.case.pk, self.companion.pk])
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.manager)
        self.assertEqual(self.client.get(url).status_code, 405)  # a change is a POST

    def test_consent_is_withdrawn_once_and_kept(self):
        self.client.post(
            reverse("cases:consent_add", args=[self.case.pk]),
            {"given_by": "guardian", "given_on": "2026-11-01", "for_services": "on"},
        )
        consent = self.case.consents.get()
        url = reverse("cases:consent_withdraw", args=[self.case.pk, consent.pk])
        self.client.post(url)
        consent.refresh_from_db()
        self.assertIsNotNone(consent.withdrawn_at)
        again = self.client.post(url, follow=True)
        self.assertContains(again, "sudah ditarik")
        other = open_case(self)
        self.assertEqual(
            self.client.post(
                reverse("cases:consent_withdraw", args=[other.pk, consent.pk])
            ).status_code,
            404,  # the consent is not this case's
        )


class ConsentFormTests(JagaTestCase):
    """The partners of a consent are checkboxes grouped by kind, with a filter box the script
    reveals; the case page then says which data kinds each partner may receive."""

    def setUp(self):
        self.case = open_case(self)
        self.url = reverse("cases:consent_add", args=[self.case.pk])
        self.login(self.manager)

    def test_partners_are_grouped_by_kind_in_fieldsets(self):
        page = self.client.get(self.url).content.decode()
        self.assertIn("data-choice-filter hidden", page)  # hidden until the script runs
        self.assertIn("choice-filter.js", page)
        self.assertNotIn("<select multiple", page)
        groups = re.findall(r"<fieldset><legend>([^<]+)</legend>(.*?)</fieldset>", page, re.S)
        by_kind = {legend: body for legend, body in groups}
        self.assertIn("Puskesmas Manggar", by_kind["Puskesmas"])
        self.assertIn("Unit PPA Polresta", by_kind["Unit PPA Kepolisian"])
        self.assertNotIn("Puskesmas Manggar", by_kind["Unit PPA Kepolisian"])
        self.assertIn(f'value="{self.puskesmas.pk}"', by_kind["Puskesmas"])
        self.assertNotIn("FP2ATBM kelurahan", by_kind)  # no partner: no data goes there

    def test_summary_says_what_each_partner_may_receive(self):
        detail = reverse("cases:detail", args=[self.case.pk])
        common = {"given_by": "guardian", "given_on": "2026-11-01", "for_sharing": "on"}
        self.client.post(
            self.url,
            {**common, "organisations": [self.puskesmas.pk], "shared_fields": ["case_facts"]},
        )
        self.client.post(
            self.url,
            {
                **common,
                "organisations": [self.puskesmas.pk, self.police.pk],
                "shared_fields": ["contact"],
            },
        )
        page = self.client.get(detail).content.decode()
        summary = re.search(r'<ul class="card" id="sharing">(.*?)</ul>', page, re.S).group(1)
        lines = dict(re.findall(r"<li><strong>([^<]+)</strong>: ([^<]+)</li>", summary))
        self.assertEqual(
            lines["Puskesmas Manggar"],
            "Kontak (alamat, nomor HP); Fakta kasus (bentuk kekerasan, tempat, tanggal)",
        )
        self.assertEqual(lines["Unit PPA Polresta"], "Kontak (alamat, nomor HP)")
        police_consent = self.case.consents.get(organisations=self.police)
        self.client.post(reverse("cases:consent_withdraw", args=[self.case.pk, police_consent.pk]))
        page = self.client.get(detail).content.decode()
        summary = re.search(r'<ul class="card" id="sharing">(.*?)</ul>', page, re.S).group(1)
        self.assertNotIn("Unit PPA Polresta", summary)
        self.assertIn("Fakta kasus", summary)
        self.assertNotIn("Kontak", summary)


class PersonEditTests(JagaTestCase):
    def setUp(self):
        self.case = open_case(self)
        self.victim = self.case.people.get(kind="victim")
        self.url = reverse("cases:person_edit", args=[self.case.pk, self.victim.pk])
        self.login(self.manager)

    def data(self, **changes):
        """What the browser sends back: the form as shown, with ``changes``."""
        shown = self.client.get(self.url).context["form"].initial
        return {k: v for k, v in {**shown, **changes}.items() if v not in (None, False)}

    def test_the_form_shows_the_identity_and_the_read_is_audited(self):
        response = self.client.get(self.url)
        self.assertContains(response, NIK)
        event = AuditEvent.objects.filter(object_type="cases.caseperson").latest("seq")
        self.assertEqual(event.action, AuditAction.READ)
        self.assertIn("nik", event.fields)

    def test_a_correction_is_saved_indexed_and_audited_by_field(self):
        new_nik = "6471019999990001"
        response = self.client.post(self.url, self.data(nik=new_nik, education="sd"))
        self.assertRedirects(response, reverse("cases:detail", args=[self.case.pk]))
        self.victim.refresh_from_db()
        self.assertEqual((self.victim.nik, self.victim.education.code), (new_nik, "sd"))
        self.assertEqual(list(case_list(self.manager, query=new_nik)), [self.case])
        self.assertEqual(list(case_list(self.manager, query=NIK)), [])
        event = AuditEvent.objects.filter(object_type="cases.caseperson").latest("seq")
        self.assertEqual((event.action, event.fields), (AuditAction.CHANGE, ["education", "nik"]))
        self.assertTrue(self.case.events.filter(kind="person").exists())

    def test_bad_input_changes_nothing(self):
        response = self.client.post(self.url, self.data(nik="abc", age="20"))
        self.assertContains(response, "NIK harus tepat 16 digit", status_code=400)
        self.assertContains(response, "tidak sesuai dengan tanggal lahir", status_code=400)
        self.victim.refresh_from_db()
        self.assertEqual(self.victim.nik, NIK)

    def test_a_correction_based_on_a_stale_case_is_refused(self):
        seen = self.data(education="sd")
        services.case_transition(case=self.case, by=self.manager, to_status="verified", version=1)
        response = self.client.post(self.url, seen)
        self.assertContains(response, "diubah oleh", status_code=400)
        self.victim.refresh_from_db()
        self.assertIsNone(self.victim.education)

    def test_only_the_team_edits_and_only_this_case_people(self):
        other = open_case(self)
        url = reverse("cases:person_edit", args=[other.pk, self.victim.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        join(self.case, self.activist)
        self.login(self.activist)
        self.assertEqual(self.client.get(self.url).status_code, 403)
