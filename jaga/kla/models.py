"""The KLA evaluation as data: an instrument per evaluation year (indicators and their
question items, points and, where Jaga can know the answer, the computation that gives it),
and the city's rounds that answer it. The national list is being revised, so nothing of the
instrument is code: a new round copies the last instrument and the city edits it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.core.crypto import EncryptedTextField
from jaga.core.periods import Period
from jaga.taskforce.models import document_path


class Instrument(models.Model):
    year = models.PositiveSmallIntegerField(_("tahun evaluasi"), unique=True)
    title = models.CharField(_("judul"), max_length=160)
    # Jaga ships placeholder points: the ministry's weights are not public. The city says
    # when it has entered the official ones.
    points_official = models.BooleanField(_("bobot resmi sudah dimasukkan"), default=False)
    copied_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("instrumen evaluasi KLA")
        verbose_name_plural = _("instrumen evaluasi KLA")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(_("nomor"))
    cluster = models.CharField(_("klaster"), max_length=20)
    cluster_name = models.CharField(_("nama klaster"), max_length=120)
    name = models.CharField(_("indikator"), max_length=200)
    name_en = models.CharField(_("indikator (Inggris)"), max_length=200, blank=True)

    class Meta:
        ordering = ["instrument", "number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="kla_indicator_once")
        ]
        verbose_name = _("indikator KLA")
        verbose_name_plural = _("indikator KLA")

    def __str__(self) -> str:
        return f"{self.number}. {self.label}"

    @property
    def label(self) -> str:
        """The name in the page's language where the instrument has it (the list's English
        names come from the reference file; items and clusters are Indonesian only)."""
        english = (get_language() or "").startswith("en")
        return self.name_en if english and self.name_en else self.name


class AnswerKind(models.TextChoices):
    YES_NO = "yes_no", _("Ya / tidak")
    CHOICE = "choice", _("Pilihan bertingkat")
    NUMBER = "number", _("Angka")
    PERCENT = "percent", _("Persentase")
    DOCUMENT = "document", _("Dokumen")


class Item(models.Model):
    """One question. ``choices`` (graded answers) is a list of ``{"label", "points", "min"}``:
    a computed number picks the highest choice whose ``min`` it reaches. A number earns its
    points in proportion to ``target``."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="items")
    code = models.CharField(_("kode"), max_length=12)
    question = models.TextField(_("pertanyaan"))
    kind = models.CharField(_("jenis jawaban"), max_length=10, choices=AnswerKind.choices)
    max_points = models.PositiveSmallIntegerField(_("nilai maksimum"))
    choices = models.JSONField(_("pilihan"), default=list, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    evidence = models.CharField(_("bukti yang diminta"), max_length=300, blank=True)
    computation = models.CharField(_("dihitung dari Jaga"), max_length=60, blank=True)

    class Meta:
        ordering = ["indicator__number", "pk"]
        constraints = [models.UniqueConstraint(fields=["indicator", "code"], name="kla_item_once")]
        verbose_name = _("butir pertanyaan")
        verbose_name_plural = _("butir pertanyaan")

    def __str__(self) -> str:
        return f"{self.code} {self.question[:60]}"


class RoundStatus(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", _("Penilaian mandiri")
    SUBMITTED = "submitted", _("Dikirim")
    VERIFICATION = "verification", _("Verifikasi provinsi")
    FINAL = "final", _("Final")


class Round(models.Model):
    """A city's evaluation of one year. Its figures cover the calendar year before."""

    instrument = models.ForeignKey(Instrument, models.PROTECT, related_name="rounds")
    city = models.ForeignKey("areas.Area", models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RoundStatus.choices,
        default=RoundStatus.SELF_ASSESSMENT,
    )
    submitted_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    # The ministry's result, entered when the round is final (the public sees it).
    final_score = models.PositiveSmallIntegerField(_("nilai akhir"), null=True, blank=True)
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="city__code")

    class Meta:
        ordering = ["-instrument__year"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "city"], name="kla_round_once")
        ]
        verbose_name = _("putaran evaluasi KLA")
        verbose_name_plural = _("putaran evaluasi KLA")

    def __str__(self) -> str:
        return f"{self.city} {self.instrument.year}"

    def get_absolute_url(self) -> str:
        return reverse("kla:round", args=[self.pk])

    @property
    def year(self) -> int:
        return self.instrument.year

    @property
    def period(self) -> Period:
        """The evaluation of year Y looks at the calendar year before it."""
        return Period.year(self.year - 1)

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.SELF_ASSESSMENT

    @property
    def audit_area_code(self) -> str:
        return self.city.code


