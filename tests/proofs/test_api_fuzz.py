"""API fuzzing: schemathesis generates requests for every operation of Jaga's own OpenAPI
(loaded in-process from the WSGI app, CSRF and sessions as a browser sends them), as each
persona. No answer may be a server error, answer a status code its operation does not
document, break its documented schema, or refuse as malformed what the schema says is well
formed."""

import contextlib
from collections import Counter

import pytest
import schemathesis
from hypothesis import given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from jaga.cases.tests.helpers import join, open_case
from jaga.reports.tests.helpers import make_report
from jaga.testing import JagaTestCase
from jaga.wsgi import application
from tests.proofs.helpers import BOUNDED, EXAMPLES, KeepTestConnection, csrf_header, session_cookies


@schemathesis.check
def positive_data_fits_the_schema(ctx, response, case):
    """Schemathesis's positive-data check at the schema's own level: a request the schema
    describes as valid must never be refused by the server's schema validation (a 422 with
    per-field problems, ``jaga.core.api.schema_problems``) — that would mean the schema
    lacks an enum, a length or a bound the server enforces. A service's refusal of valid
    input for what no schema can say (a code outside the person's area, a step the case has
    not reached, another record's state: a 422 with a detail only, or a 409) stays allowed."""
    positive = case.meta is None or case.meta.generation.mode.is_positive
    if positive and response.status_code == 422 and "fields" in (response.json() or {}):
        raise AssertionError(f"Valid data refused by the schema check: {response.json()['fields']}")


# Every answer documented (status code and body), never a server error, and what the schema
# calls valid accepted by the schema check.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    positive_data_fits_the_schema,
]
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def schema_operations():
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.slow
class ApiFuzzTests(JagaTestCase):
    """Each persona gets its own run over every operation; failures are collected and
    reported together (operation, request, what broke)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        case = open_case(cls)
        join(case, cls.partner)
        closed = make_report(cls, is_urgent=True)
        cls.known_ids = [case.pk, case.report_id, closed.pk]

    def setUp(self):
        self.keep = KeepTestConnection()
        self.keep.__enter__()
        self.addCleanup(self.keep.__exit__)
        self.operations = schema_operations()

    def fuzz_as(self, person):
        cookies = session_cookies(person)
        self.statuses = Counter()
        failures = []
        for operation in self.operations:
            failures += self.fuzz_operation(operation, cookies)
        self.assertEqual(failures, [], "\n\n".join(failures))
        self.assertGreater(len(self.operations), 20)
        # The session was live throughout (anonymous: refused), so the run reached the code.
        self.assertGreater(self.statuses["GET /api/akun/me", 200 if person else 401], 0)

    def fuzz_operation(self, operation, cookies):
        failures: list[str] = []
        # Plain bodies: the WSGI test transport does not undo GZipMiddleware's compression.
        headers = {"Accept-Encoding": "identity"}
        if operation.method.upper() in UNSAFE:
            headers |= csrf_header(cookies)

        @settings(BOUNDED, max_examples=EXAMPLES)
        @given(case=operation.as_strategy(), known=st.sampled_from([None, *self.known_ids]))
        def run(case, known):
            if known is not None:  # aim at a record that exists, not only random numbers
                for name in case.path_parameters or {}:
                    if name.endswith("_id"):
                        case.path_parameters[name] = known
            response = case.call(headers=headers, cookies=cookies)
            self.statuses[(operation.label, response.status_code)] += 1
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as error:  # schemathesis groups its failures in one exception
                failures.append(f"{operation.label}: {error}")
                raise

        with contextlib.suppress(Exception):  # the failure is already recorded
            run()
        return failures[-1:]

    def test_anonymous(self):
        self.fuzz_as(None)

    def test_rt_officer(self):
        self.fuzz_as(self.rt_officer)

    def test_case_manager_on_the_team(self):
        self.fuzz_as(self.manager)

    def test_case_manager_outside_the_team(self):
        self.fuzz_as(self.manager2)

    def test_partner_officer(self):
        self.fuzz_as(self.partner)

    def test_city_admin(self):
        self.fuzz_as(self.admin)

    def test_analyst(self):
        self.fuzz_as(self.analyst)
