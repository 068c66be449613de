"""A page links only where its reader may go: ``may_open`` asks the rule the linked view
declares, ``{% allowed_url %}`` gives templates the same answer."""

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from jaga.access.links import may_open, url_if_allowed
from jaga.testing import JagaTestCase


class MayOpenTests(JagaTestCase):
    def test_follows_the_rule_of_the_linked_view(self):
        new_organisation = reverse("people:organisation_new")
        self.assertTrue(may_open(self.admin, new_organisation))
        for person in (self.manager, self.head, self.kel_officer, self.taskforce):
            with self.subTest(person=person.username):
                self.assertFalse(may_open(person, new_organisation))
                self.assertTrue(may_open(person, reverse("people:organisations")))

    def test_query_string_is_ignored_and_unknown_paths_are_closed(self):
        self.assertFalse(may_open(self.manager, reverse("voice:results") + "?wilayah=64.71"))
        self.assertTrue(may_open(self.head, reverse("voice:results") + "?wilayah=64.71"))
        self.assertFalse(may_open(self.admin, "/no/such/page/"))

    def test_public_pages_and_pages_without_a_rule_are_open(self):
        self.assertTrue(may_open(self.nobody, reverse("login")))

    def test_url_if_allowed(self):
        url = reverse("people:organisation_edit", args=[self.puskesmas.pk])
        self.assertEqual(
            url_if_allowed(self.admin, "people:organisation_edit", self.puskesmas.pk), url
        )
        self.assertEqual(
            url_if_allowed(self.head, "people:organisation_edit", self.puskesmas.pk), ""
        )


class AllowedUrlTagTests(JagaTestCase):
    TEMPLATE = Template(
        "{% load access %}{% allowed_url 'people:invite' as url %}"
        '{% if url %}<a href="{{ url }}">x</a>{% endif %}'
    )

    def render(self, person) -> str:
        request = RequestFactory().get("/")
        request.user = person
        return self.TEMPLATE.render(Context({"request": request}))

    def test_renders_the_link_only_for_who_may_open_it(self):
        self.assertEqual(self.render(self.admin), f'<a href="{reverse("people:invite")}">x</a>')
        self.assertEqual(self.render(self.head), "")
        self.assertEqual(self.render(self.kel_officer), "")


class PagesLinkOnlyWhereAllowedTests(JagaTestCase):
    """The pages issue 11 found linking to 403s: only the city administrator manages
    organisations and people, the others who see them get no link to do so."""

    def assert_links(self, person, page, links):
        self.login(person)
        response = self.client.get(page)
        self.assertEqual(response.status_code, 200)
        for link in links:
            with self.subTest(person=person.username, link=link):
                if person is self.admin:
                    self.assertContains(response, f'href="{link}"')
                else:
                    self.assertNotContains(response, f'href="{link}"')

    def test_organisations(self):
        links = [
            reverse("people:organisation_new"),
            reverse("people:organisation_edit", args=[self.puskesmas.pk]),
        ]
        for person in (self.admin, self.head, self.manager, self.kel_officer, self.taskforce):
            self.assert_links(person, reverse("people:organisations"), links)

    def test_people(self):
        for person in (self.admin, self.head, self.kel_officer):
            self.assert_links(person, reverse("people:list"), [reverse("people:invite")])

    def test_a_person_page_offers_changes_only_to_who_may_make_them(self):
        page = reverse("people:detail", args=[self.manager.pk])
        for person, may in ((self.admin, True), (self.head, False)):
            self.login(person)
            response = self.client.get(page)
            with self.subTest(person=person.username):
                add = reverse("people:membership_add", args=[self.manager.pk])
                self.assertEqual(f'action="{add}"' in response.content.decode(), may)
                self.assertEqual(reverse("audit:list") in response.content.decode(), may)
