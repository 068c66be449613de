"""A referral (rujukan) of a case, or one service of it, to a partner organisation."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.cases.models import Case, CaseAccessPaths, CaseService
from jaga.codes.models import Code
from jaga.core.crypto import EncryptedTextField
from jaga.people.models import Organisation


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Dikirim, menunggu jawaban")
    ACCEPTED = "accepted", _("Diterima mitra")
    DECLINED = "declined", _("Ditolak mitra")
    SERVED = "served", _("Layanan dicatat")
    COMPLETED = "completed", _("Selesai")


OPEN_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.SERVED)

# The referral's workflow: the statuses each step may be taken from. The services lock on it
# and the page offers exactly these steps (``Referral.next_steps``).
STEPS: dict[str, tuple[str, ...]] = {
    "accept": (ReferralStatus.SENT,),
    "decline": (ReferralStatus.SENT,),
    "record_service": (ReferralStatus.ACCEPTED, ReferralStatus.SERVED),
    "complete": (ReferralStatus.SERVED,),
}


def grace_period() -> datetime.timedelta:
    """How long an ended referral's shared data stays readable (``JAGA_REFERRAL_GRACE_DAYS``)."""
    return datetime.timedelta(days=settings.REFERRAL_GRACE_DAYS)


class Referral(models.Model):
    """Sent by a case manager on the case team; seen by the partner organisation's officers
    with only the kinds of data in ``shared_fields`` (checked against the recorded consent
    when sent). Free texts may name people: encrypted."""

    case = models.ForeignKey(
        Case, models.PROTECT, related_name="referrals", verbose_name=_("kasus")
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="referrals", verbose_name=_("mitra tujuan")
    )
    service = models.ForeignKey(
        Code, models.PROTECT, related_name="+", verbose_name=_("layanan yang diminta")
    )
    is_urgent = models.BooleanField(_("mendesak"), default=False)
    shared_fields = models.JSONField(_("data yang dibagikan"), default=list, blank=True)
    # The victims (CasePerson ids) on the case when it was sent: a victim added later is not
    # named in this referral and none of their data goes to the partner.
    victim_ids = models.JSONField(_("korban yang dirujuk"), default=list, blank=True)
    due_date = models.DateField(_("layanan selesai paling lambat"))
    request_note = EncryptedTextField(_("keterangan permintaan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    letter_number = models.CharField(_("nomor surat rujukan"), max_length=60, unique=True)
    letter_year = models.PositiveSmallIntegerField()
    letter_sequence = models.PositiveIntegerField()
    sent_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dirujuk oleh")
    )
    responded_at = models.DateTimeField(_("dijawab"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decline_reason = EncryptedTextField(_("alasan penolakan"), blank=True)
    served_on = models.DateField(_("tanggal layanan"), null=True, blank=True)
    service_note = EncryptedTextField(_("layanan yang diberikan"), blank=True)
    served_at = models.DateTimeField(_("layanan dicatat"), null=True, blank=True)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(_("berakhir"), null=True, blank=True)
    case_service = models.OneToOneField(
        CaseService, models.SET_NULL, null=True, blank=True, related_name="referral"
    )

    access = CaseAccessPaths(area_code="case__rt__code", organisation="organisation", team="case__")

    class Meta:
        ordering = ["-is_urgent", "-sent_at", "-pk"]
        verbose_name = _("rujukan")
        verbose_name_plural = _("rujukan")
        constraints = [
            models.UniqueConstraint(
                fields=["letter_year", "letter_sequence"], name="referral_letter_sequence"
            )
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="referral_inbox")]

    def __str__(self) -> str:
        return self.letter_number

    def get_absolute_url(self) -> str:
        return reverse("referrals:detail", args=[self.pk])

    @property
    def audit_area_code(self) -> str:
        return self.case.rt.code

    @property
    def next_steps(self) -> set[str]:
        return {step for step, since in STEPS.items() if self.status in since}

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def sharing_ends_at(self) -> datetime.datetime | None:
        """When the shared data stops being readable: the end plus the grace period."""
        return self.ended_at + grace_period() if self.ended_at else None