class Assignment(models.Model):
    """An indicator of a round given to its lead agency (a task-force member organisation),
    whose focal people answer its items."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="assignments")
    indicator = models.ForeignKey(Indicator, models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "people.Organisation", models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("tenggat"), null=True, blank=True)

    access = AccessPaths(area_code="round__city__code", organisation="organisation")

    class Meta:
        ordering = ["indicator__number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="kla_assignment_once")
        ]

    def __str__(self) -> str:
        return str(self.indicator)

    def get_absolute_url(self) -> str:
        return reverse("kla:indicator", args=[self.round_id, self.indicator.number])

    @property
    def audit_area_code(self) -> str:
        return self.round.city.code


class Answer(models.Model):
    """A round's answer to one item: ``value`` is "yes"/"no", the index of a choice or a
    number. A computed item's answer is written by the computation, not by a person."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, models.PROTECT, related_name="+")
    value = models.CharField(_("jawaban"), max_length=40)
    note = models.TextField(_("keterangan"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("dijawab"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "item"], name="kla_answer_once")]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.value}"


class Computed(models.Model):
    """What Jaga's own records say for a computed item, with its formula, period and the
    aggregates underneath (never a name). Refreshed on demand, frozen at submission."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="computed")
    item = models.ForeignKey(Item, models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=12, decimal_places=1)
    formula = models.CharField(max_length=300)
    period_start = models.DateField()
    period_end = models.DateField()
    figures = models.JSONField(default=list)  # [[label, number], ...] aggregates only
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "item"], name="kla_computed_once")]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.value}"


class Evidence(models.Model):
    """A document attached to a round's answer of one item (PDF, XLSX, DOCX, PNG, JPEG),
    read for NIKs and the names of victims and alleged perpetrators before it was kept
    (``jaga.cases.identity_check``).
    Kept under MEDIA_ROOT with a random name like every upload; what the uploader called it
    may identify someone: encrypted. Served only through the policy, audited."""

    assignment = models.ForeignKey(Assignment, models.CASCADE, related_name="evidence")
    item = models.ForeignKey(Item, models.PROTECT, related_name="+")
    file = models.FileField(_("berkas"), upload_to=document_path)
    original_name = EncryptedTextField(_("nama berkas"), blank=True)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    # The period the document covers, when it says: outside the round's it is stale.
    period_start = models.DateField(_("berlaku dari"), null=True, blank=True)
    period_end = models.DateField(_("berlaku sampai"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)

    access = AccessPaths(
        area_code="assignment__round__city__code", organisation="assignment__organisation"
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")

    def __str__(self) -> str:
        return f"{self.item.code} bukti #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("kla:evidence", args=[self.pk])

    @property
    def audit_area_code(self) -> str:
        return self.assignment.round.city.code


class Comment(models.Model):
    """A remark on one item of a round: the province's verifier asks, DP3AKB and the agency
    answer. Read like the round (``kla.view``); its text is checked for identities like any
    evidence, because it leaves the case files with the round."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="comments")
    item = models.ForeignKey(Item, models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    text = models.TextField(_("komentar"), max_length=2000)
    by_verifier = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("ditulis"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["round", "item"], name="kla_comment_item")]

    def __str__(self) -> str:
        return f"{self.item.code} komentar #{self.pk}"


class PackState(models.TextChoices):
    PENDING = "pending", _("Sedang disusun")
    READY = "ready", _("Siap diunduh")
    FAILED = "failed", _("Gagal disusun")


class EvidencePack(models.Model):
    """The round's evidence as one ZIP for the national application, built by a task: a
    folder per indicator and an index. Sealed at rest under a key of its own like every
    export; the latest pack of a round replaces the one before."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="packs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=8, choices=PackState.choices, default=PackState.PENDING)
    done = models.PositiveSmallIntegerField(default=0)  # indicators written so far
    total = models.PositiveSmallIntegerField(default=0)
    file_path = models.CharField(max_length=200, blank=True)
    file_key = EncryptedTextField(blank=True)
    size = models.PositiveIntegerField(default=0)

    access = AccessPaths(area_code="round__city__code")

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.round} paket bukti #{self.pk}"

    @property
    def audit_area_code(self) -> str:
        return self.round.city.code

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class SiteMode(models.TextChoices):
    ONSITE = "onsite", _("Dikunjungi langsung")
    VIDEO = "video", _("Siaran video langsung")


class VerificationSite(models.Model):
    """A stop of the field verification day (a PUSPAGA, the UPTD PPA, a child-friendly
    school, a puskesmas, the Forum Anak's breakout …): when, how, who is responsible and who
    to call, what the verifiers will ask there, and whether it is ready. The stops in time
    order are the day's schedule. The contact is an account, so no name is retyped here."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="sites")
    name = models.CharField(_("lokasi"), max_length=160)
    organisation = models.ForeignKey(
        "people.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penanggung jawab"),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("narahubung"),
    )
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    mode = models.CharField(_("cara"), max_length=8, choices=SiteMode.choices)
    asks = models.TextField(_("yang akan ditanyakan verifikator"), max_length=1000, blank=True)
    ready = models.BooleanField(_("siap"), default=False)

    access = AccessPaths(area_code="round__city__code")

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_area_code(self) -> str:
        return self.round.city.code
