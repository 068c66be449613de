from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "jaga.voice"
    label = "voice"
    verbose_name = _("Suara anak")

    def ready(self) -> None:
        from jaga.voice import demo, rules  # noqa: F401  (rules and the demo step)
