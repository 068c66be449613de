from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KlaConfig(AppConfig):
    name = "jaga.kla"
    label = "kla"
    verbose_name = _("Evaluasi KLA")

    def ready(self) -> None:
        # Access rules and home-page actions; the computations of Jaga's own figures; the
        # deadline reminders for `jaga escalate`; the demo step.
        from jaga.kla import computations, demo, review, rules  # noqa: F401
