"""The task force by its decree: member organisations, their focal people and roles."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.people.models import OrganisationKind


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Ketua")
    SECRETARY = "secretary", _("Sekretaris")
    CLUSTER_COORDINATOR = "cluster_coordinator", _("Koordinator klaster")
    MEMBER = "member", _("Anggota")


class Taskforce(models.Model):
    """The task force as one decree (SK) of the mayor sets it up, for its period. DP3AKB is
    its secretariat: whoever works there manages the task force."""

    name = models.CharField(_("nama"), max_length=160)
    area = models.ForeignKey(
        "areas.Area", models.PROTECT, related_name="+", verbose_name=_("wilayah")
    )
    secretariat = models.ForeignKey(
        "people.Organisation",
        models.PROTECT,
        related_name="+",
        verbose_name=_("sekretariat"),
    )
    decree_number = models.CharField(_("nomor SK"), max_length=100)
    decree_date = models.DateField(_("tanggal SK"))
    period_start = models.DateField(_("masa kerja mulai"))
    period_end = models.DateField(_("masa kerja berakhir"))
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="area__code", organisation="secretariat")

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("gugus tugas")
        verbose_name_plural = _("gugus tugas")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="taskforce_period_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("taskforce:composition", args=[self.pk])

    @property
    def audit_area_code(self) -> str:
        return self.area.code


class Member(models.Model):
    """An organisation on the task force and the KLA cluster it serves (a code of the
    ``kla_cluster`` list)."""

    taskforce = models.ForeignKey(
        Taskforce, models.CASCADE, related_name="members", verbose_name=_("gugus tugas")
    )
    organisation = models.ForeignKey(
        "people.Organisation", models.PROTECT, related_name="+", verbose_name=_("organisasi")
    )
    cluster = models.CharField(_("klaster KLA"), max_length=20)

    access = AccessPaths(area_code="taskforce__area__code", organisation="organisation")

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("anggota gugus tugas")
        verbose_name_plural = _("anggota gugus tugas")
        constraints = [
            models.UniqueConstraint(
                fields=["taskforce", "organisation"], name="taskforce_member_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_forum_anak(self) -> bool:
        return self.organisation.kind == OrganisationKind.FORUM_ANAK

    @property
    def audit_area_code(self) -> str:
        return self.taskforce.area.code


class FocalPerson(models.Model):
    """Who speaks for a member organisation: an account (who then signs in with the Gugus
    Tugas role) or a named guest without one."""

    member = models.ForeignKey(
        Member, models.CASCADE, related_name="focal_people", verbose_name=_("anggota")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("akun"),
    )
    guest_name = models.CharField(_("nama (tanpa akun)"), max_length=160, blank=True)
    role = models.CharField(_("peran"), max_length=20, choices=MemberRole.choices)

    class Meta:
        ordering = ["member", "role", "pk"]
        verbose_name = _("narahubung")
        verbose_name_plural = _("narahubung")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name=""),
                name="focal_person_has_account_or_name",
            )
        ]

    def __str__(self) -> str:
        return str(self.person) if self.person_id else self.guest_name
