import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths


class AuditAction(models.TextChoices):
    SIGN_IN = "sign_in", _("Masuk")
    SIGN_IN_FAILED = "sign_in_failed", _("Gagal masuk")
    SIGN_OUT = "sign_out", _("Keluar")
    READ = "read", _("Membaca")
    CREATE = "create", _("Membuat")
    CHANGE = "change", _("Mengubah")
    DELETE = "delete", _("Menghapus")
    EXPORT = "export", _("Mengekspor")
    DOWNLOAD = "download", _("Mengunduh")
    REVEAL = "reveal", _("Membuka identitas")


class AuditEvent(models.Model):
    """One append-only event. ``hash`` covers the event and the previous event's hash, so an
    edited, removed or inserted event breaks the chain (see ``jaga audit-verify``)."""

    seq = models.PositiveBigIntegerField(_("urutan"), unique=True)
    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    # No database constraint: events outlive what they point at and are never cascaded.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.DO_NOTHING,
        null=True,
        blank=True,
        db_constraint=False,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    action = models.CharField(_("tindakan"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("jenis data"), max_length=60, blank=True)
    object_id = models.CharField(_("ID data"), max_length=40, blank=True)
    # The area the record belongs to, so a city's administrator sees their city's events only.
    area_code = models.CharField(_("kode wilayah"), max_length=40, blank=True)
    fields = models.JSONField(_("kolom"), default=list, blank=True)  # names only, never values
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    access = AccessPaths(area_code="area_code")

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("jejak audit")
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        # Append-only: the chain is written once, by ``audit.services.audit_record``.
        if not self._state.adding:
            raise TypeError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("audit events cannot be deleted")

    def compute_hash(self) -> str:
        body = json.dumps(
            [
                self.seq,
                self.at.isoformat(),
                self.actor_id,
                self.action,
                self.object_type,
                self.object_id,
                self.area_code,
                self.fields,
                self.reason,
                self.ip,
                self.prev_hash,
            ],
            separators=(",", ":"),
            sort_keys=True,
        )
        return hashlib.sha256(body.encode()).hexdigest()


class AuditHead(models.Model):
    """The chain's single head row. Writers lock it, so concurrent writers queue instead of
    forking the chain."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("kepala rantai audit")

    def __str__(self) -> str:
        return f"#{self.seq}"


class AuditCheckpoint(models.Model):
    """A signed statement "the chain's head was event ``seq`` with hash ``hash`` at ``at``"
    (Certificate Transparency's signed tree head, for a hash chain). Signed with the Ed25519
    key outside the database (``AUDIT_SIGNING_KEY``); copies leave the database (DPO mailbox,
    log), so a chain rewritten before a checkpoint no longer matches it. Append-only."""

    seq = models.PositiveBigIntegerField(_("peristiwa terakhir"))
    hash = models.CharField(max_length=64)
    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    key_id = models.CharField(max_length=16)
    signature = models.CharField(max_length=100)

    class Meta:
        ordering = ["seq", "at"]
        verbose_name = _("titik periksa audit")
        verbose_name_plural = _("titik periksa audit")

    def __str__(self) -> str:
        return f"checkpoint #{self.seq} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("audit checkpoints cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("audit checkpoints cannot be deleted")


class AuditSubject(models.Model):
    """A person record an event concerns beyond its own target: the people whose identity an
    export put into a file (ids only, never values), so that a breach notice finds every
    export that included someone. Written with the event, in its transaction."""

    event = models.ForeignKey(
        AuditEvent, models.DO_NOTHING, db_constraint=False, related_name="subjects"
    )
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("subjek peristiwa audit")
        verbose_name_plural = _("subjek peristiwa audit")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_subject_record")]

    def __str__(self) -> str:
        return f"#{self.event_id} {self.object_type}:{self.object_id}"
