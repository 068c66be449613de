"""The FP2ATBM forum: one chapter per kelurahan, its activists (encrypted like Seksi PPA
members), the education sessions they hold (counts only, never attendees' names), their
coordination meetings, their accompaniment visits on cases, the chapter's monthly report and
the kelurahan pulse flags."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.areas.models import Area
from jaga.cases.models import Case, CaseAccessPaths, CaseEvent
from jaga.codes.models import Code
from jaga.core.crypto import EncryptedTextField, blind_index
from jaga.core.trainings import TrainingRecord
from jaga.people.models import Organisation, VolunteerRecord

PHONE_INDEX_PURPOSE = "forum.activist.phone"


def phone_index(normalised_phone: str) -> str:
    """The blind index of an activist's phone (already normalised to +628…)."""
    return blind_index(normalised_phone, PHONE_INDEX_PURPOSE)


def photo_path(instance: models.Model, filename: str) -> str:
    # A random name: the original may say who or where the photo is.
    return f"forum/sessions/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}"


CHAPTER_PATHS = {"area_code": "chapter__kelurahan__code", "organisation": "chapter__organisation"}


class Chapter(models.Model):
    """The FP2ATBM of one kelurahan, formed by a decision (SK). Its ``organisation`` is what
    activists' accounts are members of."""

    kelurahan = models.OneToOneField(
        Area,
        models.PROTECT,
        related_name="fp2atbm_chapter",
        limit_choices_to={"kind": "kelurahan"},
        verbose_name=_("kelurahan"),
    )
    organisation = models.OneToOneField(
        Organisation, models.PROTECT, related_name="fp2atbm_chapter", verbose_name=_("organisasi")
    )
    decision_number = models.CharField(_("nomor SK"), max_length=80, blank=True)
    decision_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    formed_on = models.DateField(_("dibentuk"))
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="kelurahan__code", organisation="organisation")

    class Meta:
        ordering = ["kelurahan__code"]
        verbose_name = _("FP2ATBM kelurahan")
        verbose_name_plural = _("FP2ATBM kelurahan")

    def __str__(self) -> str:
        return str(_("FP2ATBM %(kelurahan)s") % {"kelurahan": self.kelurahan.name})

    @property
    def audit_area_code(self) -> str:
        return self.kelurahan.code


class Position(models.TextChoices):
    CHAIR = "chair", _("Ketua")
    SECRETARY = "secretary", _("Sekretaris")
    TREASURER = "treasurer", _("Bendahara")
    MEMBER = "member", _("Anggota")


