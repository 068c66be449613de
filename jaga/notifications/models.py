"""Notifications: what a person sees in Jaga (``Notification``), what leaves Jaga by email or
WhatsApp (``OutboxMessage``) and how each person wants to be reached (``NotificationPreference``).

A notification points at its subject (a case, a report, a referral...) by type, id, number and
link only, so this app depends on no other domain app and never holds a victim's details.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Mendesak")
    NORMAL = "normal", _("Biasa")


class Notification(models.Model):
    """One in-app notification for one person. Unique per (recipient, key): the same event
    notified twice shows once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notifications",
        verbose_name=_("penerima"),
    )
    key = models.CharField(_("kunci peristiwa"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=60)
    urgency = models.CharField(
        _("urgensi"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    link = models.CharField(_("tautan"), max_length=300, blank=True)
    subject_type = models.CharField(_("jenis data"), max_length=60, blank=True)
    subject_id = models.CharField(_("ID data"), max_length=40, blank=True)
    number = models.CharField(_("nomor kasus/laporan"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    access = AccessPaths(owner="recipient")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_unique_key")
        ]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                name="notification_unread",
                condition=Q(read_at__isnull=True),
            ),
            models.Index(fields=["subject_type", "subject_id"], name="notification_subject"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_urgent(self) -> bool:
        return self.urgency == Urgency.URGENT


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    SENDING = "sending", _("Sedang dikirim")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")


class OutboxMessage(models.Model):
    """One message to one person on one external channel, written in the same transaction as
    the event. It stays pending (or sending) until a channel accepted it, so a crash loses
    nothing; ``key`` is unique, so the same event never queues it twice."""

    key = models.CharField(_("kunci idempotensi"), max_length=255, unique=True)
    channel = models.CharField(_("saluran"), max_length=20)
    # Empty for a message to an address that is no account (the DPO's mailbox).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="outbox_messages",
        verbose_name=_("penerima"),
    )
    address = models.CharField(_("alamat tujuan"), max_length=254)
    # Where the recipient works, copied when written: the failure page is scoped by it.
    area_code = models.CharField(_("kode wilayah"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        "people.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisasi"),
    )
    urgency = models.CharField(
        _("urgensi"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    kind = models.CharField(_("jenis"), max_length=60)
    title = models.CharField(_("judul"), max_length=200)
    text = models.TextField(_("teks pesan"))
    link = models.CharField(_("tautan"), max_length=300, blank=True)
    number = models.CharField(_("nomor kasus/laporan"), max_length=40, blank=True)
    # A text file sent with an email (a meeting's iCalendar invitation); never personal data.
    attachment_name = models.CharField(_("nama lampiran"), max_length=100, blank=True)
    attachment_type = models.CharField(_("jenis lampiran"), max_length=100, blank=True)
    attachment = models.TextField(_("lampiran"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), default=timezone.now)
    sending_since = models.DateTimeField(_("mulai dikirim"), null=True, blank=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    failed_at = models.DateTimeField(_("gagal"), null=True, blank=True)
    last_error = models.CharField(_("galat terakhir"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    access = AccessPaths(area_code="area_code", organisation="organisation")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("pesan keluar")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} #{self.pk}"

    @property
    def audit_area_code(self) -> str:
        return self.area_code

    @property
    def is_urgent(self) -> bool:
        return self.urgency == Urgency.URGENT


class NotificationPreference(models.Model):
    """How a person wants to be reached. In-app is always on; ``channels`` lists the external
    channels chosen (by registry name, so a new channel needs no migration). Quiet hours are
    WITA wall-clock times; equal or empty times mean none."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
        verbose_name=_("orang"),
    )
    channels = models.JSONField(_("saluran"), default=list, blank=True)
    quiet_start = models.TimeField(_("jam tenang mulai"), null=True, blank=True)
    quiet_end = models.TimeField(_("jam tenang selesai"), null=True, blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")

    def __str__(self) -> str:
        return str(self.person)
