from jaga.testing import JagaTestCase


class HomeTests(JagaTestCase):
    def test_anonymous_goes_to_sign_in(self):
        response = self.client.get("/")
        self.assertRedirects(response, "/masuk/?next=/", fetch_redirect_response=False)

    def test_home_lists_actions_for_role(self):
        self.login(self.admin)
        response = self.client.get("/")
        self.assertContains(response, "Orang dan peran")
        self.login(self.rt_officer)
        response = self.client.get("/")
        self.assertNotContains(response, "Orang dan peran")
