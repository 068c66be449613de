from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaskforceConfig(AppConfig):
    name = "jaga.taskforce"
    label = "taskforce"
    verbose_name = _("Gugus Tugas KLA")

    def ready(self) -> None:
        # Access rules and home-page actions; the action items' clocks for `jaga escalate`;
        # the demo step.
        from jaga.taskforce import clocks, demo, rules  # noqa: F401
