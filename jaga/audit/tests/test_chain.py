import io
import threading

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TransactionTestCase, skipUnlessDBFeature

from jaga.audit.models import AuditAction, AuditEvent, AuditHead
from jaga.audit.selectors import audit_events, audit_page
from jaga.audit.services import audit_record, audit_verify
from jaga.testing import PASSWORD, JagaTestCase


class ChainTests(JagaTestCase):
    def write_events(self, count=5):
        for _ in range(count):
            audit_record(actor=self.admin, action=AuditAction.READ, target=self.rt_officer)

    def test_intact_chain_verifies(self):
        self.write_events()
        self.assertIsNone(audit_verify())
        out = io.StringIO()
        call_command("audit_verify", stdout=out)
        self.assertIn("utuh", out.getvalue())

    def test_an_edited_event_is_caught(self):
        self.write_events()
        third = AuditEvent.objects.get(seq=3)
        AuditEvent.objects.filter(pk=third.pk).update(object_id="999")  # bypasses the guard
        problem = audit_verify()
        self.assertEqual(problem.seq, 3)
        with self.assertRaisesMessage(CommandError, "#3"):
            call_command("audit_verify")

    def test_a_deleted_event_is_caught(self):
        self.write_events()
        AuditEvent.objects.filter(seq=2).delete()  # queryset delete bypasses the model guard
        self.assertEqual(audit_verify().seq, 2)

    def test_a_deleted_last_event_is_caught(self):
        self.write_events()
        AuditEvent.objects.filter(seq=5).delete()
        self.assertEqual(audit_verify().seq, 5)

    def test_events_cannot_be_changed_through_the_model(self):
        self.write_events(1)
        event = AuditEvent.objects.get()
        event.reason = "x"
        with self.assertRaises(TypeError):
            event.save()
        with self.assertRaises(TypeError):
            event.delete()

    def test_events_hold_field_names_never_values(self):
        event = audit_record(
            actor=self.admin,
            action=AuditAction.CHANGE,
            target=self.rt_officer,
            fields=["phone", "full_name"],
        )
        self.assertEqual(event.fields, ["full_name", "phone"])

    def test_who_saw_this_record_is_one_query(self):
        self.write_events(3)
        audit_record(actor=self.manager, action=AuditAction.READ, target=self.rt_other)
        with self.assert_query_count(2):  # memberships of the viewer, then the events
            events = list(
                audit_events(
                    self.admin, object_type="people.person", object_id=str(self.rt_officer.pk)
                )
            )
        self.assertEqual(len(events), 3)
        self.assertEqual({e.actor_id for e in events}, {self.admin.pk})

    def test_pages_keep_the_filter_and_walk_the_whole_trail(self):
        self.write_events(5)
        audit_record(actor=self.manager, action=AuditAction.READ, target=self.rt_other)
        target = {"object_type": "people.person", "object_id": str(self.rt_officer.pk)}
        events = list(audit_events(self.admin, **target))
        expected = [e.seq for e in events]
        seen, params = [], {}
        while True:
            page = audit_page(self.admin, params, size=2, **target)
            seen += [e.seq for e in page]
            if not page.next_cursor:
                break
            params = {"setelah": str(page.next_cursor)}
        self.assertEqual(seen, expected)
        self.login(self.admin)
        response = self.client.get("/audit/", target)
        self.assertEqual(len(response.context["page"]), 5)
        first = self.client.get("/audit/", {**target, "setelah": str(events[0].pk)})
        self.assertEqual([e.seq for e in first.context["page"]], expected[1:])
        self.assertContains(first, f"sebelum={events[1].pk}")  # the link back keeps the filter
        self.assertContains(first, "object_type=people.person")
        for cursor in ("x", "٣", "9" * 40):  # not a cursor: the newest events
            response = self.client.get("/audit/", {**target, "setelah": cursor})
            self.assertEqual([e.seq for e in response.context["page"]], expected)

    def test_city_admin_sees_only_their_city(self):
        audit_record(actor=self.outsider, action=AuditAction.READ, target=self.outsider)
        audit_record(actor=self.admin, action=AuditAction.READ, target=self.rt_officer)
        self.assertEqual([e.actor_id for e in audit_events(self.outsider)], [self.outsider.pk])


class SignInAuditTests(JagaTestCase):
    def test_sign_in_failure_and_sign_out_are_audited(self):
        self.client.post("/masuk/", {"username": "rt_officer", "password": "salah"})
        self.client.post("/masuk/", {"username": "rt_officer", "password": PASSWORD})
        self.client.post("/keluar/")
        actions = list(AuditEvent.objects.order_by("seq").values_list("action", "object_id"))
        pk = str(self.rt_officer.pk)
        self.assertEqual(
            actions,
            [
                (AuditAction.SIGN_IN_FAILED, pk),
                (AuditAction.SIGN_IN, pk),
                (AuditAction.SIGN_OUT, pk),
            ],
        )
        self.assertIsNone(audit_verify())

    def test_audit_page_is_for_city_admin_only(self):
        self.login(self.admin)
        self.assertEqual(self.client.get("/audit/").status_code, 200)
        self.login(self.manager)
        self.assertEqual(self.client.get("/audit/").status_code, 403)


class ConcurrentWritersTests(TransactionTestCase):
    """Writers in parallel threads queue on the chain head instead of forking the chain."""

    @skipUnlessDBFeature("has_select_for_update")
    def test_parallel_writers_keep_one_chain(self):
        AuditHead.objects.get_or_create(pk=1)
        errors = []

        def writer():
            try:
                for _ in range(10):
                    audit_record(
                        actor=None, action=AuditAction.READ, object_type="x", object_id="1"
                    )
            except Exception as error:  # surfaced below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=writer) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(AuditEvent.objects.count(), 80)
        self.assertIsNone(audit_verify())
