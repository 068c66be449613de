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


class PeriodicRun(models.Model):
    """One periodic job's run in one minute (jaga periodic). Every machine of a deployment
    tries to insert the row; the unique pair lets exactly one insert win, and only the winner
    runs the job, so a job runs once a minute however many machines call it."""

    job = models.CharField(_("tugas"), max_length=60)
    minute = models.DateTimeField(_("menit"))

    class Meta:
        verbose_name = _("jalannya tugas berkala")
        verbose_name_plural = _("jalannya tugas berkala")
        constraints = [
            models.UniqueConstraint(fields=["job", "minute"], name="periodic_run_once_a_minute")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.minute:%Y-%m-%d %H:%M}"
