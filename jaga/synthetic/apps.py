from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyntheticConfig(AppConfig):
    name = "jaga.synthetic"
    verbose_name = _("Data sintetis")

    def ready(self) -> None:
        from jaga.synthetic import demo  # noqa: F401  (demo step)
