"""Minutes (notulen): drafted by the secretary, sent to the attendees for corrections within a
set number of days, then final and locked; later changes only as recorded corrections."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths, within
from jaga.taskforce.models.meetings import ATTENDED, Attendance, Meeting


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    IN_REVIEW = "in_review", _("Masa koreksi")
    FINAL = "final", _("Final")


class MinutesAccessPaths(AccessPaths):
    """An organisation reaches the minutes of the meetings it attended (present or
    represented) and, as secretariat, of every meeting of its task force."""

    def organisation_q(self, organisation_id: int) -> Q:
        attended = Attendance.objects.filter(
            member__organisation_id=organisation_id, status__in=ATTENDED
        ).values("meeting_id")
        return Q(meeting__taskforce__secretariat=organisation_id) | Q(meeting_id__in=attended)

    def area_q(self, code: str) -> Q:
        return within(code, "meeting__taskforce__area__code")


class Minutes(models.Model):
    meeting = models.OneToOneField(
        Meeting, models.CASCADE, related_name="minutes", verbose_name=_("rapat")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    text = models.TextField(_("isi notulen"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    sent_at = models.DateTimeField(_("dikirim untuk koreksi"), null=True, blank=True)
    corrections_until = models.DateField(_("batas koreksi"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("difinalkan"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    access = MinutesAccessPaths()

    class Meta:
        verbose_name = _("notulen")
        verbose_name_plural = _("notulen")

    def __str__(self) -> str:
        return f"{_('Notulen')} {self.meeting}"

    @property
    def is_final(self) -> bool:
        return self.status == MinutesStatus.FINAL

    @property
    def audit_area_code(self) -> str:
        return self.meeting.taskforce.area.code


class CorrectionKind(models.TextChoices):
    SUGGESTED = "suggested", _("Usulan koreksi peserta")
    RECORDED = "recorded", _("Koreksi setelah final")


class MinutesCorrection(models.Model):
    """An attendee's correction sent in the correction window, or — after the minutes are
    final — a change the secretary made, kept with the text before and after and why."""

    minutes = models.ForeignKey(
        Minutes, models.CASCADE, related_name="corrections", verbose_name=_("notulen")
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=CorrectionKind.choices)
    text = models.TextField(_("koreksi / alasan"))
    previous_text = models.TextField(_("teks sebelumnya"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["minutes", "at", "pk"]
        verbose_name = _("koreksi notulen")
        verbose_name_plural = _("koreksi notulen")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d-%m-%Y}"
