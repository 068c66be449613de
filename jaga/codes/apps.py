from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodesConfig(AppConfig):
    name = "jaga.codes"
    verbose_name = _("Kode SIMFONI-PPA")
