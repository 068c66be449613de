"""The one training concept of the community network: a training a volunteer attended (a
Seksi PPA member, an FP2ATBM activist). Each registry keeps the attendance on its own person
record through a subclass of ``TrainingRecord`` and checks it with ``training_checked``, so
the two registries count and validate trainings the same way."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TITLE_MAX_LENGTH = 160


class TrainingRecord(models.Model):
    """A training (title, day) attended by the person the subclass points at."""

    title = models.CharField(gettext_lazy("pelatihan"), max_length=TITLE_MAX_LENGTH)
    held_on = models.DateField(gettext_lazy("tanggal"))
    is_demo = models.BooleanField(gettext_lazy("data demo"), default=False)

    class Meta:
        abstract = True
        ordering = ["-held_on"]
        verbose_name = gettext_lazy("pelatihan")
        verbose_name_plural = gettext_lazy("pelatihan")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%Y-%m-%d})"


def training_checked(*, title: str, held_on: dt.date | None) -> tuple[str, dt.date]:
    """The title with its spaces tidied and the day, or a ValidationError per field: a
    training needs a name and cannot lie in the future."""
    title = " ".join((title or "").split())[:TITLE_MAX_LENGTH]
    errors = {}
    if not title:
        errors["title"] = _("Isi nama pelatihan.")
    if held_on is None:
        errors["held_on"] = _("Isi tanggal pelatihan.")
    elif held_on > timezone.localdate():
        errors["held_on"] = _("Tanggal pelatihan tidak boleh di masa depan.")
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    return title, held_on
