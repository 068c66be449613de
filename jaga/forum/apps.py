from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "jaga.forum"
    label = "forum"
    verbose_name = _("FP2ATBM")

    def ready(self) -> None:
        from jaga.forum import demo, rules  # noqa: F401  (rules and the demo step)
