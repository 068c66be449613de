"""Follow-ups during service and monitoring after closure, each with its outcome; the
closure record with its reason, outcome and — with consent — the victim's own view. Free
texts may name people: encrypted."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.cases.models import Case
from jaga.casework.models.base import CaseRecord
from jaga.core.crypto import EncryptedTextField

# Monitoring contacts scheduled when a case closes, in months after the closing, until the
# city sets its own (MonitoringPlan).
MONITORING_MONTHS = (1, 3, 6)


class MonitoringPlan(models.Model):
    """The months after a closing at which the city's UPTD PPA checks on the victim (one row;
    the city administrator changes it). Cases closed before a change keep their schedule."""

    months = models.CharField(_("bulan pemantauan"), max_length=40)
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("jadwal pemantauan")
        verbose_name_plural = _("jadwal pemantauan")

    def __str__(self) -> str:
        return self.months

    @property
    def month_list(self) -> tuple[int, ...]:
        return tuple(int(m) for m in self.months.split(",") if m)

    @classmethod
    def current(cls) -> tuple[int, ...]:
        """The months in force: the city's choice, else the default 1, 3 and 6."""
        plan = cls.objects.order_by("-pk").first()
        return plan.month_list if plan else MONITORING_MONTHS

    @property
    def audit_area_code(self) -> str:
        return ""


class ContactKind(models.TextChoices):
    VISIT = "visit", _("Kunjungan")
    PHONE = "phone", _("Telepon")
    COMPANION = "companion", _("Melalui pendamping FP2ATBM")


class ContactOutcome(models.TextChoices):
    SAFE = "safe", _("Terhubung: korban aman")
    CONCERN = "concern", _("Terhubung: ada kekhawatiran")
    NOT_REACHED = "not_reached", _("Tidak dapat dihubungi")


class FollowUp(CaseRecord):
    """A scheduled contact with the victim; due at the end of its day (a clock), overdue
    like any step when missed."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="follow_ups", verbose_name=_("kasus")
    )
    kind = models.CharField(_("cara"), max_length=10, choices=ContactKind.choices)
    due_on = models.DateField(_("tanggal"))
    months_after_closure = models.PositiveSmallIntegerField(
        _("bulan setelah penutupan"), null=True, blank=True
    )
    scheduled_at = models.DateTimeField(_("dijadwalkan"), default=timezone.now)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    done_at = models.DateTimeField(_("dilakukan"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(
        _("hasil"), max_length=12, choices=ContactOutcome.choices, blank=True
    )
    note = EncryptedTextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        indexes = [models.Index(fields=["done_at", "due_on"], name="follow_up_open")]

    def __str__(self) -> str:
        return f"{self.case} tindak lanjut {self.due_on}"


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("Tujuan rencana layanan tercapai")
    DECLINED = "declined", _("Korban atau wali tidak menginginkan layanan lanjutan")
    MOVED = "moved", _("Korban pindah atau ditangani daerah lain")
    UNFOUNDED = "unfounded", _("Laporan tidak terbukti")
    OTHER = "other", _("Lainnya")


class ClosureOutcome(models.TextChoices):
    SAFE = "safe", _("Korban aman, kebutuhan terpenuhi")
    PARTLY = "partly", _("Sebagian kebutuhan terpenuhi")
    UNMET = "unmet", _("Kebutuhan belum terpenuhi")


class ViewAnswer(models.TextChoices):
    YES = "yes", _("Ya")
    SOMEWHAT = "somewhat", _("Sedikit / kadang-kadang")
    NO = "no", _("Tidak")


class Closure(CaseRecord):
    """Why and how a case closed (terminasi) and, only with consent, the victim's own view in
    age-appropriate words: do you feel safe now, did the help help. Counted in the figures,
    never shown with identity outside the team."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="closures", verbose_name=_("kasus"))
    reason = models.CharField(_("alasan"), max_length=10, choices=ClosureReason.choices)
    outcome = models.CharField(_("hasil"), max_length=8, choices=ClosureOutcome.choices)
    note = EncryptedTextField(_("catatan penutupan"))
    view_consent = models.BooleanField(_("korban setuju pandangannya dicatat"), default=False)
    feels_safe = models.CharField(
        _("merasa aman sekarang"), max_length=8, choices=ViewAnswer.choices, blank=True
    )
    help_helped = models.CharField(
        _("bantuan menolong"), max_length=8, choices=ViewAnswer.choices, blank=True
    )
    view_words = EncryptedTextField(_("kata-kata korban sendiri"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dicatat oleh")
    )
    recorded_at = models.DateTimeField(_("dicatat"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("penutupan kasus")
        verbose_name_plural = _("penutupan kasus")

    def __str__(self) -> str:
        return f"{self.case} terminasi"
