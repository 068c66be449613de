from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "jaga.audit"
    verbose_name = _("Jejak audit")

    def ready(self) -> None:
        from jaga.audit import rules  # noqa: F401  (declares this app's access rules)
