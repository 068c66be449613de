from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectionsConfig(AppConfig):
    name = "jaga.sections"
    label = "sections"
    verbose_name = _("Seksi PPA RT")

    def ready(self) -> None:
        from jaga.sections import demo, rules  # noqa: F401  (rules and the demo step)
