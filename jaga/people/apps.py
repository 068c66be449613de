from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "jaga.people"
    verbose_name = _("Orang dan organisasi")

    def ready(self) -> None:
        from jaga.people import demo, rules, signals  # noqa: F401  (rules, receivers, demo step)
