"""Clocks of real items, escalation and the overdue queues, travelling in time by passing
``now`` (the items' start times are set explicitly)."""

import datetime
import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jaga.cases.models import Case, CaseStatus
from jaga.cases.selectors import case_timeline
from jaga.cases.services import case_transition
from jaga.clocks.models import Escalation, Holiday, ServiceTarget, Step
from jaga.clocks.selectors import (
    TargetBook,
    case_clocks,
    case_clocks_for,
    cases_with_clocks,
    forget_targets,
    overdue_queue,
    report_clock,
    reports_with_clock,
)
from jaga.clocks.services import escalate, holiday_add
from jaga.clocks.tasks import escalate_overdue
from jaga.clocks.timing import ClockState
from jaga.notifications.models import Notification
from jaga.people.models import Person
from jaga.referrals.tests.helpers import ReferralTestCase
from jaga.reports.models import Report
from jaga.reports.services import report_verify
from jaga.reports.tests.helpers import make_report
from jaga.testing import queries_run

# A Monday morning, WITA.
MONDAY = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))


def hours(n: float) -> datetime.timedelta:
    return datetime.timedelta(hours=n)


class DefaultsTests(ReferralTestCase):
    def test_targets_seeded_from_the_service_standard(self):
        stored = {(t.step, t.is_urgent): (t.amount, t.unit) for t in ServiceTarget.objects.all()}
        self.assertEqual(stored[("report_ack", True)], (1, "hours"))
        self.assertEqual(stored[("report_ack", False)], (24, "hours"))
        self.assertEqual(stored[("outreach", False)], (3, "working_days"))
        self.assertEqual(stored[("assessment", True)], (3, "days"))
        self.assertEqual(stored[("referral_response", True)], (4, "hours"))
        self.assertEqual(stored[("referral_response", False)], (2, "working_days"))
        # and the head's decision on a request and the answer to a transfer (casework)
        self.assertEqual(stored[("approval", False)], (3, "working_days"))
        self.assertEqual(stored[("transfer", True)], (4, "hours"))
        self.assertEqual(len(stored), 12)


class ItemClockTests(ReferralTestCase):
    def test_report_clock_states(self):
        report = make_report(self, is_urgent=True)
        Report.objects.filter(pk=report.pk).update(received_at=MONDAY)
        report.refresh_from_db()
        book = TargetBook()
        self.assertEqual(report_clock(report, book, MONDAY).state, ClockState.ON_TIME)
        self.assertEqual(report_clock(report, book, MONDAY + hours(0.8)).state, ClockState.DUE_SOON)
        self.assertEqual(report_clock(report, book, MONDAY + hours(1)).state, ClockState.OVERDUE)
        report_verify(report=report, by=self.manager)
        annotated = reports_with_clock(Report.objects.filter(pk=report.pk)).get()
        self.assertEqual(report_clock(annotated, book, MONDAY).state, ClockState.DONE_LATE)

    def test_a_report_made_into_a_case_is_acknowledged(self):
        annotated = reports_with_clock(Report.objects.filter(pk=self.case.report_id)).get()
        self.assertEqual(annotated.clock_done, self.case.opened_at)

    def test_case_step_clocks_stop_on_the_status_moves(self):
        Case.objects.filter(pk=self.case.pk).update(opened_at=MONDAY, is_urgent=False)
        self.case.refresh_from_db()  # the clocks read the instance they are given
        outreach, assessment = case_clocks_for(self.case, MONDAY + hours(1))
        self.assertEqual(
            (outreach.state, assessment.state), (ClockState.ON_TIME, ClockState.ON_TIME)
        )
        self.assertEqual(outreach.due, MONDAY + datetime.timedelta(days=3))  # Thursday
        late = MONDAY + datetime.timedelta(days=8)
        outreach, assessment = case_clocks_for(self.case, late)
        self.assertEqual(
            (outreach.state, assessment.state), (ClockState.OVERDUE, ClockState.OVERDUE)
        )
        case_transition(
            case=self.case,
            by=self.manager,
            to_status=CaseStatus.VERIFIED,
            version=self.case.version,
        )
        outreach, assessment = case_clocks_for(self.case, late)
        self.assertEqual(outreach.state, ClockState.DONE_LATE)  # done now, long after Thursday
        self.assertEqual(assessment.state, ClockState.OVERDUE)

    def test_a_case_pages_clocks_agree_with_the_annotated_ones(self):
        """The case page computes the stops from the events it shows; the queues annotate
        them in SQL: reported, verified, then closed, the two agree at every step."""
        later = timezone.now() + datetime.timedelta(days=9)
        for step in ("reported", "verified", "closed"):
            if step == "verified":
                case_transition(
                    case=self.case,
                    by=self.manager,
                    to_status=CaseStatus.VERIFIED,
                    version=self.case.version,
                )
            if step == "closed":  # closing stops both clocks (its approval is casework's)
                Case.objects.filter(pk=self.case.pk).update(closed_at=timezone.now())
            case = Case.objects.get(pk=self.case.pk)
            annotated = cases_with_clocks(Case.objects.filter(pk=case.pk)).get()
            self.assertEqual(
                case_clocks_for(case, later), case_clocks(annotated, TargetBook(), later)
            )
            case_timeline(case)
            with queries_run() as ran:  # the timeline prefetched the events
                case_clocks_for(case, later)
            self.assertEqual(ran, [])

    def test_holidays_move_a_working_day_due_time(self):
        Case.objects.filter(pk=self.case.pk).update(opened_at=MONDAY, is_urgent=False)
        self.case.refresh_from_db()
        holiday_add(date=datetime.date(2026, 3, 4), name="Libur uji", by=self.admin)
        outreach, _ = case_clocks_for(self.case, MONDAY)
        self.assertEqual(outreach.due, MONDAY + datetime.timedelta(days=4))  # Friday

    def test_referral_answer_clock_counts_working_days(self):
        referral = self.send()
        friday = MONDAY + datetime.timedelta(days=4)
        referral.sent_at = friday
        referral.save(update_fields=["sent_at"])
        from jaga.referrals.clocks import referral_clocks

        answer, service = referral_clocks(referral, TargetBook(), friday + hours(1))
        self.assertEqual(answer.due, friday + datetime.timedelta(days=4))  # Tuesday
        self.assertEqual(answer.state, ClockState.ON_TIME)
        self.assertEqual(service.step, Step.REFERRAL_SERVICE)


