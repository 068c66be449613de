"""Transfers of a case to another case manager: the head reassigns at once, or a manager
asks and the receiving manager accepts or declines; when the victim moves, the case goes to
another city's UPTD PPA, whose head accepts and names its manager. Reasons may name people:
encrypted."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.cases.models import Case, CaseAccessPaths
from jaga.casework.models.base import CaseRecord
from jaga.core.crypto import EncryptedTextField
from jaga.people.models import Organisation


class TransferKind(models.TextChoices):
    REASSIGN = "reassign", _("Penugasan ulang oleh kepala UPTD PPA")
    TRANSFER = "transfer", _("Pengalihan atas permintaan manajer kasus")
    CITY = "city", _("Pengalihan ke UPTD PPA kota lain")


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu jawaban")
    ACCEPTED = "accepted", _("Diterima")
    DECLINED = "declined", _("Ditolak")


class Transfer(CaseRecord):
    """One move of a case from one manager to another. The receiving manager sees the
    identities only once it is accepted (they join the case team then); the one who hands
    it over leaves the team."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="transfers", verbose_name=_("kasus")
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=TransferKind.choices)
    from_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dari")
    )
    # Empty while another city's UPTD PPA has not yet accepted (its head names the manager).
    to_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers_offered",
        verbose_name=_("kepada"),
    )
    to_organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("UPTD PPA tujuan"),
    )
    reason = EncryptedTextField(_("alasan"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    requested_at = models.DateTimeField(_("diminta"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    answered_at = models.DateTimeField(_("dijawab"), null=True, blank=True)
    decline_reason = EncryptedTextField(_("alasan menolak"), blank=True)

    # The receiving manager reaches a transfer offered to them ("own"), and the receiving
    # city's UPTD PPA one offered to it ("organisation"), before they are on the case team.
    access = CaseAccessPaths(
        area_code="case__rt__code",
        team="case__",
        owner="to_manager",
        organisation="to_organisation",
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("pengalihan kasus")
        verbose_name_plural = _("pengalihan kasus")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="transfer_one_pending_per_case",
            ),
            # Only a transfer to another city may lack its manager, and only until accepted.
            models.CheckConstraint(
                condition=models.Q(to_manager__isnull=False)
                | models.Q(
                    kind="city", to_organisation__isnull=False, status__in=["pending", "declined"]
                ),
                name="transfer_has_manager_once_accepted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"
