"""Many people edit one case at the same moment (PostgreSQL, real threads, one connection
each). Optimistic locking must give exactly one winner per version, tell every loser (a
ValidationError naming who changed the case / a 409 from the API) and lose no update."""

import datetime
import json
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, TransactionTestCase

from jaga.cases.hooks import transition_problems
from jaga.cases.models import TRANSITIONS, Case, CaseEvent, CaseStatus, EventKind, MemberRole
from jaga.cases.services import case_update
from jaga.cases.tests.helpers import join, open_case
from jaga.casework.models import Subject
from jaga.casework.services.approvals import approval_required
from jaga.casework.tests.helpers import ask, assess, decide
from jaga.testing import JagaTestCase
from tests.proofs.helpers import requires_postgresql

WRITERS = 8
ROUNDS = 3
FORMS = ["fisik", "psikis", "seksual"]
STALE_WORDS = ("telah diubah oleh", "Muat ulang")


def race(calls):
    """Run the calls in threads released together; each returns what its call returned or
    raised."""
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            start.wait()
            outcomes[i] = call()
        except Exception as error:  # the loser's exception is the outcome under test
            outcomes[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.slow
@requires_postgresql
class ConflictingEditsTests(TransactionTestCase):
    serialized_rollback = True  # the code lists loaded by migrations survive the flush

    def setUp(self):
        JagaTestCase.setUpTestData.__func__(type(self))
        self.case = open_case(self)
        join(self.case, self.manager2, role=MemberRole.MANAGER)
        # The case may then also step to "assessed" (guarded by case work), approved where
        # the city asks for the head's approval.
        assess(self, self.case)
        if approval_required(Subject.ASSESSMENT):
            decide(self, ask(self, self.case, Subject.ASSESSMENT))

    def assert_one_winner(self, outcomes, is_win, loser_text):
        winners = [o for o in outcomes if is_win(o)]
        losers = [o for o in outcomes if not is_win(o)]
        self.assertEqual(len(winners), 1, outcomes)
        for loser in losers:
            for words in STALE_WORDS:
                self.assertIn(words, loser_text(loser))
        return winners[0]

    def test_service_edits_one_winner_per_version_no_lost_update(self):
        for round_ in range(ROUNDS):
            version = Case.objects.get(pk=self.case.pk).version

            def edit(i, version=version):
                day = datetime.date(2024, round_ + 1, i + 1)
                form = FORMS[i % len(FORMS)]
                by = self.manager if i % 2 else self.manager2
                case = Case.objects.select_related("report").get(pk=self.case.pk)
                case_update(
                    case=case,
                    by=by,
                    version=version,
                    place="rumah_tangga",
                    violence_forms=[form],
                    incident_date=day,
                )
                return day, form

            outcomes = race([lambda i=i: edit(i) for i in range(WRITERS)])
            for loser in outcomes:
                if isinstance(loser, ValidationError):
                    self.assertEqual(loser.code, "stale")
            day, form = self.assert_one_winner(
                outcomes, lambda o: isinstance(o, tuple), lambda o: " ".join(o.messages)
            )
            case = Case.objects.get(pk=self.case.pk)
            self.assertEqual((case.version, case.incident_date), (version + 1, day))
            self.assertEqual([c.code for c in case.violence_forms.all()], [form])
        changes = CaseEvent.objects.filter(case=self.case, kind=EventKind.CHANGE).count()
        self.assertEqual(changes, ROUNDS)

    def api_client(self, person):
        client = Client()
        client.force_login(person)
        return client

    def test_api_transitions_one_winner_409_for_every_loser(self):
        clients = [self.api_client(p) for p in (self.manager, self.manager2) * (WRITERS // 2)]
        url = f"/api/kasus/{self.case.pk}/status"
        for _ in range(ROUNDS):
            case = Case.objects.get(pk=self.case.pk)
            # Only steps the case may take now: the case-work guards (an assessment before
            # "assessed", the head's approval before closing) would refuse the others (422).
            targets = [
                t
                for t in TRANSITIONS[case.status]
                if t != CaseStatus.CLOSED and not transition_problems(case, t)
            ]

            def move(i, client, case=case, targets=targets):
                body = {"to_status": targets[i % len(targets)], "version": case.version}
                return client.post(url, json.dumps(body), content_type="application/json")

            outcomes = race([lambda i=i, c=c: move(i, c) for i, c in enumerate(clients)])
            self.assertEqual(sorted({o.status_code for o in outcomes}), [200, 409])
            winner = self.assert_one_winner(
                outcomes, lambda o: o.status_code == 200, lambda o: o.json()["detail"]
            )
            after = Case.objects.get(pk=self.case.pk)
            self.assertEqual(after.version, case.version + 1)
            self.assertEqual(after.status, winner.json()["status"])
        moves = CaseEvent.objects.filter(case=self.case, kind=EventKind.STATUS).count()
        self.assertEqual(moves, ROUNDS)
