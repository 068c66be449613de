"""The Seksi PPA registry of every RT (section, members, trainings) and the RTs' monthly
returns (laporan nihil)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.areas.models import Area
from jaga.core.crypto import blind_index
from jaga.core.trainings import TrainingRecord
from jaga.people.models import VolunteerRecord

PHONE_INDEX_PURPOSE = "sections.member.phone"


def phone_index(normalised_phone: str) -> str:
    """The blind index of a member's phone (already normalised to +628…)."""
    return blind_index(normalised_phone, PHONE_INDEX_PURPOSE)


class Section(models.Model):
    """The Seksi PPA of one RT board. No row means nothing is known about the RT yet."""

    rt = models.OneToOneField(
        Area,
        models.PROTECT,
        related_name="ppa_section",
        limit_choices_to={"kind": "rt"},
        verbose_name=_("RT"),
    )
    is_formed = models.BooleanField(_("sudah dibentuk"), default=False)
    decision_number = models.CharField(_("nomor SK pengurus RT"), max_length=80, blank=True)
    decision_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="rt__code")

    class Meta:
        ordering = ["rt__code"]
        verbose_name = _("Seksi PPA")
        verbose_name_plural = _("Seksi PPA")

    def __str__(self) -> str:
        return str(_("Seksi PPA %(rt)s") % {"rt": self.rt})

    @property
    def audit_area_code(self) -> str:
        return self.rt.code


class Position(models.TextChoices):
    COORDINATOR = "coordinator", _("Koordinator")
    MEMBER = "member", _("Anggota")


class Member(VolunteerRecord):
    """A member of a section (the shared shape, encrypted: ``people.models.VolunteerRecord``)."""

    section = models.ForeignKey(
        Section, models.CASCADE, related_name="members", verbose_name=_("Seksi PPA")
    )
    position = models.CharField(
        _("jabatan"), max_length=12, choices=Position.choices, default=Position.MEMBER
    )
    # The account made from this member (invite by phone), if any.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="ppa_memberships",
        verbose_name=_("akun"),
    )

    access = AccessPaths(area_code="section__rt__code")

    class Meta:
        ordering = ["section", "position", "pk"]
        verbose_name = _("anggota Seksi PPA")
        verbose_name_plural = _("anggota Seksi PPA")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "phone_index"], name="sections_member_unique_phone_in_section"
            ),
            # One phone belongs to one active member in the whole city: an invitation by phone
            # must find exactly one RT.
            models.UniqueConstraint(
                fields=["phone_index"],
                condition=Q(is_active=True),
                name="sections_member_unique_active_phone",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Anggota #%(pk)s") % {"pk": self.pk})  # never the name: this reaches logs

    @property
    def audit_area_code(self) -> str:
        return self.section.rt.code


class Training(TrainingRecord):
    """A training a member attended (the shared concept: ``jaga.core.trainings``)."""

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="trainings", verbose_name=_("anggota")
    )

    access = AccessPaths(area_code="member__section__rt__code")

    class Meta(TrainingRecord.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["member", "title", "held_on"], name="sections_training_unique"
            )
        ]

    @property
    def audit_area_code(self) -> str:
        return self.member.section.rt.code


class ReturnKind(models.TextChoices):
    NIL = "nil", _("Nihil: tidak ada kasus bulan ini")
    REPORTED = "reported", _("Ada kasus dan sudah dilaporkan")


class MonthlyReturn(models.Model):
    """An RT's answer for one month: nothing happened (laporan nihil), or cases were reported.
    One per RT and month; ``month`` is the month's first day."""

    rt = models.ForeignKey(Area, models.PROTECT, related_name="ppa_returns", verbose_name=_("RT"))
    month = models.DateField(_("bulan"))
    kind = models.CharField(_("jawaban"), max_length=10, choices=ReturnKind.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dikirim oleh"),
    )
    submitted_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="rt__code", owner="submitted_by")

    class Meta:
        ordering = ["-month"]
        verbose_name = _("laporan bulanan RT")
        verbose_name_plural = _("laporan bulanan RT")
        constraints = [
            models.UniqueConstraint(fields=["rt", "month"], name="sections_return_one_per_month")
        ]
        indexes = [models.Index(fields=["month", "kind"])]

    def __str__(self) -> str:
        return f"{self.rt_id} {self.month:%Y-%m} {self.kind}"

    @property
    def audit_area_code(self) -> str:
        return self.rt.code
