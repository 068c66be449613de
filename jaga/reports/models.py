import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.areas.models import Area
from jaga.codes.models import Code
from jaga.core.crypto import EncryptedTextField


class Channel(models.TextChoices):
    RT = "rt", _("Seksi PPA RT")
    PUBLIC = "public", _("Masyarakat (formulir publik)")
    HOTLINE = "hotline", _("SAPA 129")
    WALK_IN = "walk_in", _("Datang langsung")
    SCHOOL = "school", _("Sekolah")
    HEALTH = "health", _("Fasilitas kesehatan")
    POLICE = "police", _("Kepolisian")
    SOCIAL_MEDIA = "social_media", _("Media sosial")


class VictimKind(models.TextChoices):
    CHILD = "child", _("Anak (di bawah 18 tahun)")
    WOMAN = "woman", _("Perempuan dewasa")


class ReportStatus(models.TextChoices):
    """What the reporter sees: never more than this."""

    RECEIVED = "received", _("Diterima")
    HANDLING = "handling", _("Sedang ditangani")
    CLOSED = "closed", _("Selesai")


class CloseReason(models.TextChoices):
    NOT_VIOLENCE = "not_violence", _("Bukan kekerasan")
    OUT_OF_AREA = "out_of_area", _("Di luar wilayah (diteruskan)")
    DUPLICATE = "duplicate", _("Laporan ganda")
    UNREACHABLE = "unreachable", _("Tidak dapat ditindaklanjuti (data tidak cukup)")
    OTHER = "other", _("Lainnya")


# No 0/O or 1/I/L: a code is read out over the phone.
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_tracking_code() -> str:
    return "LP-" + "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))


def attachment_path(instance: models.Model, filename: str) -> str:
    # A random name: the person's file name may itself identify someone.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"lampiran/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


class Report(models.Model):
    """A report (laporan/pengaduan) of violence against a woman or child, as it arrived.

    Identifying fields are encrypted; ``*_index`` fields are keyed hashes that let triage find
    duplicates without decrypting anything."""

    tracking_code = models.CharField(
        _("kode lacak"), max_length=12, unique=True, default=new_tracking_code
    )
    channel = models.CharField(_("saluran"), max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField(_("diterima"), default=timezone.now, db_index=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("dicatat oleh"),
    )
    rt = models.ForeignKey(Area, models.PROTECT, related_name="reports", verbose_name=_("RT"))
    is_urgent = models.BooleanField(_("ada yang dalam bahaya sekarang"), default=False)
    violence_forms = models.ManyToManyField(
        Code, related_name="+", verbose_name=_("bentuk kekerasan")
    )
    place = models.ForeignKey(
        Code, models.PROTECT, related_name="+", verbose_name=_("tempat kejadian")
    )
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    description = EncryptedTextField(_("apa yang terjadi"), blank=True)

    victim_kind = models.CharField(_("korban"), max_length=10, choices=VictimKind.choices)
    victim_sex = models.ForeignKey(
        Code, models.PROTECT, related_name="+", verbose_name=_("jenis kelamin korban")
    )
    victim_age = models.PositiveSmallIntegerField(_("umur korban"), null=True, blank=True)
    victim_name = EncryptedTextField(_("nama korban"), blank=True)
    victim_nik = EncryptedTextField(_("NIK korban"), blank=True)
    victim_birth_date = EncryptedTextField(_("tanggal lahir korban"), blank=True)
    victim_address = EncryptedTextField(_("alamat korban"), blank=True)
    victim_nik_index = models.CharField(max_length=32, blank=True, db_index=True)
    victim_name_birth_index = models.CharField(max_length=32, blank=True, db_index=True)

    reporter_name = EncryptedTextField(_("nama pelapor"), blank=True)
    reporter_phone = EncryptedTextField(_("nomor HP pelapor"), blank=True)

    attachment = models.FileField(_("lampiran"), upload_to=attachment_path, blank=True)
    attachment_type = models.CharField(max_length=40, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ditriase oleh"),
    )
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    close_reason = models.CharField(
        _("alasan penutupan"), max_length=20, choices=CloseReason.choices, blank=True
    )
    close_note = EncryptedTextField(_("keterangan penutupan"), blank=True)
    forwarded_to = models.CharField(_("diteruskan ke"), max_length=160, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("ganda dari"),
    )
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="rt__code", owner="reported_by")

    class Meta:
        ordering = ["-is_urgent", "received_at"]
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        indexes = [
            models.Index(fields=["status", "is_urgent", "received_at"]),
            # Coverage asks, per month, which RTs sent a report through the RT channel: this
            # reads only that channel's reports of the month, and their RT from the index
            # alone (the received_at index alone fetches every channel's rows from the table,
            # which grew coverage with the table: 1.1 s at 1M cases).
            models.Index(fields=["channel", "received_at", "rt"], name="report_channel_month_rt"),
            # The reports nobody has acknowledged yet (a case opened from one acknowledges it
            # too, which an index cannot see): the overdue count and the figures' waiting
            # reports read these few instead of every report of the area or period.
            models.Index(
                fields=["received_at"],
                condition=models.Q(verified_at__isnull=True, closed_at__isnull=True),
                name="report_unacknowledged",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def audit_area_code(self) -> str:
        return self.rt.code

    @property
    def is_open(self) -> bool:
        return self.status == ReportStatus.RECEIVED
