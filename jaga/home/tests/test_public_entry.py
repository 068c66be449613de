"""The public entry is not hidden: the sign-in page (where ``/`` sends a visitor) and the
home page lead to the public report form, the status page and the statistics, with SAPA 129."""

from django.urls import reverse

from jaga.testing import JagaTestCase


class PublicEntryTests(JagaTestCase):
    def assert_public_entry(self, response):
        for url in ("/lapor/", "/lapor/status/", "/statistik/"):
            self.assertContains(response, f'href="{url}"')
        self.assertContains(response, "SAPA 129")
        self.assertContains(response, 'href="tel:129"')

    def test_a_visitor_finds_the_public_entry(self):
        self.assertRedirects(self.client.get("/"), "/masuk/?next=/")
        self.assert_public_entry(self.client.get(reverse("login")))

    def test_a_signed_in_person_too(self):
        self.login(self.rt_officer)
        self.assert_public_entry(self.client.get("/"))