class Activist(VolunteerRecord):
    """An activist of a chapter (the shared shape, encrypted: ``people.models.VolunteerRecord``)."""

    chapter = models.ForeignKey(
        Chapter, models.CASCADE, related_name="activists", verbose_name=_("FP2ATBM")
    )
    position = models.CharField(
        _("jabatan"), max_length=12, choices=Position.choices, default=Position.MEMBER
    )
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="fp2atbm_activist",
        verbose_name=_("akun"),
    )

    access = AccessPaths(**CHAPTER_PATHS)

    class Meta:
        ordering = ["chapter", "position", "pk"]
        verbose_name = _("aktivis FP2ATBM")
        verbose_name_plural = _("aktivis FP2ATBM")
        constraints = [
            # One phone, one active activist city-wide: an invitation by phone finds one.
            models.UniqueConstraint(
                fields=["phone_index"],
                condition=Q(is_active=True),
                name="forum_activist_unique_active_phone",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Aktivis #%(pk)s") % {"pk": self.pk})  # never the name: this reaches logs

    @property
    def audit_area_code(self) -> str:
        return self.chapter.kelurahan.code


class ActivistTraining(TrainingRecord):
    """A training an activist attended (the shared concept: ``jaga.core.trainings``)."""

    activist = models.ForeignKey(
        Activist, models.CASCADE, related_name="trainings", verbose_name=_("aktivis")
    )

    access = AccessPaths(
        area_code="activist__chapter__kelurahan__code",
        organisation="activist__chapter__organisation",
    )

    class Meta(TrainingRecord.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["activist", "title", "held_on"], name="forum_training_unique"
            )
        ]


class PlaceKind(models.TextChoices):
    SCHOOL = "school", _("Sekolah")
    POSYANDU = "posyandu", _("Posyandu")
    PKK = "pkk", _("Pertemuan PKK")
    RELIGIOUS = "religious", _("Majelis taklim / gereja / rumah ibadah")
    RT_MEETING = "rt_meeting", _("Pertemuan RT")
    ONLINE = "online", _("Daring")
    OTHER = "other", _("Lainnya")


class Audience(models.TextChoices):
    CHILDREN = "children", _("Anak")
    FAMILIES = "families", _("Keluarga")
    COMMUNITY = "community", _("Masyarakat")


class EducationSession(models.Model):
    """A sosialisasi / edukasi held by a chapter. Attendance is counted, never listed."""

    chapter = models.ForeignKey(
        Chapter, models.PROTECT, related_name="sessions", verbose_name=_("FP2ATBM")
    )
    held_on = models.DateField(_("tanggal"))
    rts = models.ManyToManyField(Area, related_name="+", verbose_name=_("RT"))
    place_kind = models.CharField(_("tempat"), max_length=12, choices=PlaceKind.choices)
    topics = models.ManyToManyField(Code, related_name="+", verbose_name=_("topik"))
    audience = models.CharField(_("sasaran"), max_length=10, choices=Audience.choices)
    girls = models.PositiveIntegerField(_("anak perempuan"), default=0)
    boys = models.PositiveIntegerField(_("anak laki-laki"), default=0)
    women = models.PositiveIntegerField(_("perempuan dewasa"), default=0)
    men = models.PositiveIntegerField(_("laki-laki dewasa"), default=0)
    facilitators = models.ManyToManyField(
        Activist, blank=True, related_name="sessions", verbose_name=_("fasilitator")
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("lembaga mitra")
    )
    photo = models.ImageField(_("foto"), upload_to=photo_path, blank=True)
    photo_type = models.CharField(max_length=20, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat"), default=timezone.now)
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(**CHAPTER_PATHS, owner="recorded_by")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("sosialisasi / edukasi")
        verbose_name_plural = _("sosialisasi / edukasi")
        indexes = [models.Index(fields=["chapter", "held_on"])]

    def __str__(self) -> str:
        return f"{self.chapter_id} {self.held_on:%Y-%m-%d}"

    @property
    def audit_area_code(self) -> str:
        return self.chapter.kelurahan.code

    @property
    def children(self) -> int:
        return self.girls + self.boys

    @property
    def adults(self) -> int:
        return self.women + self.men

    @property
    def attendance(self) -> int:
        return self.children + self.adults


class MeetingPartner(models.TextChoices):
    POSYANDU = "posyandu", _("Posyandu")
    PKK = "pkk", _("PKK")
    RT = "rt", _("Pengurus RT / Seksi PPA")
    KELURAHAN = "kelurahan", _("Kantor kelurahan")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    OTHER = "other", _("Lainnya")


class CoordinationMeeting(models.Model):
    """A routine coordination meeting of the chapter (with posyandu, PKK, the RTs …)."""

    chapter = models.ForeignKey(
        Chapter, models.PROTECT, related_name="meetings", verbose_name=_("FP2ATBM")
    )
    held_on = models.DateField(_("tanggal"))
    partner = models.CharField(_("bersama"), max_length=12, choices=MeetingPartner.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(**CHAPTER_PATHS, owner="recorded_by")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("rapat koordinasi")
        verbose_name_plural = _("rapat koordinasi")
        indexes = [models.Index(fields=["chapter", "held_on"])]

    def __str__(self) -> str:
        return f"{self.chapter_id} {self.held_on:%Y-%m-%d}"

    @property
    def audit_area_code(self) -> str:
        return self.chapter.kelurahan.code


class Destination(models.TextChoices):
    PUSKESMAS = "puskesmas", _("Mengantar ke puskesmas / rumah sakit")
    POLICE = "police", _("Mengantar ke kepolisian (Unit PPA)")
    COURT = "court", _("Mengantar ke pengadilan")
    SOCIAL = "social", _("Mengantar ke layanan sosial")
    UPTD = "uptd", _("Mengantar ke UPTD PPA")
    HOME_VISIT = "home_visit", _("Kunjungan rumah")


class Accompaniment(models.Model):
    """A visit an activist on the case team made with the victim: where, when, and the
    transport cost to reimburse. It appears on the case timeline as its own kind of step
    (``event``); its note may name people, so it is encrypted."""

    case = models.ForeignKey(
        Case, models.PROTECT, related_name="accompaniments", verbose_name=_("kasus")
    )
    event = models.OneToOneField(CaseEvent, models.PROTECT, related_name="accompaniment")
    activist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="accompaniments",
        verbose_name=_("aktivis"),
    )
    # The activist's chapter when the visit was recorded: chapter figures stay put when an
    # activist later moves.
    chapter = models.ForeignKey(
        Chapter,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="accompaniments",
        verbose_name=_("FP2ATBM"),
    )
    visited_on = models.DateField(_("tanggal"))
    destination = models.CharField(_("pendampingan"), max_length=12, choices=Destination.choices)
    note = EncryptedTextField(_("catatan singkat"), blank=True)
    transport_cost = models.PositiveIntegerField(_("biaya transport (Rp)"), default=0)
    recorded_at = models.DateTimeField(_("dicatat"), default=timezone.now)
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = CaseAccessPaths(area_code="case__rt__code", team="case__", owner="activist")

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("pendampingan")
        verbose_name_plural = _("pendampingan")
        indexes = [
            models.Index(fields=["chapter", "visited_on"]),
            models.Index(fields=["activist", "visited_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.visited_on:%Y-%m-%d}"

    @property
    def audit_area_code(self) -> str:
        return self.case.rt.code


class ChapterReport(models.Model):
    """The chapter's monthly report: the month's figures as compiled when the ketua confirmed
    them in one tap. "Nothing this month" is a report too (all counts zero)."""

    chapter = models.ForeignKey(
        Chapter, models.PROTECT, related_name="reports", verbose_name=_("FP2ATBM")
    )
    month = models.DateField(_("bulan"))  # the month's first day
    sessions = models.PositiveIntegerField(_("sosialisasi"), default=0)
    children_reached = models.PositiveIntegerField(_("anak terjangkau"), default=0)
    adults_reached = models.PositiveIntegerField(_("dewasa terjangkau"), default=0)
    accompaniments = models.PositiveIntegerField(_("pendampingan"), default=0)
    meetings = models.PositiveIntegerField(_("rapat koordinasi"), default=0)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), default=timezone.now)
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(**CHAPTER_PATHS)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("laporan bulanan FP2ATBM")
        verbose_name_plural = _("laporan bulanan FP2ATBM")
        constraints = [
            models.UniqueConstraint(fields=["chapter", "month"], name="forum_report_one_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.chapter_id} {self.month:%Y-%m}"

    @property
    def audit_area_code(self) -> str:
        return self.chapter.kelurahan.code

    @property
    def is_nothing(self) -> bool:
        return not (self.sessions or self.accompaniments or self.meetings)


class PulseFlag(models.Model):
    """A kelurahan the pulse found silent for two months running (RTs silent, chapter idle,
    no report), flagged once per ending month so its officers are told once."""

    kelurahan = models.ForeignKey(
        Area, models.PROTECT, related_name="fp2atbm_pulse_flags", verbose_name=_("kelurahan")
    )
    month = models.DateField(_("bulan terakhir yang senyap"))
    flagged_at = models.DateTimeField(_("ditandai"), default=timezone.now)

    access = AccessPaths(area_code="kelurahan__code")

    class Meta:
        ordering = ["-month", "kelurahan__code"]
        verbose_name = _("tanda denyut kelurahan")
        verbose_name_plural = _("tanda denyut kelurahan")
        constraints = [
            models.UniqueConstraint(fields=["kelurahan", "month"], name="forum_pulse_once")
        ]

    def __str__(self) -> str:
        return f"{self.kelurahan_id} {self.month:%Y-%m}"

    @property
    def audit_area_code(self) -> str:
        return self.kelurahan.code
