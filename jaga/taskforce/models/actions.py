"""Action items agreed in a meeting, their progress and their closing evidence."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.taskforce.models.composition import FocalPerson, Member
from jaga.taskforce.models.meetings import AgendaItem


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Belum dimulai")
    IN_PROGRESS = "in_progress", _("Berjalan")
    DONE = "done", _("Selesai")


def document_path(instance: models.Model, filename: str) -> str:
    # A random name: what the uploader called the file is not kept.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"gugus-tugas/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


class ActionItem(models.Model):
    """Work agreed on an agenda item: an owner organisation (and maybe a person), a due date,
    the KLA indicators it serves and the evidence expected. Its clock runs from the meeting to
    the end of the due date (WITA) and stops when it is closed with evidence."""

    agenda_item = models.ForeignKey(
        AgendaItem, models.PROTECT, related_name="action_items", verbose_name=_("acara")
    )
    title = models.CharField(_("rencana aksi"), max_length=300)
    owner = models.ForeignKey(
        Member, models.PROTECT, related_name="action_items", verbose_name=_("penanggung jawab")
    )
    owner_person = models.ForeignKey(
        FocalPerson,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("orang yang ditunjuk"),
    )
    due_date = models.DateField(_("tenggat"))
    indicators = models.ManyToManyField(
        "codes.Code", blank=True, related_name="+", verbose_name=_("indikator KLA")
    )
    expected_evidence = models.CharField(_("bukti yang diharapkan"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evidence = models.TextField(_("bukti penyelesaian"), blank=True)
    evidence_document = models.FileField(_("dokumen bukti"), upload_to=document_path, blank=True)
    # How many reminders before the due date went out (see services.action_items_remind).
    reminders_sent = models.PositiveSmallIntegerField(default=0)

    access = AccessPaths(
        area_code="agenda_item__meeting__taskforce__area__code",
        organisation=("owner__organisation", "agenda_item__meeting__taskforce__secretariat"),
    )

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        indexes = [models.Index(fields=["status", "due_date"], name="action_item_open")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", closed_at__isnull=False)
                | (~Q(status="done") & Q(closed_at__isnull=True)),
                name="action_item_closed_when_done",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("taskforce:action", args=[self.pk])

    @property
    def number(self) -> str:
        return f"RA-{self.pk:04d}"

    @property
    def audit_area_code(self) -> str:
        return self.agenda_item.meeting.taskforce.area.code


class ActionProgress(models.Model):
    """A step the owner reports on an action item, maybe with a document."""

    action_item = models.ForeignKey(
        ActionItem, models.CASCADE, related_name="progress", verbose_name=_("rencana aksi")
    )
    note = models.TextField(_("kemajuan"))
    document = models.FileField(_("dokumen"), upload_to=document_path, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), default=timezone.now)

    class Meta:
        ordering = ["action_item", "recorded_at", "pk"]
        verbose_name = _("kemajuan rencana aksi")
        verbose_name_plural = _("kemajuan rencana aksi")

    def __str__(self) -> str:
        return f"{self.action_item.number} {self.recorded_at:%d-%m-%Y}"
