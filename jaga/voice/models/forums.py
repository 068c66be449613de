"""The Forum Anak (Permen PPPA No. 18 Tahun 2019) at city, kecamatan and kelurahan level: its
members (the least about a child), its adult facilitators, its consultations and the
proposals it sends to an agency, each followed to an answer."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.areas.models import Area
from jaga.core.crypto import EncryptedTextField
from jaga.people.models import Organisation
from jaga.taskforce.models import ActionItem

ADULT_AGE = 18


class ForumLevel(models.TextChoices):
    CITY = "city", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")


class MemberRole(models.TextChoices):
    CHAIR = "ketua", _("Ketua")
    BOARD = "pengurus", _("Pengurus")
    MEMBER = "anggota", _("Anggota")


class ProposalStatus(models.TextChoices):
    SENT = "sent", _("Dikirim, menunggu jawaban")
    IN_PROGRESS = "in_progress", _("Sedang dikerjakan")
    DONE = "done", _("Sudah dilakukan")
    DECLINED = "declined", _("Tidak dapat dilakukan")


ANSWERED = {ProposalStatus.IN_PROGRESS, ProposalStatus.DONE, ProposalStatus.DECLINED}


class ChildForum(models.Model):
    level = models.CharField(_("tingkat"), max_length=10, choices=ForumLevel.choices)
    area = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("wilayah"))
    name = models.CharField(_("nama"), max_length=120)
    decree = models.CharField(_("nomor SK"), max_length=120, blank=True)
    formed_on = models.DateField(_("dibentuk"), null=True, blank=True)
    is_demo = models.BooleanField(_("data demo"), default=False)

    # A forum's facilitators are its team: the policy's team scope reaches them.
    access = AccessPaths(area_code="area__code", team="facilitators__person")

    class Meta:
        ordering = ["area__code"]
        verbose_name = _("Forum Anak")
        verbose_name_plural = _("Forum Anak")
        constraints = [models.UniqueConstraint(fields=["area"], name="one_forum_per_area")]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_area_code(self) -> str:
        return self.area.code


class Facilitator(models.Model):
    """An adult (DP3AKB staff or an FP2ATBM activist) who manages a forum."""

    forum = models.ForeignKey(ChildForum, models.CASCADE, related_name="facilitators")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    since = models.DateField(_("sejak"), default=timezone.localdate)

    class Meta:
        verbose_name = _("fasilitator")
        verbose_name_plural = _("fasilitator")
        constraints = [models.UniqueConstraint(fields=["forum", "person"], name="facilitator_once")]

    def __str__(self) -> str:
        return f"{self.person} · {self.forum}"


class CurrentMembers(models.QuerySet):
    def current(self, today: dt.date | None = None) -> "CurrentMembers":
        """Members under 18 this year who have not left: membership ends by itself."""
        year = (today or timezone.localdate()).year
        return self.filter(birth_year__gt=year - ADULT_AGE, left_on__isnull=True)


class ForumMember(models.Model):
    """The minimum about a child member: a first name or nickname (encrypted), birth year,
    school (encrypted), role, and that a parent or guardian agreed (UU 27/2022 art. 25)."""

    forum = models.ForeignKey(ChildForum, models.CASCADE, related_name="members")
    nickname = EncryptedTextField(_("nama panggilan"))
    birth_year = models.PositiveSmallIntegerField(_("tahun lahir"))
    school = EncryptedTextField(_("sekolah"), blank=True)
    role = models.CharField(_("peran"), max_length=10, choices=MemberRole.choices)
    guardian_agreed_on = models.DateField(_("tanggal persetujuan orang tua/wali"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    joined_on = models.DateField(_("bergabung"), default=timezone.localdate)
    left_on = models.DateField(_("keluar"), null=True, blank=True)
    is_demo = models.BooleanField(_("data demo"), default=False)

    objects = CurrentMembers.as_manager()
    access = AccessPaths(area_code="forum__area__code", team="forum__facilitators__person")

    class Meta:
        ordering = ["forum", "role", "birth_year"]
        verbose_name = _("anggota Forum Anak")
        verbose_name_plural = _("anggota Forum Anak")

    def __str__(self) -> str:
        return self.nickname

    @property
    def ends_on(self) -> dt.date:
        """The first day of the year the member turns 18 (only the birth year is kept, so
        the membership ends before, never after, the eighteenth birthday)."""
        return dt.date(self.birth_year + ADULT_AGE, 1, 1)

    @property
    def audit_area_code(self) -> str:
        return self.forum.area.code


class Consultation(models.Model):
    """A consultation with children: who took part as counts only, what they said as the
    facilitator's summary (never a quote that identifies a child)."""

    forum = models.ForeignKey(ChildForum, models.CASCADE, related_name="consultations")
    topic = models.CharField(_("topik"), max_length=160)
    held_on = models.DateField(_("tanggal"))
    girls_younger = models.PositiveSmallIntegerField(_("perempuan 8–12"), default=0)
    boys_younger = models.PositiveSmallIntegerField(_("laki-laki 8–12"), default=0)
    girls_older = models.PositiveSmallIntegerField(_("perempuan 13–17"), default=0)
    boys_older = models.PositiveSmallIntegerField(_("laki-laki 13–17"), default=0)
    summary = models.TextField(_("ringkasan pendapat anak"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="forum__area__code", team="forum__facilitators__person")

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("konsultasi anak")
        verbose_name_plural = _("konsultasi anak")

    def __str__(self) -> str:
        return self.topic

    @property
    def participants(self) -> int:
        return self.girls_younger + self.boys_younger + self.girls_older + self.boys_older

    @property
    def audit_area_code(self) -> str:
        return self.forum.area.code


class Proposal(models.Model):
    """A proposal (usulan) to an agency, followed to its answer: "you said, we did"."""

    forum = models.ForeignKey(ChildForum, models.CASCADE, related_name="proposals")
    consultation = models.ForeignKey(
        Consultation, models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    title = models.CharField(_("usulan"), max_length=200)
    detail = models.TextField(_("penjelasan"), blank=True)
    addressee = models.ForeignKey(
        Organisation, models.PROTECT, related_name="+", verbose_name=_("ditujukan kepada")
    )
    sent_on = models.DateField(_("dikirim"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.SENT
    )
    answer = models.TextField(_("jawaban"), blank=True)
    answered_at = models.DateTimeField(_("dijawab"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Where the Gugus Tugas took the proposal up: its action item's status is the forum's
    # to see (the task force owns the item; nothing of it is copied here).
    action_item = models.ForeignKey(
        ActionItem,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rencana aksi Gugus Tugas"),
    )
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(
        area_code="forum__area__code",
        organisation="addressee_id",
        team="forum__facilitators__person",
    )

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("usulan anak")
        verbose_name_plural = _("usulan anak")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ProposalStatus.SENT) | ~Q(answer=""),
                name="proposal_answered_with_text",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_answered(self) -> bool:
        return self.status in ANSWERED

    @property
    def audit_area_code(self) -> str:
        return self.forum.area.code
