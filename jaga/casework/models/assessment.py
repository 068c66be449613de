"""The assessment (asesmen) with its safety plan, and flags on a case. Free texts may name
people: encrypted."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.cases.models import Case
from jaga.casework.models.base import CaseRecord
from jaga.core.crypto import EncryptedTextField


class RiskLevel(models.TextChoices):
    LOW = "low", _("Rendah")
    MEDIUM = "medium", _("Sedang")
    HIGH = "high", _("Tinggi")
    DANGER = "danger", _("Bahaya segera")


# A safety plan is required from this level up.
SAFETY_PLAN_LEVELS = (RiskLevel.HIGH, RiskLevel.DANGER)


class NeedDomain(models.TextChoices):
    SAFETY = "safety", _("Keamanan")
    HEALTH = "health", _("Kesehatan")
    PSYCHOLOGICAL = "psychological", _("Psikologis")
    LEGAL = "legal", _("Hukum")
    EDUCATION = "education", _("Pendidikan")
    SHELTER = "shelter", _("Tempat tinggal / penampungan")
    ECONOMIC = "economic", _("Ekonomi")


class Assessment(CaseRecord):
    """An assessment (asesmen), recorded complete. A later one (a reassessment) supersedes it;
    the case's current assessment is its latest."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="assessments", verbose_name=_("kasus")
    )
    need_domains = models.JSONField(_("bidang kebutuhan"), default=list)
    needs = EncryptedTextField(_("kebutuhan per bidang"), blank=True)  # JSON {domain: text}
    risk_level = models.CharField(_("tingkat risiko"), max_length=10, choices=RiskLevel.choices)
    risk_reasons = EncryptedTextField(_("alasan tingkat risiko"))
    wishes = EncryptedTextField(_("keinginan korban sendiri"))
    safety_contacts = EncryptedTextField(_("siapa yang dihubungi"), blank=True)
    safety_places = EncryptedTextField(_("ke mana pergi"), blank=True)
    safety_rt = EncryptedTextField(_("yang dilakukan Seksi PPA RT"), blank=True)
    safety_companion = EncryptedTextField(_("yang dilakukan pendamping FP2ATBM"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dicatat oleh")
    )
    recorded_at = models.DateTimeField(_("dicatat"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("asesmen")
        verbose_name_plural = _("asesmen")

    def __str__(self) -> str:
        return f"{self.case} asesmen #{self.pk}"

    @property
    def has_safety_plan(self) -> bool:
        return bool(self.safety_contacts or self.safety_places)


class FlagKind(models.TextChoices):
    HIGH_PROFILE = "high_profile", _("Menjadi perhatian publik")
    RETALIATION = "retaliation", _("Risiko pembalasan")
    COURT_SOON = "court_soon", _("Sidang segera")
    IN_SHELTER = "in_shelter", _("Anak di rumah aman / penampungan")
    OTHER = "other", _("Lainnya")


class Flag(CaseRecord):
    """A flag on a case, seen by the case team, with who set it and why; taken off, not
    deleted."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="flags", verbose_name=_("kasus"))
    kind = models.CharField(_("tanda"), max_length=20, choices=FlagKind.choices)
    reason = EncryptedTextField(_("alasan"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dipasang oleh")
    )
    set_at = models.DateTimeField(_("dipasang"), default=timezone.now)
    removed_at = models.DateTimeField(_("dilepas"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-set_at", "-pk"]
        verbose_name = _("tanda kasus")
        verbose_name_plural = _("tanda kasus")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=models.Q(removed_at__isnull=True),
                name="flag_unique_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"
