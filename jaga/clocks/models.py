"""Service-time targets (configurable per step), optional public holidays, and the record of
each escalation (once per item and level)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Step(models.TextChoices):
    """A step that runs against a clock. Each names what starts it and what stops it
    (see ``jaga.clocks.selectors``)."""

    REPORT_ACK = "report_ack", _("Laporan ditanggapi UPTD PPA")
    OUTREACH = "outreach", _("Penjangkauan / kontak pertama dengan korban")
    ASSESSMENT = "assessment", _("Asesmen selesai")
    REFERRAL_RESPONSE = "referral_response", _("Rujukan diterima atau ditolak mitra")
    REFERRAL_SERVICE = "referral_service", _("Layanan rujukan selesai")
    PLAN_REVIEW = "plan_review", _("Tinjauan rencana layanan")
    APPROVAL = "approval", _("Keputusan kepala UPTD PPA")
    FOLLOW_UP = "follow_up", _("Tindak lanjut / pemantauan")
    TRANSFER = "transfer", _("Pengalihan kasus dijawab")
    ACTION_ITEM = "action_item", _("Rencana aksi Gugus Tugas selesai")


class Unit(models.TextChoices):
    HOURS = "hours", _("jam")
    DAYS = "days", _("hari")
    WORKING_DAYS = "working_days", _("hari kerja")


class ServiceTarget(models.Model):
    """How long a step may take, for urgent items (someone in danger) and for others. Edited
    by the city administrator; the defaults come from the UPTD PPA service standard."""

    step = models.CharField(_("langkah"), max_length=20, choices=Step.choices)
    is_urgent = models.BooleanField(_("mendesak"))
    amount = models.PositiveSmallIntegerField(_("batas waktu"))
    unit = models.CharField(_("satuan"), max_length=12, choices=Unit.choices)
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    updated_by = models.ForeignKey(
        "people.Person", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["step", "-is_urgent"]
        verbose_name = _("target waktu layanan")
        verbose_name_plural = _("target waktu layanan")
        constraints = [
            models.UniqueConstraint(fields=["step", "is_urgent"], name="service_target_unique"),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="service_target_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.amount} {self.get_unit_display()}"

    @property
    def audit_area_code(self) -> str:
        return ""


class Holiday(models.Model):
    """A public holiday (hari libur nasional / cuti bersama): not a working day. Optional."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("nama"), max_length=120)

    class Meta:
        ordering = ["date"]
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"


class Escalation(models.Model):
    """One escalation of one overdue item to one level of the chain (1: case manager,
    2: UPTD PPA head, 3: DP3AKB). Recorded once: the pair (item, level) is unique."""

    step = models.CharField(_("langkah"), max_length=20, choices=Step.choices)
    object_id = models.PositiveBigIntegerField(_("ID data"))
    level = models.PositiveSmallIntegerField(_("tingkat"))
    number = models.CharField(_("nomor kasus/laporan"), max_length=60, blank=True)
    area_code = models.CharField(_("kode wilayah"), max_length=40, blank=True)
    due_at = models.DateTimeField(_("tenggat"))
    created_at = models.DateTimeField(_("dieskalasi"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("eskalasi")
        verbose_name_plural = _("eskalasi")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "object_id", "level"], name="escalation_once_per_level"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} #{self.object_id} L{self.level}"
