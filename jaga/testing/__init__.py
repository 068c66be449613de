"""Shared test fixtures: a small city with named personas, as in every Jaga test.

``JagaTestCase`` builds, once per test class, Kota Balikpapan's real kecamatan and kelurahan,
three RTs per kelurahan used here, organisations, and these people:

- ``admin``        city administrator (DP3AKB), Balikpapan
- ``head``         UPTD PPA head
- ``manager``      case manager (UPTD PPA) — put on a case team by tests that need one
- ``manager2``     another case manager, outside any team
- ``kel_officer``  kelurahan officer, Manggar
- ``rt_officer``   RT PPA officer, RT 001 Manggar
- ``rt_other``     RT PPA officer, RT 001 Prapatan (another kecamatan)
- ``activist``     FP2ATBM activist, Manggar chapter
- ``partner``      partner officer, Puskesmas Manggar
- ``analyst``      analyst (aggregates only), Balikpapan
- ``taskforce``    Gugus Tugas KLA member
- ``outsider``     city administrator of another city (Samarinda, 64.72)
- ``nobody``       signed-in person with no role
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.db import connection
from django.test import TestCase, TransactionTestCase
from django.test.utils import CaptureQueriesContext

from jaga.access.paths import NATIONAL_CODE
from jaga.access.roles import Role
from jaga.areas.models import Area
from jaga.areas.services import areas_import_reference, rt_unsaved
from jaga.people.models import Membership, Organisation, OrganisationKind, Person
from jaga.security.testing import verify_test_logins

PASSWORD = "kata-sandi-uji-123"
# force_login of a role that needs two-factor sign-in counts as verified (jaga.security.testing).
verify_test_logins()


def make_person(username: str, role: str | None = None, **where) -> Person:
    person = Person.objects.create_user(
        username=username, password=PASSWORD, full_name=username.replace("_", " ").title()
    )
    if role:
        Membership.objects.create(person=person, role=role, **where)
    return person


def make_national_analyst(username: str = "national") -> Person:
    """The ministry's analyst at the national area (not a persona of every test class)."""
    return make_person(username, Role.NATIONAL_ANALYST, area=Area.objects.get(code=NATIONAL_CODE))


def make_rts(kelurahan: Area, count: int) -> list[Area]:
    return Area.objects.bulk_create(rt_unsaved(kelurahan, n) for n in range(1, count + 1))


def _counted(captured: CaptureQueriesContext, *, session_store: bool = False) -> list[str]:
    # The sign-in middleware refreshes the session clock once a minute: counting the session
    # store would make a count depend on the wall clock (unless the store is what is tested).
    sql = [q["sql"] for q in captured.captured_queries]
    return sql if session_store else [q for q in sql if "django_session" not in q]


@contextmanager
def queries_run() -> Iterator[list[str]]:
    """The SQL the block runs (the session store left out), filled when it ends: measure a
    small case with it, then hold a larger one to ``len`` of it with ``assert_query_count``."""
    with CaptureQueriesContext(connection) as captured:
        queries: list[str] = []
        yield queries
    queries.extend(_counted(captured))


def count_queries(client, url: str) -> int:
    """How many queries a GET of ``url`` takes (the session store left out)."""
    with queries_run() as queries:
        client.get(url)
    return len(queries)


class RestoredTransactionTestCase(TransactionTestCase):
    """A test that needs real commits (threads, several connections) and the migrated data
    (code lists) back afterwards. An earlier TransactionTestCase's flush may have let
    post_migrate make the content types again under other ids, so the database is emptied
    before the serialized copy of the migrated database is loaded: loading it over them
    would collide."""

    serialized_rollback = True

    @classmethod
    def _fixture_setup(cls):
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
        super()._fixture_setup()  # type: ignore[misc]


