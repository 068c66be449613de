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
