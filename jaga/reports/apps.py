from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "jaga.reports"
    verbose_name = _("Laporan")

    def ready(self) -> None:
        from jaga.reports import rules  # noqa: F401  (declares this app's access rules)