class JagaTestCase(TestCase):
    # What setUpTestData builds (declared so that type checking knows the personas).
    city: Area
    other_city: Area
    manggar: Area
    lamaru: Area
    prapatan: Area
    rt1: Area
    rt2: Area
    rt3: Area
    lamaru_rt1: Area
    prapatan_rt1: Area
    dp3akb: Organisation
    uptd: Organisation
    chapter: Organisation
    puskesmas: Organisation
    police: Organisation
    other_dp3akb: Organisation
    admin: Person
    head: Person
    manager: Person
    manager2: Person
    kel_officer: Person
    rt_officer: Person
    rt_other: Person
    activist: Person
    partner: Person
    analyst: Person
    taskforce: Person
    outsider: Person
    nobody: Person

    @classmethod
    def setUpTestData(cls):
        areas_import_reference(prefix="64.71")
        areas_import_reference(prefix="64.72")
        cls.city = Area.objects.get(code="64.71")
        cls.other_city = Area.objects.get(code="64.72")
        cls.manggar = Area.objects.get(code="64.71.01.1001")  # Balikpapan Timur
        cls.lamaru = Area.objects.get(code="64.71.01.1002")  # Balikpapan Timur
        cls.prapatan = Area.objects.get(code="64.71.06.1001")  # Balikpapan Kota
        cls.rt1, cls.rt2, cls.rt3 = make_rts(cls.manggar, 3)
        cls.lamaru_rt1, *_ = make_rts(cls.lamaru, 2)
        cls.prapatan_rt1, *_ = make_rts(cls.prapatan, 2)

        def org(name, kind, area):
            return Organisation.objects.create(name=name, kind=kind, area=area)

        cls.dp3akb = org("DP3AKB Balikpapan", OrganisationKind.DP3AKB, cls.city)
        cls.uptd = org("UPTD PPA Balikpapan", OrganisationKind.UPTD_PPA, cls.city)
        cls.chapter = org("FP2ATBM Manggar", OrganisationKind.FP2ATBM_CHAPTER, cls.manggar)
        cls.puskesmas = org("Puskesmas Manggar", OrganisationKind.PUSKESMAS, cls.manggar)
        cls.police = org("Unit PPA Polresta", OrganisationKind.POLICE, cls.city)
        cls.other_dp3akb = org("DP3A Samarinda", OrganisationKind.DP3AKB, cls.other_city)

        cls.admin = make_person("admin", Role.CITY_ADMIN, organisation=cls.dp3akb)
        cls.head = make_person("head", Role.UPTD_HEAD, organisation=cls.uptd)
        cls.manager = make_person("manager", Role.CASE_MANAGER, organisation=cls.uptd)
        cls.manager2 = make_person("manager2", Role.CASE_MANAGER, organisation=cls.uptd)
        cls.kel_officer = make_person("kel_officer", Role.KELURAHAN_OFFICER, area=cls.manggar)
        cls.rt_officer = make_person("rt_officer", Role.RT_OFFICER, area=cls.rt1)
        cls.rt_other = make_person("rt_other", Role.RT_OFFICER, area=cls.prapatan_rt1)
        cls.activist = make_person("activist", Role.ACTIVIST, organisation=cls.chapter)
        cls.partner = make_person("partner", Role.PARTNER_OFFICER, organisation=cls.puskesmas)
        cls.analyst = make_person("analyst", Role.ANALYST, area=cls.city)
        cls.taskforce = make_person("taskforce", Role.TASKFORCE_MEMBER, area=cls.city)
        cls.outsider = make_person("outsider", Role.CITY_ADMIN, organisation=cls.other_dp3akb)
        cls.nobody = make_person("nobody")

    @contextmanager
    def assert_query_count(self, expected: int, *, session_store: bool = False) -> Iterator[None]:
        """The block runs exactly ``expected`` queries (the session store left out unless
        ``session_store``); on a mismatch the failure lists every query, numbered (Zulip's
        discipline)."""
        with CaptureQueriesContext(connection) as captured:
            yield
        queries = _counted(captured, session_store=session_store)
        if len(queries) != expected:
            listed = "\n".join(f"{n}. {sql}" for n, sql in enumerate(queries, 1))
            self.fail(f"{len(queries)} queries, expected {expected}:\n{listed}")

    def login(self, person: Person) -> None:
        """Signed in and, for roles that need it, past the second step: a test device is
        created for the person and recorded in the session (see jaga.security.testing)."""
        self.client.force_login(person)
