from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "jaga.notifications"
    verbose_name = _("Notifikasi")

    def ready(self) -> None:
        from jaga.notifications import (
            channels,  # noqa: F401  (registers the built-in channels)
            rules,  # noqa: F401  (declares this app's access rules)
        )
