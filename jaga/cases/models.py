from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.areas.models import Area
from jaga.codes.models import Code
from jaga.core.crypto import EncryptedTextField
from jaga.people.models import Organisation
from jaga.reports.models import Report, VictimKind, attachment_path


class CaseStatus(models.TextChoices):
    REPORTED = "reported", _("Dilaporkan")
    VERIFIED = "verified", _("Terverifikasi")
    ASSESSED = "assessed", _("Asesmen selesai")
    IN_SERVICE = "in_service", _("Dalam layanan")
    REFERRED = "referred", _("Dirujuk")
    MONITORING = "monitoring", _("Pemantauan")
    CLOSED = "closed", _("Ditutup (terminasi)")


S = CaseStatus
# The only moves a case may make. Closing is allowed from any open step (a victim may decline
# services, a report may prove unfounded after outreach); reopening returns to assessment.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.REPORTED: (S.VERIFIED, S.CLOSED),
    S.VERIFIED: (S.ASSESSED, S.CLOSED),
    S.ASSESSED: (S.IN_SERVICE, S.REFERRED, S.CLOSED),
    S.IN_SERVICE: (S.REFERRED, S.MONITORING, S.CLOSED),
    S.REFERRED: (S.IN_SERVICE, S.MONITORING, S.CLOSED),
    S.MONITORING: (S.IN_SERVICE, S.CLOSED),
    S.CLOSED: (S.ASSESSED,),
}


class CaseAccessPaths(AccessPaths):
    """The case team is reached through a subquery, so filtering by it never repeats a case
    once per team member."""

    def team_q(self, person_id: int) -> Q:
        prefix = self.team or ""
        teams = CaseMember.objects.filter(person_id=person_id, removed_at__isnull=True)
        return Q(**{f"{prefix}pk__in": teams.values("case_id")})


