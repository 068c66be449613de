from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "jaga.security"
    verbose_name = _("Keamanan")

    def ready(self) -> None:
        from jaga.security import demo, rules, signals  # noqa: F401  (rules, receivers, demo step)