class EscalationTests(ReferralTestCase):
    def rt_report(self, **values):
        report = make_report(self, **values)
        Report.objects.filter(pk=report.pk).update(received_at=MONDAY)
        return report

    def test_run_twice_escalates_once_per_level_and_notifies_once(self):
        report = self.rt_report(is_urgent=True)
        Case.objects.update(opened_at=MONDAY + datetime.timedelta(days=30))  # not yet due
        first = escalate(now=MONDAY + hours(1))
        self.assertEqual(
            [(e.step, e.object_id, e.level) for e in first], [("report_ack", report.pk, 1)]
        )
        self.assertEqual(escalate(now=MONDAY + hours(1.5)), [])
        key = f"escalation:report_ack:{report.pk}:1"
        self.assertEqual(Notification.objects.filter(recipient=self.manager, key=key).count(), 1)
        # The kelurahan officer of the RT's kelurahan hears of an unacknowledged RT report.
        self.assertTrue(
            Notification.objects.filter(recipient=self.kel_officer, key=key + ":kelurahan").exists()
        )
        self.assertFalse(Notification.objects.filter(recipient=self.head).exists())

        second = escalate(now=MONDAY + hours(2))  # one more window: the UPTD PPA head
        self.assertEqual([e.level for e in second], [2])
        self.assertTrue(
            Notification.objects.filter(recipient=self.head, key__startswith="escalation:").exists()
        )
        third = escalate(now=MONDAY + hours(5))
        self.assertEqual([e.level for e in third], [3])
        self.assertTrue(
            Notification.objects.filter(
                recipient=self.admin, key__startswith="escalation:"
            ).exists()
        )
        escalate(now=MONDAY + hours(50))
        self.assertEqual(
            Escalation.objects.filter(object_id=report.pk, step="report_ack").count(), 3
        )
        notification = Notification.objects.get(recipient=self.admin)
        self.assertEqual(notification.number, report.tracking_code)
        self.assertNotIn("Siti", notification.title + notification.body)

    def test_a_missed_run_records_every_level_reached(self):
        report = self.rt_report(is_urgent=True)
        Case.objects.update(opened_at=MONDAY + datetime.timedelta(days=30))
        levels = [e.level for e in escalate(now=MONDAY + hours(10)) if e.object_id == report.pk]
        self.assertEqual(levels, [1, 2, 3])

    def test_acknowledged_and_done_items_do_not_escalate(self):
        report = self.rt_report(is_urgent=True)
        report_verify(report=report, by=self.manager)
        Case.objects.update(opened_at=MONDAY + datetime.timedelta(days=30))
        self.assertEqual(escalate(now=MONDAY + hours(3)), [])

    def test_overdue_referral_tells_the_manager_and_the_partner(self):
        Case.objects.update(opened_at=MONDAY + datetime.timedelta(days=30))
        referral = self.send(is_urgent=True)
        referral.sent_at = MONDAY
        referral.save(update_fields=["sent_at"])
        created = escalate(now=MONDAY + hours(4))
        self.assertEqual([(e.step, e.level) for e in created], [("referral_response", 1)])
        key = f"escalation:referral_response:{referral.pk}:1"
        for person in (self.manager, self.partner):
            self.assertTrue(Notification.objects.filter(recipient=person, key=key).exists())
        self.assertFalse(
            Notification.objects.filter(recipient=self.police_officer, key=key).exists()
        )

    def test_command_and_task(self):
        self.rt_report(is_urgent=True)
        Report.objects.update(received_at=timezone.now() - hours(1.5))
        Case.objects.update(opened_at=timezone.now())
        call_command("escalate", stdout=io.StringIO())
        self.assertEqual(Escalation.objects.count(), 1)
        self.assertEqual(escalate_overdue.call(), 0)  # idempotent: nothing new


