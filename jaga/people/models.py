from typing import Any, cast

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths, within
from jaga.access.roles import Role
from jaga.areas.models import Area, AreaKind
from jaga.core.crypto import EncryptedTextField, blind_index

PHONE_PURPOSE = "person.phone"


def index_of_phone(phone: str) -> str:
    """The keyed index of an account's (normalised) phone number."""
    return blind_index(phone, PHONE_PURPOSE)


class OrganisationKind(models.TextChoices):
    DP3AKB = "dp3akb", _("DP3AKB")
    UPTD_PPA = "uptd_ppa", _("UPTD PPA")
    KELURAHAN_OFFICE = "kelurahan_office", _("Kantor kelurahan")
    KECAMATAN_OFFICE = "kecamatan_office", _("Kantor kecamatan")
    RT_BOARD = "rt_board", _("Pengurus RT")
    FP2ATBM_CITY = "fp2atbm_city", _("FP2ATBM kota")
    FP2ATBM_CHAPTER = "fp2atbm_chapter", _("FP2ATBM kelurahan")
    FORUM_ANAK = "forum_anak", _("Forum Anak")
    PUSKESMAS = "puskesmas", _("Puskesmas")
    HOSPITAL = "hospital", _("Rumah sakit")
    SCHOOL = "school", _("Sekolah")
    POLICE = "police", _("Unit PPA Kepolisian")
    SOCIAL_SERVICE = "social_service", _("Dinas Sosial")
    LEGAL_AID = "legal_aid", _("Bantuan hukum")
    SHELTER = "shelter", _("Rumah aman / shelter")
    RELIGIOUS = "religious", _("Lembaga keagamaan / kemasyarakatan")
    OTHER = "other", _("Lainnya")


PARTNER_KINDS: set[str] = {
    OrganisationKind.PUSKESMAS,
    OrganisationKind.HOSPITAL,
    OrganisationKind.SCHOOL,
    OrganisationKind.POLICE,
    OrganisationKind.SOCIAL_SERVICE,
    OrganisationKind.LEGAL_AID,
    OrganisationKind.SHELTER,
    OrganisationKind.RELIGIOUS,
    OrganisationKind.OTHER,
}

# What a membership of each role must be anchored to: the organisation kinds it may belong to
# (empty: none needed) and the area kinds its own area may be (empty: none needed).
ROLE_ANCHORS: dict[str, tuple[set[str], set[str]]] = {
    Role.CITY_ADMIN: ({OrganisationKind.DP3AKB}, set()),
    Role.UPTD_HEAD: ({OrganisationKind.UPTD_PPA}, set()),
    Role.CASE_MANAGER: ({OrganisationKind.UPTD_PPA}, set()),
    Role.KECAMATAN_OFFICER: (set(), {AreaKind.KECAMATAN}),
    Role.KELURAHAN_OFFICER: (set(), {AreaKind.KELURAHAN}),
    Role.RT_OFFICER: (set(), {AreaKind.RT}),
    Role.ACTIVIST: ({OrganisationKind.FP2ATBM_CITY, OrganisationKind.FP2ATBM_CHAPTER}, set()),
    Role.PARTNER_OFFICER: (PARTNER_KINDS, set()),
    Role.TASKFORCE_MEMBER: (set(), {AreaKind.CITY}),
    Role.ANALYST: (set(), {AreaKind.CITY, AreaKind.PROVINCE}),
    # The province's account verifies one city's evaluation: a membership per city.
    Role.KLA_VERIFIER: (set(), {AreaKind.CITY}),
    # The ministry's analyst, at the national area only: a country scope reaches the whole
    # country from whatever area it is read, so no other anchor may hold it.
    Role.NATIONAL_ANALYST: (set(), {AreaKind.COUNTRY}),
}


