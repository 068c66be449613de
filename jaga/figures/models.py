"""A requested SIMFONI-PPA export: built by a task into MEDIA_ROOT, downloaded once by the
person who asked for it, deleted after the download or when it expires."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.core.crypto import EncryptedTextField


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "XLSX"
    CSV = "csv", "CSV"


class ExportState(models.TextChoices):
    PENDING = "pending", _("Sedang dibuat")
    READY = "ready", _("Siap diunduh")
    DOWNLOADED = "downloaded", _("Sudah diunduh (berkas dihapus)")
    EXPIRED = "expired", _("Kedaluwarsa (berkas dihapus)")
    FAILED = "failed", _("Gagal dibuat")


class SimfoniExport(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="+",
        verbose_name=_("diminta oleh"),
    )
    requested_at = models.DateTimeField(_("diminta"), default=timezone.now)
    area_code = models.CharField(_("kode wilayah"), max_length=40)
    period_start = models.DateField(_("periode mulai"))
    period_end = models.DateField(_("periode sampai (tidak termasuk)"))
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    with_identity = models.BooleanField(_("dengan identitas"), default=False)
    state = models.CharField(
        _("keadaan"), max_length=12, choices=ExportState.choices, default=ExportState.PENDING
    )
    # A path relative to MEDIA_ROOT: outside the web root, served only through the policy.
    file_path = models.CharField(max_length=200, blank=True)
    # The file's own AES key (``jaga.core.sealed``), encrypted under the field keys: the file
    # alone, a copy of MEDIA_ROOT or a backup of it, reads as noise.
    file_key = EncryptedTextField(blank=True)
    rows = models.PositiveIntegerField(_("baris"), default=0)
    incomplete_rows = models.PositiveIntegerField(_("baris belum lengkap"), default=0)
    expires_at = models.DateTimeField(_("kedaluwarsa"))
    downloaded_at = models.DateTimeField(_("diunduh"), null=True, blank=True)

    access = AccessPaths(owner="requested_by")

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("ekspor SIMFONI-PPA")
        verbose_name_plural = _("ekspor SIMFONI-PPA")

    def __str__(self) -> str:
        return f"SIMFONI {self.area_code} {self.period_start:%Y-%m} #{self.pk}"

    @property
    def audit_area_code(self) -> str:
        return self.area_code


class FigureCell(models.Model):
    """One pre-counted number of the case figures: of the cases of an area (any level, RT
    up to the national area) reported in one month, ``measure`` / ``key`` (e.g. victims by sex
    ``kelamin.v`` / ``L``). Kept by ``jaga.figures.rollups``; every count is additive over
    areas and months because a case belongs to exactly one RT and one month."""

    area_code = models.CharField(max_length=40)
    month = models.DateField()
    measure = models.CharField(max_length=20)
    key = models.CharField(max_length=40, blank=True)
    value = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area_code", "month", "measure", "key"], name="figure_cell_unique"
            )
        ]
        # Services are kept in their case's month with their own month in the measure's
        # name: a period's services are one range of names over every month of the area.
        indexes = [models.Index(fields=["area_code", "measure"], name="figure_cell_measure")]

    def __str__(self) -> str:
        return f"{self.area_code} {self.month:%Y-%m} {self.measure}/{self.key}={self.value}"


class DirtyCell(models.Model):
    """An RT × month whose cells must be counted again (a case moved out of it or was
    deleted). Written in the changing transaction, so no change is lost."""

    rt = models.ForeignKey("areas.Area", models.CASCADE, related_name="+")
    month = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rt", "month"], name="dirty_cell_unique")]

    def __str__(self) -> str:
        return f"{self.rt_id} {self.month:%Y-%m}"


class DirtyCase(models.Model):
    """A case whose facts changed (people, forms, services, events, referrals): its RT ×
    month is counted again. A plain id, not a key: the case may be gone by then."""

    case_id = models.IntegerField(unique=True)

    def __str__(self) -> str:
        return f"case {self.case_id}"
