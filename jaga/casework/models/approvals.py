"""Approvals by the UPTD PPA head (persetujuan kepala): a case manager asks for one of the
assessment, the plan or the closure; the head approves or returns it with a comment. The
city chooses which subjects need one."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.cases.models import Case
from jaga.casework.models.base import CaseRecord
from jaga.core.crypto import EncryptedTextField


class Subject(models.TextChoices):
    ASSESSMENT = "assessment", _("Asesmen")
    PLAN = "plan", _("Rencana layanan")
    CLOSURE = "closure", _("Penutupan kasus (terminasi)")


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu keputusan")
    APPROVED = "approved", _("Disetujui")
    RETURNED = "returned", _("Dikembalikan")


class ApprovalRequirement(models.Model):
    """Whether a subject needs the head's approval (the city administrator decides; the
    defaults, plan and closure, are seeded by a migration)."""

    subject = models.CharField(_("hal"), max_length=12, choices=Subject.choices, unique=True)
    required = models.BooleanField(_("perlu persetujuan"))
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["subject"]
        verbose_name = _("persetujuan yang diperlukan")
        verbose_name_plural = _("persetujuan yang diperlukan")

    def __str__(self) -> str:
        return f"{self.get_subject_display()}: {self.required}"

    @property
    def audit_area_code(self) -> str:
        return ""


class Approval(CaseRecord):
    """One request for the head's approval and its decision (a clock runs from the request
    to the decision). An approved closure is used up by the closing it allowed."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="approvals", verbose_name=_("kasus")
    )
    subject = models.CharField(_("hal"), max_length=12, choices=Subject.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("diminta oleh")
    )
    requested_at = models.DateTimeField(_("diminta"), default=timezone.now)
    request_note = EncryptedTextField(_("keterangan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    comment = EncryptedTextField(_("komentar kepala"), blank=True)
    used_at = models.DateTimeField(_("dipakai"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("persetujuan kepala")
        verbose_name_plural = _("persetujuan kepala")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "subject"],
                condition=models.Q(status="pending"),
                name="approval_one_pending_per_subject",
            )
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="approval_queue")]

    def __str__(self) -> str:
        return f"{self.case} {self.get_subject_display()} ({self.get_status_display()})"
