"""Property: whoever you are, wherever you sit, you see a case (in the page list, the page
detail, the API list and the API detail) exactly when the rule table says so.

Hypothesis builds a world: people with random roles, random areas or organisations in two
cities (a membership may have ended), cases in random RTs with random team members (some
removed). The expectation is computed here from the declared role/scope table of
``cases.view`` (jaga/cases/rules.py), not by asking the policy."""

import datetime
import re
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from jaga.access.roles import Role
from jaga.areas.models import Area, AreaKind
from jaga.cases.models import Case, CaseMember, MemberRole
from jaga.codes.models import Code, CodeList
from jaga.people.models import Membership, Person
from jaga.testing import JagaTestCase, make_rts
from tests.proofs.helpers import BOUNDED, EXAMPLES

# cases.view, read off the rule table: these roles see every case of their own city...
CITY_WIDE = {Role.CITY_ADMIN, Role.UPTD_HEAD, Role.CASE_MANAGER}
# ...these the cases whose team they are on (a manager or head too: a case taken over from
# another city); every other role sees none: the analysts, the province's verifier and the
# ministry's national analyst (figures only) too.
TEAM_ONLY = {Role.ACTIVIST, Role.PARTNER_OFFICER}
ON_TEAM = TEAM_ONLY | {Role.CASE_MANAGER, Role.UPTD_HEAD}
DAY = datetime.timedelta(days=1)
CASE_LINK = re.compile(r'href="/kasus/(\d+)/"')


def city_of(code: str) -> str:
    return ".".join(code.split(".")[:2])


def expected_visible(memberships: list[dict], on_team: bool, case_rt_code: str) -> bool:
    for m in memberships:
        if not m["active"]:
            continue
        if m["role"] in CITY_WIDE and city_of(m["area_code"]) == city_of(case_rt_code):
            # (A province-wide or national membership never matches a city: a misconfiguration
            # grants none.)
            return True
        if m["role"] in ON_TEAM and on_team:
            return True
    return False


def holds_rule(memberships: list[dict]) -> bool:
    return any(m["active"] and m["role"] in CITY_WIDE | TEAM_ONLY for m in memberships)


class ScopeWorld(HypothesisTestCase, JagaTestCase):
    places: list[tuple[str, Any]]
    place_code: Code

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        samarinda_kel = Area.objects.filter(
            kind=AreaKind.KELURAHAN, code__startswith="64.72."
        ).first()
        cls.samarinda_rts = make_rts(samarinda_kel, 2)
        cls.rts = [cls.rt1, cls.rt2, cls.lamaru_rt1, cls.prapatan_rt1, *cls.samarinda_rts]
        areas = [a for rt in cls.rts for a in (rt, rt.parent, rt.parent.parent)]
        # The national area too: a membership there of any role but the national analyst's
        # is a misconfiguration and must grant no case.
        areas += [cls.city, cls.other_city, *Area.objects.filter(kind=AreaKind.PROVINCE)]
        areas += [Area.objects.get(kind=AreaKind.COUNTRY)]
        organisations = [cls.dp3akb, cls.uptd, cls.chapter, cls.puskesmas, cls.police]
        cls.places = [("area", a) for a in dict.fromkeys(areas)]
        cls.places += [("organisation", o) for o in organisations + [cls.other_dp3akb]]
        cls.place_code = Code.objects.filter(list=CodeList.PLACE).first()

    def build_person(self, n: int, specs: list[dict]) -> Person:
        person = Person.objects.create(username=f"acak{n}", full_name=f"Orang Acak {n}")
        for spec in specs:
            kind, where = self.places[spec["place"]]
            ended = {"past": timezone.now() - DAY, "future": timezone.now() + DAY}
            Membership.objects.create(
                person=person, role=spec["role"], ended_at=ended.get(spec["end"]), **{kind: where}
            )
            spec["area_code"] = where.code if kind == "area" else where.area.code
            spec["active"] = spec["end"] != "past"
        return person

    def build_case(self, n: int, rt: Area) -> Case:
        return Case.objects.create(
            number=f"KS-2099-{n:05d}", rt=rt, place=self.place_code, manager=self.manager
        )

    def draw_world(self, data):
        membership = st.fixed_dictionaries(
            {
                "role": st.sampled_from(list(Role)),
                "place": st.integers(0, len(self.places) - 1),
                "end": st.sampled_from(["none", "none", "none", "past", "future"]),
            }
        )
        person = st.lists(membership, min_size=1, max_size=2)
        people_specs = data.draw(st.lists(person, min_size=1, max_size=4))
        people = [self.build_person(n, specs) for n, specs in enumerate(people_specs)]
        case_rts = data.draw(st.lists(st.sampled_from(self.rts), min_size=1, max_size=5))
        cases = [self.build_case(n, rt) for n, rt in enumerate(case_rts)]
        team = set()
        for case in cases:
            for i in data.draw(st.sets(st.integers(0, len(people) - 1))):
                removed = data.draw(st.sampled_from([None, None, timezone.now()]))
                CaseMember.objects.create(
                    case=case, person=people[i], role=MemberRole.OTHER, removed_at=removed
                )
                if removed is None:
                    team.add((people[i].pk, case.pk))
        return list(zip(people, people_specs, strict=True)), cases, team

    def observed(self, case_ids):
        """What one signed-in person gets from the four doors."""
        api_list = self.client.get("/api/kasus/")
        page_list = self.client.get("/kasus/")
        listed_api = {c["id"] for c in api_list.json()} if api_list.status_code == 200 else set()
        listed_page = set(map(int, CASE_LINK.findall(page_list.content.decode())))
        details = {
            pk: (self.client.get(f"/api/kasus/{pk}").status_code, self.client.get(f"/kasus/{pk}/"))
            for pk in case_ids
        }
        return api_list.status_code, page_list.status_code, listed_api, listed_page, details

    def check_world(self, data):
        people, cases, team = self.draw_world(data)
        for person, specs in people:
            expected = {
                c.pk for c in cases if expected_visible(specs, (person.pk, c.pk) in team, c.rt.code)
            }
            allowed = holds_rule(specs)
            self.client.force_login(person)
            api_status, page_status, listed_api, listed_page, details = self.observed(
                [c.pk for c in cases]
            )
            context = f"{specs} team={sorted(team)} cases={[(c.pk, c.rt.code) for c in cases]}"
            self.assertEqual((api_status, page_status), (200, 200) if allowed else (403, 403))
            self.assertEqual(listed_api & {c.pk for c in cases}, expected, context)
            self.assertEqual(listed_page & {c.pk for c in cases}, expected, context)
            for pk, (api_detail, page_detail) in details.items():
                want = 200 if pk in expected else (404 if allowed else 403)
                self.assertEqual((api_detail, page_detail.status_code), (want, want), context)
            self.client.logout()

    @settings(BOUNDED, max_examples=EXAMPLES)
    @given(st.data())
    def test_nobody_sees_a_case_outside_their_scope(self, data):
        self.check_world(data)

    @pytest.mark.slow
    @settings(BOUNDED, max_examples=EXAMPLES * 3)
    @given(st.data())
    def test_nobody_sees_a_case_outside_their_scope_thorough(self, data):
        self.check_world(data)
