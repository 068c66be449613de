"""Every demo persona walks the pages it can reach from home and follows every link on them:
none may answer 403, 404 or a server error. A page never links to what its reader may not
open (issue 11), so a dead link found here is a page asking the policy too little."""

import datetime
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import TestCase
from django.utils import timezone

import jaga.testing  # noqa: F401  (force_login counts as past the second step)
from jaga.cases.models import Case, CaseStatus
from jaga.cases.services import consent_record
from jaga.core.demo import demo_load
from jaga.people.models import Person
from jaga.referrals.services import referral_send

PAGES_PER_PERSONA = 150  # pages opened and read; the links on later ones are only requested
SAME_PATTERN = 2  # /kasus/12/ and /kasus/13/ are the same page: open a pattern this often
SKIP = re.compile(r"^/(keluar|static|media)/")  # downloads are followed: a letter may be dead


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links_on(page: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url = urldefrag(urljoin(page, href)).url
        parts = urlsplit(url)
        if parts.scheme in ("", "http") and parts.netloc in ("", "testserver"):
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not SKIP.search(parts.path):
                found.append(path)
    return found


def pattern(url: str) -> str:
    """The page a URL shows, without its ids and query values."""
    path, _, query = url.partition("?")
    keys = sorted(part.partition("=")[0] for part in query.split("&") if part)
    return re.sub(r"\d+", "#", path) + "?" + "&".join(keys)


class DemoLinkWalkTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.logins = [login.username for login in demo_load()]
        cls.refer_a_case()

    @classmethod
    def refer_a_case(cls):
        """The demo has no referral yet: one open demo case goes to the demo puskesmas, so the
        referral pages and the letter are walked too (by the team, the head, the partner)."""
        manager = Person.objects.get(username="manajer.kasus")
        partner = Person.objects.get(username="mitra.puskesmas").memberships.get().organisation
        case = Case.objects.filter(manager=manager).exclude(status=CaseStatus.CLOSED).first()
        kinds = ["case_facts", "contact"]
        today = timezone.localdate()
        consent_record(
            case=case,
            by=manager,
            given_by="guardian",
            given_on=today,
            for_services=True,
            for_sharing=True,
            organisations=[partner],
            shared_fields=kinds,
        )
        referral_send(
            case=case,
            by=manager,
            organisation=partner,
            service="kesehatan",
            is_urgent=False,
            shared_fields=kinds,
            due_date=today + datetime.timedelta(days=7),
            note="",
        )

    def walk(self, username: str) -> list[str]:
        """Breadth first from home; returns the links that answered 403, 404 or 5xx."""
        self.client.force_login(Person.objects.get(username=username))
        seen_urls, dead = {"/"}, []
        seen_patterns: dict[str, int] = {}
        queue, opened = deque([("/", "/")]), 0
        while queue:
            url, came_from = queue.popleft()
            response = self.client.get(url)
            if response.status_code in (403, 404) or response.status_code >= 500:
                dead.append(f"{url} ({response.status_code}, linked from {came_from})")
                continue
            if response.status_code != 200 or opened >= PAGES_PER_PERSONA:
                continue
            opened += 1
            if "text/html" not in response.get("Content-Type", ""):
                continue
            for link in links_on(url, response.content.decode()):
                key = pattern(link)
                if link in seen_urls or seen_patterns.get(key, 0) >= SAME_PATTERN:
                    continue
                seen_urls.add(link)
                seen_patterns[key] = seen_patterns.get(key, 0) + 1
                queue.append((link, url))
        return dead

    def test_no_persona_meets_a_dead_link(self):
        self.assertGreaterEqual(len(self.logins), 10)
        for username in self.logins:
            with self.subTest(persona=username):
                self.assertEqual(self.walk(username), [])
