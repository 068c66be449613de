from django.db import models
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    """A named counter for human-readable numbers (case numbers). Taken under a row lock, so
    two requests at the same moment never get the same number."""

    name = models.CharField(_("nama"), max_length=60, unique=True)
    value = models.PositiveBigIntegerField(_("nilai terakhir"), default=0)

    class Meta:
        verbose_name = _("urutan nomor")
        verbose_name_plural = _("urutan nomor")

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
