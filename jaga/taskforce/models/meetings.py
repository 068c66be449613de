"""Meetings: agenda, attendance and the notes and decisions taken on each agenda item."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.taskforce.models.composition import Member, Taskforce


class MeetingKind(models.TextChoices):
    COORDINATION = "coordination", _("Rapat koordinasi")
    PLENARY = "plenary", _("Rapat pleno")
    EVALUATION = "evaluation", _("Rapat evaluasi")
    CLUSTER = "cluster", _("Rapat klaster")


class Meeting(models.Model):
    taskforce = models.ForeignKey(
        Taskforce, models.PROTECT, related_name="meetings", verbose_name=_("gugus tugas")
    )
    kind = models.CharField(_("jenis rapat"), max_length=20, choices=MeetingKind.choices)
    cluster = models.CharField(_("klaster"), max_length=20, blank=True)
    title = models.CharField(_("judul"), max_length=200)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    online_link = models.URLField(_("tautan daring"), max_length=300, blank=True)
    invited_at = models.DateTimeField(_("undangan dikirim"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    # The iCalendar UID: the same event in every invitation and feed, so a calendar updates it.
    uid = models.CharField(max_length=64, unique=True, default=secrets.token_hex, editable=False)
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="taskforce__area__code", organisation="taskforce__secretariat")

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        indexes = [models.Index(fields=["taskforce", "starts_at"], name="meeting_by_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("taskforce:meeting", args=[self.pk])

    @property
    def audit_area_code(self) -> str:
        return self.taskforce.area.code


class AgendaKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Tindak lanjut")
    TOPIC = "topic", _("Pembahasan")


class AgendaItem(models.Model):
    """One point of a meeting's agenda. A new meeting's first point is the follow-up
    ("tindak lanjut") of the action items still open from earlier meetings."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="agenda_items", verbose_name=_("rapat")
    )
    kind = models.CharField(
        _("jenis"), max_length=20, choices=AgendaKind.choices, default=AgendaKind.TOPIC
    )
    position = models.PositiveSmallIntegerField(_("urutan"))
    title = models.CharField(_("pokok bahasan"), max_length=200)
    presenter = models.ForeignKey(
        Member,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penyaji (organisasi)"),
    )
    presenter_name = models.CharField(_("nama penyaji"), max_length=160, blank=True)

    access = AccessPaths(
        area_code="meeting__taskforce__area__code", organisation="meeting__taskforce__secretariat"
    )

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("acara rapat")
        verbose_name_plural = _("acara rapat")

    def __str__(self) -> str:
        return self.title

    @property
    def audit_area_code(self) -> str:
        return self.meeting.taskforce.area.code


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Hadir")
    REPRESENTED = "represented", _("Diwakili")
    ABSENT = "absent", _("Tidak hadir")


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)


class Attendance(models.Model):
    """Whether a member organisation was at a meeting (recorded on the day)."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="attendances", verbose_name=_("rapat")
    )
    member = models.ForeignKey(
        Member, models.PROTECT, related_name="attendances", verbose_name=_("anggota")
    )
    status = models.CharField(_("kehadiran"), max_length=20, choices=AttendanceStatus.choices)
    attendee_name = models.CharField(_("nama yang hadir"), max_length=160, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), default=timezone.now)

    class Meta:
        ordering = ["meeting", "member__organisation__name"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_status_display()}"


class OutcomeKind(models.TextChoices):
    NOTE = "note", _("Catatan")
    DECISION = "decision", _("Keputusan")


class Outcome(models.Model):
    """A note or a decision on one agenda item (action items have their own model)."""

    agenda_item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="outcomes", verbose_name=_("acara")
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=OutcomeKind.choices)
    text = models.TextField(_("isi"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), default=timezone.now)

    class Meta:
        ordering = ["agenda_item", "recorded_at", "pk"]
        verbose_name = _("hasil rapat")
        verbose_name_plural = _("hasil rapat")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
