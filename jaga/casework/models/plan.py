"""The service plan (rencana layanan) agreed with the victim or guardian, its goals, and its
reviews (each a clock on its date). Free texts may name people: encrypted."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.cases.models import Case
from jaga.casework.models.base import CaseRecord
from jaga.codes.models import Code
from jaga.core.crypto import EncryptedTextField
from jaga.people.models import Organisation


class AgreedWith(models.TextChoices):
    VICTIM = "victim", _("Korban sendiri")
    GUARDIAN = "guardian", _("Orang tua / wali")


class ServicePlan(CaseRecord):
    """One per case, agreed with the victim (or guardian) on a date."""

    case = models.OneToOneField(
        Case, models.CASCADE, related_name="service_plan", verbose_name=_("kasus")
    )
    agreed_with = models.CharField(
        _("disepakati dengan"), max_length=10, choices=AgreedWith.choices
    )
    agreed_on = models.DateField(_("tanggal kesepakatan"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("disusun oleh")
    )
    created_at = models.DateTimeField(_("disusun"), default=timezone.now)

    class Meta:
        verbose_name = _("rencana layanan")
        verbose_name_plural = _("rencana layanan")

    def __str__(self) -> str:
        return f"{self.case} rencana"


class GoalOutcome(models.TextChoices):
    MET = "met", _("Tercapai")
    PARTLY = "partly", _("Tercapai sebagian")
    NOT_MET = "not_met", _("Tidak tercapai")


class Goal(CaseRecord):
    """A goal of the plan: what serves it (services, referrals to partners), who is
    responsible, by when, when it is looked at again, and how it went."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="plan_goals", verbose_name=_("kasus")
    )
    plan = models.ForeignKey(ServicePlan, models.CASCADE, related_name="goals")
    text = EncryptedTextField(_("tujuan"))
    services = models.ManyToManyField(Code, blank=True, related_name="+", verbose_name=_("layanan"))
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("rujukan ke mitra")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="plan_goals",
        verbose_name=_("penanggung jawab"),
    )
    target_on = models.DateField(_("target tanggal"))
    review_on = models.DateField(_("tanggal tinjauan"))
    outcome = models.CharField(_("hasil"), max_length=8, choices=GoalOutcome.choices, blank=True)
    outcome_note = EncryptedTextField(_("catatan hasil"), blank=True)
    outcome_at = models.DateTimeField(_("dinilai"), null=True, blank=True)

    class Meta:
        ordering = ["target_on", "pk"]
        verbose_name = _("tujuan rencana")
        verbose_name_plural = _("tujuan rencana")

    def __str__(self) -> str:
        return f"{self.case} tujuan #{self.pk}"


class PlanReview(CaseRecord):
    """One review of the plan, due on a date (its clock runs to the end of that day, WITA);
    recording it schedules the next."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="plan_reviews", verbose_name=_("kasus")
    )
    plan = models.ForeignKey(ServicePlan, models.CASCADE, related_name="reviews")
    scheduled_at = models.DateTimeField(_("dijadwalkan"), default=timezone.now)
    due_on = models.DateField(_("tanggal tinjauan"))
    done_at = models.DateTimeField(_("ditinjau"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = EncryptedTextField(_("hasil tinjauan"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("tinjauan rencana")
        verbose_name_plural = _("tinjauan rencana")
        indexes = [models.Index(fields=["done_at", "due_on"], name="plan_review_open")]

    def __str__(self) -> str:
        return f"{self.case} tinjauan {self.due_on}"
