from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "jaga.people"
    verbose_name = _("Orang dan organisasi")

    def ready(self) -> None:
        from jaga.people import rules  # noqa: F401  (declares this app's access rules)
