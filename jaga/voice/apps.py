from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "jaga.voice"
    label = "voice"
    verbose_name = _("Suara anak")

    def ready(self) -> None:
        from jaga.voice import dashboard, demo, rules  # noqa: F401  (rules, card, demo step)
