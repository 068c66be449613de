from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "jaga.cases"
    verbose_name = _("Kasus")

    def ready(self) -> None:
        from jaga.cases import demo, rules  # noqa: F401  (access rules, demo step)