class Organisation(models.Model):
    name = models.CharField(_("nama"), max_length=160)
    kind = models.CharField(_("jenis"), max_length=20, choices=OrganisationKind.choices)
    area = models.ForeignKey(
        Area, models.PROTECT, related_name="organisations", verbose_name=_("wilayah layanan")
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="area__code", organisation="pk")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        constraints = [
            models.UniqueConstraint(fields=["name", "area"], name="organisation_unique_name_area")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_area_code(self) -> str:
        return self.area.code


class PersonAccessPaths(AccessPaths):
    """A person lies in every area where they hold (or held) a membership."""

    def area_q(self, code: str) -> Q:
        anchored = within(code, "area__code") | within(code, "organisation__area__code")
        return Q(pk__in=Membership.objects.filter(anchored).values("person_id"))

    def organisation_q(self, organisation_id: int) -> Q:
        members = Membership.objects.filter(organisation_id=organisation_id)
        return Q(pk__in=members.values("person_id"))


class Person(AbstractUser):
    """Somebody who signs in to Jaga. Victims and other people in a case file are not Persons:
    they live, encrypted, in the case records."""

    # An account holder's name and phone identify them as much as a victim's do (an RT officer
    # invited from a Seksi PPA, whose member record keeps them encrypted): encrypted here too.
    full_name = EncryptedTextField(_("nama lengkap"))
    # Normalised to +62…; signing in accepts the phone number in place of the username, found
    # through its keyed index (unique: one account per number).
    phone = EncryptedTextField(_("nomor HP"), blank=True)
    phone_index = models.CharField(
        max_length=32, unique=True, null=True, blank=True, editable=False
    )
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = PersonAccessPaths()

    class Meta:
        ordering = ["username"]
        verbose_name = _("orang")
        verbose_name_plural = _("orang")

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        # The lookup index follows the number wherever it is set (services, admin, demo), so
        # sign-in by phone never misses an account nor finds a stale one.
        self.phone_index = index_of_phone(self.phone) if self.phone else None
        if kwargs.get("update_fields") is not None and "phone" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "phone_index"}
        super().save(*args, **kwargs)

    @property
    def audit_area_code(self) -> str:
        first = self.memberships.select_related("area", "organisation__area").first()
        return first.scope_area.code if first else ""


class ActiveMembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=timezone.now()))


class Membership(models.Model):
    """A role a person holds within an organisation and/or an area. The scope area is the
    membership's own area, else its organisation's."""

    person = models.ForeignKey(
        Person, models.CASCADE, related_name="memberships", verbose_name=_("orang")
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisasi"),
    )
    area = models.ForeignKey(
        Area,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("wilayah"),
    )
    started_at = models.DateTimeField(_("mulai"), default=timezone.now)
    ended_at = models.DateTimeField(_("berakhir"), null=True, blank=True)
    granted_by = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diberikan oleh"),
    )

    objects = ActiveMembershipQuerySet.as_manager()
    access = AccessPaths(area_code=("area__code", "organisation__area__code"))

    class Meta:
        ordering = ["person", "role"]
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(area__isnull=False),
                name="membership_has_organisation_or_area",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"

    @property
    def scope_area(self) -> Area:
        # Every membership has an area or an organisation (ROLE_ANCHORS, checked on save).
        if self.area_id:
            return cast(Area, self.area)
        return cast(Organisation, self.organisation).area

    @property
    def is_active(self) -> bool:
        return self.ended_at is None or self.ended_at > timezone.now()


class VolunteerRecord(models.Model):
    """A volunteer of a group. Name and phone identify a person: stored encrypted, the phone
    also as a blind index (``phone_index``, the registry's own purpose) so that duplicates
    and invitations are found without decrypting. The subclass adds its group, ``position``
    and ``person`` (the account made from the record, if any), and ``trainings``."""

    name = EncryptedTextField(_("nama"))
    phone = EncryptedTextField(_("nomor HP"))  # normalised +628…
    phone_index = models.CharField(max_length=32, editable=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    is_demo = models.BooleanField(_("data demo"), default=False)

    # Declared by each subclass: the account made from the record, its trainings.
    person: Any
    person_id: int | None
    trainings: Any

    class Meta:
        abstract = True