class Case(models.Model):
    """A case file (kasus) opened from a triaged report. Only a few de-identified facts live
    here; people are ``CasePerson`` rows with encrypted identities."""

    number = models.CharField(_("nomor kasus"), max_length=20, unique=True)
    report = models.OneToOneField(
        Report,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="case",
        verbose_name=_("laporan"),
    )
    rt = models.ForeignKey(Area, models.PROTECT, related_name="cases", verbose_name=_("RT"))
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.REPORTED
    )
    is_urgent = models.BooleanField(_("mendesak"), default=False)
    violence_forms = models.ManyToManyField(
        Code, related_name="+", verbose_name=_("bentuk kekerasan")
    )
    place = models.ForeignKey(
        Code, models.PROTECT, related_name="+", verbose_name=_("tempat kejadian")
    )
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="managed_cases",
        verbose_name=_("manajer kasus"),
    )
    opened_at = models.DateTimeField(_("dibuka"), default=timezone.now)
    # When the case was reported: its report's arrival, else its opening. Kept on the case
    # (set once, on the first save) so figures select a period through an index instead of
    # computing it for every case of the area.
    reported_at = models.DateTimeField(_("dilaporkan"), db_index=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    # Optimistic locking: every change bumps the version; a save based on an older one is
    # refused with who changed it and when.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("diubah"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = CaseAccessPaths(area_code="rt__code")

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        # The case list's order (urgent first, newest first): a page is read off the index
        # instead of sorting every case.
        indexes = [
            models.Index(
                F("is_urgent").desc(), F("opened_at").desc(), F("id").desc(), name="case_list_order"
            )
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        if self.reported_at is None:
            self.reported_at = self.report.received_at if self.report else self.opened_at
        super().save(*args, **kwargs)

    @property
    def audit_area_code(self) -> str:
        return self.rt.code

    @property
    def allowed_statuses(self) -> list[str]:
        return list(TRANSITIONS[self.status])


class MemberRole(models.TextChoices):
    MANAGER = "manager", _("Manajer kasus")
    COMPANION = "companion", _("Pendamping (FP2ATBM)")
    PSYCHOLOGIST = "psychologist", _("Psikolog")
    LEGAL = "legal", _("Pendamping hukum")
    PARTNER = "partner", _("Petugas mitra")
    # The head of the UPTD PPA that took the case over from another city: approvals and
    # warnings of the case go to them (see ``case_heads``), not to the city it came from.
    SUPERVISOR = "supervisor", _("Kepala UPTD PPA penerima")
    OTHER = "other", _("Lainnya")


class CaseMember(models.Model):
    """Someone on the case team: the only people (with the city administrator, on a logged
    reason) who see the identities in the case."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="members", verbose_name=_("kasus"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="case_memberships",
        verbose_name=_("orang"),
    )
    role = models.CharField(_("peran dalam tim"), max_length=20, choices=MemberRole.choices)
    added_at = models.DateTimeField(_("ditambahkan"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(_("dikeluarkan"), null=True, blank=True)

    access = CaseAccessPaths(area_code="case__rt__code", team="case__")

    class Meta:
        ordering = ["added_at"]
        verbose_name = _("anggota tim kasus")
        verbose_name_plural = _("tim kasus")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=Q(removed_at__isnull=True),
                name="case_member_unique_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} — {self.person}"

    @property
    def audit_area_code(self) -> str:
        return self.case.rt.code


class PersonKind(models.TextChoices):
    VICTIM = "victim", _("Korban")
    PERPETRATOR = "perpetrator", _("Terduga pelaku")


class CasePerson(models.Model):
    """A victim or alleged perpetrator. Names, NIK, address, phone and exact birth date are
    encrypted; the SIMFONI-PPA facts (age group, sex, education...) are not, for figures."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="people", verbose_name=_("kasus"))
    kind = models.CharField(_("sebagai"), max_length=12, choices=PersonKind.choices)
    victim_kind = models.CharField(
        _("jenis korban"), max_length=10, choices=VictimKind.choices, blank=True
    )
    name = EncryptedTextField(_("nama"), blank=True)
    nik = EncryptedTextField(_("NIK"), blank=True)
    birth_date = EncryptedTextField(_("tanggal lahir"), blank=True)
    address = EncryptedTextField(_("alamat"), blank=True)
    phone = EncryptedTextField(_("nomor HP"), blank=True)
    nik_index = models.CharField(max_length=32, blank=True, db_index=True)
    name_birth_index = models.CharField(max_length=32, blank=True, db_index=True)
    age = models.PositiveSmallIntegerField(_("umur"), null=True, blank=True)
    age_group = models.ForeignKey(
        Code,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kelompok umur"),
    )
    sex = models.ForeignKey(Code, models.PROTECT, related_name="+", verbose_name=_("jenis kelamin"))
    education = models.ForeignKey(
        Code, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("pendidikan")
    )
    occupation = models.ForeignKey(
        Code, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("pekerjaan")
    )
    has_disability = models.BooleanField(_("penyandang disabilitas"), default=False)
    relationship = models.ForeignKey(
        Code,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hubungan dengan korban"),
    )
    added_at = models.DateTimeField(default=timezone.now)

    access = CaseAccessPaths(area_code="case__rt__code", team="case__")

    class Meta:
        ordering = ["kind", "added_at"]
        verbose_name = _("orang dalam kasus")
        verbose_name_plural = _("orang dalam kasus")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def audit_area_code(self) -> str:
        return self.case.rt.code


class NameToken(models.Model):
    """A keyed hash of one word of a named person's name (a victim or an alleged perpetrator):
    finds cases by any whole word of a name, in any case, without decrypting a row."""

    person = models.ForeignKey(CasePerson, models.CASCADE, related_name="name_tokens")
    case = models.ForeignKey(Case, models.CASCADE, related_name="+")
    digest = models.CharField(max_length=32, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "digest"], name="name_token_unique")
        ]

    def __str__(self) -> str:
        return f"token #{self.pk}"


