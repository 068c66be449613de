"""Nothing stored about an answer points to a child: no address, no browser, no time of day,
no account, no session row, no audit event, not even the order in which children answered;
and nothing but the aggregating selectors reads the answers."""

import ast
import datetime as dt
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import connection, models

from jaga.voice.models import Answer, Response
from jaga.voice.tests.helpers import SurveyTestCase

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 9; HP-Murah-Anak-Uji) JagaTraceProbe/1.0"


def table_contents() -> dict[str, list[tuple]]:
    """Every row of every table, as stored."""
    contents = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608  (names from introspection)
            contents[table] = cursor.fetchall()
    return contents


class NoTraceTest(SurveyTestCase):
    def test_an_answer_adds_rows_only_to_the_answer_tables_and_none_holds_a_trace(self):
        session = self.open_session()
        self.token(session)  # the form page once, before counting
        before = table_contents()
        response = self.answer(session, REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
        self.assertEqual(response.status_code, 200)
        after = table_contents()
        grown = {t for t in after if len(after[t]) != len(before[t])}
        # The shared cache (a database table by default) keeps, for a while, the used form's
        # mark and the session's flood counter: hashed keys, and a mark that expires on a
        # whole hour; the IP, agent and probe checks below cover its rows too.
        self.assertEqual(grown, {"voice_response", "voice_answer", "jaga_cache"})
        marks = [row for row in after["jaga_cache"] if ":voice:sent:" in row[0]]
        self.assertEqual(len(marks), 1)
        expires = marks[0][2]
        expires = (
            expires if isinstance(expires, dt.datetime) else dt.datetime.fromisoformat(expires)
        )
        self.assertEqual((expires.minute, expires.second), (0, 0))
        for key, _value, _expires in after["jaga_cache"]:
            self.assertRegex(key, r"^:1:jaga:[a-z-]+:([a-z-]+:)?[0-9a-f]{32}$")
        changed = {t for t in after if t not in grown and after[t] != before[t]}
        self.assertEqual(changed, set(), "an answer changed other rows (a session, a log …)")
        stored = repr(after)
        for trace in (IP, AGENT, "JagaTraceProbe", "HP-Murah"):
            self.assertNotIn(trace, stored)
        (row,) = after["voice_response"]
        for value in row:
            self.assertNotIsInstance(value, dt.datetime)  # a date, never a time of day
            self.assertNotRegex(str(value), r"\d{1,2}:\d{2}")

    def test_no_cookie_or_session_is_made_for_the_child(self):
        session = self.open_session()
        response = self.answer(session, REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
        self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)
        self.assertFalse(apps.get_model("sessions", "Session").objects.exists())

    def test_the_rows_hold_only_what_the_issue_allows(self):
        fields = {f.name: f for f in Response._meta.concrete_fields}
        self.assertEqual(
            set(fields), {"id", "session", "age_band", "sex", "answered_on", "on_paper"}
        )
        self.assertEqual(
            {f.name for f in Answer._meta.concrete_fields}, {"id", "response", "question", "value"}
        )
        for model in (Response, Answer):
            for field in model._meta.concrete_fields:
                self.assertNotIsInstance(
                    field, models.DateTimeField | models.GenericIPAddressField | models.TimeField
                )
            # Random keys: the order in which children answered cannot be read back.
            self.assertIsInstance(model._meta.pk, models.UUIDField)

    def test_order_of_answers_is_not_kept(self):
        session = self.open_session()
        for _ in range(3):
            self.answer(session)
        ids = [str(r.pk) for r in Response.objects.all()]
        self.assertEqual(len(set(ids)), 3)
        self.assertNotIn("created", {f.name for f in Response._meta.fields})

    def test_the_admin_does_not_list_answers(self):
        self.assertFalse(admin.site.is_registered(Response))
        self.assertFalse(admin.site.is_registered(Answer))


class OnlyAggregatesReadAnswersTest(SurveyTestCase):
    ALLOWED = {
        "jaga/voice/models/__init__.py",
        "jaga/voice/models/survey.py",
        "jaga/voice/selectors/results.py",  # counts only
        "jaga/voice/services/survey.py",  # writes
        "jaga/voice/demo.py",  # labelled demo answers
    }

    def test_no_other_module_imports_the_answer_models(self):
        root = Path(settings.BASE_DIR)
        offenders = []
        for path in (root / "jaga").rglob("*.py"):
            relative = str(path.relative_to(root))
            if relative in self.ALLOWED or "/tests/" in relative or "/migrations/" in relative:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                names = {a.name for a in node.names} if isinstance(node, ast.ImportFrom) else set()
                if names & {"Response", "Answer"} and "voice" in (node.module or ""):
                    offenders.append(relative)
        self.assertEqual(offenders, [])