class QueueTests(ReferralTestCase):
    def overdue_reports(self, count, rt=None, by=None):
        for _ in range(count):
            make_report(
                self, rt=rt or self.rt1, by=by or self.rt_officer, victim_nik="", victim_name=""
            )
        Report.objects.filter(case__isnull=True).update(received_at=MONDAY)

    def queue_queries(self, person):
        person = Person.objects.get(pk=person.pk)  # memberships not yet cached
        forget_targets()  # nor the targets: each count includes reading them
        with queries_run() as queries:
            items = overdue_queue(person, now=MONDAY + datetime.timedelta(days=8))
        return len(queries), items

    def test_query_count_is_constant(self):
        Case.objects.update(opened_at=MONDAY)
        referral = self.send()
        referral.sent_at = MONDAY
        referral.save(update_fields=["sent_at"])
        self.overdue_reports(2)
        small, items = self.queue_queries(self.head)
        self.assertEqual(len(items), 2 + 2 + 1)  # reports, case outreach + assessment, referral
        self.overdue_reports(6)
        large, items = self.queue_queries(self.head)
        self.assertEqual(len(items), 8 + 2 + 1)
        self.assertEqual(small, large)
        head = Person.objects.get(pk=self.head.pk)
        forget_targets()
        with self.assert_query_count(small):
            overdue_queue(head, now=MONDAY + datetime.timedelta(days=8))

    def test_kelurahan_officer_sees_only_their_kelurahan_without_numbers(self):
        self.overdue_reports(2)
        self.overdue_reports(1, rt=self.prapatan_rt1, by=self.rt_other)
        Case.objects.update(opened_at=timezone.now())
        _, items = self.queue_queries(self.kel_officer)
        self.assertEqual({i.kelurahan_code for i in items}, {self.manggar.code})
        self.assertEqual({i.number for i in items}, {""})
        _, items = self.queue_queries(self.head)
        self.assertEqual(len(items), 3)
        self.assertTrue(all(i.number for i in items))

    def test_queue_page_per_organisation_and_per_kelurahan(self):
        self.overdue_reports(2)
        Case.objects.update(opened_at=MONDAY)
        self.login(self.head)
        page = self.client.get(reverse("clocks:queue"))
        self.assertContains(page, "overdue-row", count=4)
        self.assertContains(page, "UPTD PPA")
        page = self.client.get(reverse("clocks:queue") + "?per=kelurahan")
        self.assertContains(page, "Manggar")
        for person, status in (
            (self.kel_officer, 200),
            (self.admin, 200),
            (self.manager, 403),
            (self.partner, 403),
        ):
            self.login(person)
            self.assertEqual(
                self.client.get(reverse("clocks:queue")).status_code, status, person.username
            )


class TargetPageTests(ReferralTestCase):
    def test_admin_edits_a_target_and_clocks_follow(self):
        target = ServiceTarget.objects.get(step="report_ack", is_urgent=False)
        self.login(self.admin)
        self.assertEqual(self.client.get(reverse("clocks:targets")).status_code, 200)
        response = self.client.post(
            reverse("clocks:targets"),
            {"target": target.pk, f"t{target.pk}-amount": 12, f"t{target.pk}-unit": "hours"},
        )
        self.assertRedirects(response, reverse("clocks:targets"))
        self.assertEqual(TargetBook().targets[("report_ack", False)], (12, "hours"))
        response = self.client.post(
            reverse("clocks:holiday_add"), {"date": "2026-03-19", "name": "Nyepi"}
        )
        self.assertTrue(Holiday.objects.filter(name="Nyepi").exists())

    def test_only_the_city_admin_edits_targets(self):
        for person in (self.head, self.manager, self.kel_officer):
            self.login(person)
            self.assertEqual(self.client.get(reverse("clocks:targets")).status_code, 403)

    def test_triage_queue_shows_report_clocks(self):
        make_report(self, is_urgent=True)
        self.login(self.manager)
        page = self.client.get(reverse("reports:queue"))
        self.assertContains(page, 'data-step="report_ack"')
        self.assertContains(page, "badge on-time clock")
        # an untouched report: what is awaited and how long is left, never "on time" as done
        self.assertContains(page, ">menunggu tanggapan — sisa 1 jam</span>")
        self.assertNotContains(page, "tepat waktu")