class CaseService(models.Model):
    """A service given to the victim (SIMFONI-PPA service list), optionally by a partner."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="services", verbose_name=_("kasus"))
    service = models.ForeignKey(Code, models.PROTECT, related_name="+", verbose_name=_("layanan"))
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diberikan oleh"),
    )
    started_on = models.DateField(_("mulai"), default=timezone.localdate)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")

    def __str__(self) -> str:
        return str(self.service)


class EventKind(models.TextChoices):
    OPENED = "opened", _("Kasus dibuka")
    STATUS = "status", _("Status diubah")
    NOTE = "note", _("Catatan perkembangan")
    PERSON = "person", _("Orang ditambahkan")
    SERVICE = "service", _("Layanan ditambahkan")
    MEMBER = "member", _("Tim kasus diubah")
    CONSENT = "consent", _("Persetujuan dicatat")
    ATTACHMENT = "attachment", _("Lampiran ditambahkan")
    CHANGE = "change", _("Data kasus diubah")
    ASSESSMENT = "assessment", _("Asesmen dicatat")
    PLAN = "plan", _("Rencana layanan")
    APPROVAL = "approval", _("Persetujuan kepala UPTD PPA")
    TRANSFER = "transfer", _("Pengalihan kasus")
    FOLLOW_UP = "follow_up", _("Tindak lanjut / pemantauan")
    FLAG = "flag", _("Tanda kasus")
    # Recorded by an FP2ATBM activist on the team (jaga.forum keeps the visit's details).
    ACCOMPANIMENT = "accompany", _("Pendampingan FP2ATBM")


class CaseEvent(models.Model):
    """One dated step on the case timeline. Progress notes may name people: encrypted."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="events", verbose_name=_("kasus"))
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=EventKind.choices)
    from_status = models.CharField(max_length=12, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=CaseStatus.choices, blank=True)
    note = EncryptedTextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("langkah kasus")
        verbose_name_plural = _("linimasa kasus")

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}"


class ConsentGiver(models.TextChoices):
    VICTIM = "victim", _("Korban sendiri")
    GUARDIAN = "guardian", _("Orang tua / wali")
    EXCEPTION = "exception", _("Pengecualian: wali adalah terduga pelaku")


class ShareField(models.TextChoices):
    """What a partner may receive: kinds of data, not single columns."""

    IDENTITY = "identity", _("Identitas (nama, NIK, tanggal lahir)")
    CONTACT = "contact", _("Kontak (alamat, nomor HP)")
    CASE_FACTS = "case_facts", _("Fakta kasus (bentuk kekerasan, tempat, tanggal)")
    NOTES = "notes", _("Catatan perkembangan")


class Consent(models.Model):
    """A consent (persetujuan) on record: who gave it, for what, when; withdrawn, not deleted."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="consents", verbose_name=_("kasus"))
    given_by = models.CharField(_("diberikan oleh"), max_length=12, choices=ConsentGiver.choices)
    exception_reason = EncryptedTextField(_("alasan pengecualian"), blank=True)
    for_services = models.BooleanField(_("untuk layanan"), default=False)
    for_sharing = models.BooleanField(_("untuk berbagi data dengan mitra"), default=False)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("mitra yang disetujui")
    )
    shared_fields = models.JSONField(_("data yang boleh dibagikan"), default=list, blank=True)
    given_on = models.DateField(_("tanggal persetujuan"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(_("ditarik"), null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("persetujuan")
        verbose_name_plural = _("persetujuan")

    def __str__(self) -> str:
        return f"{self.case} {self.get_given_by_display()}"


class CaseAttachment(models.Model):
    """An image or PDF, checked by content, kept under MEDIA_ROOT and served only through the
    policy. The original file name may identify someone: encrypted."""

    case = models.ForeignKey(
        Case, models.CASCADE, related_name="attachments", verbose_name=_("kasus")
    )
    file = models.FileField(_("berkas"), upload_to=attachment_path)
    original_name = EncryptedTextField(_("nama berkas"), blank=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    access = CaseAccessPaths(area_code="case__rt__code", team="case__")

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self) -> str:
        return f"{self.case} lampiran #{self.pk}"

    @property
    def audit_area_code(self) -> str:
        return self.case.rt.code
