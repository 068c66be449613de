"""The survey "Aku merasa aman?": a questionnaire kept as data, rounds, sessions and answers.

An answer (``Response`` and its ``Answer`` rows) holds only the session, the age band, the
sex when the child chose to say it, the values and the date. No time of day, no address, no
browser, no account; the keys are random UUIDs so that not even the order in which children
answered can be read back from the rows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import AccessPaths
from jaga.areas.models import Area
from jaga.people.models import Organisation


class AgeBand(models.TextChoices):
    YOUNGER = "8-12", _("8–12 tahun")
    OLDER = "13-17", _("13–17 tahun")


class Sex(models.TextChoices):
    GIRL = "p", _("Perempuan")
    BOY = "l", _("Laki-laki")
    UNSAID = "x", _("Tidak mau menyebut")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Skala empat wajah")
    CHOICE = "choice", _("Pilihan")


class Place(models.TextChoices):
    HOME = "home", _("Rumah")
    SCHOOL = "school", _("Sekolah")
    WAY = "way", _("Jalan ke sekolah")
    NEIGHBOURHOOD = "neighbourhood", _("Lingkungan sekitar rumah")
    ONLINE = "online", _("Dunia maya (internet)")


class ClassLevel(models.TextChoices):
    SD_LOW = "sd-3-4", _("SD kelas 3–4")
    SD_HIGH = "sd-5-6", _("SD kelas 5–6")
    SMP = "smp", _("SMP")
    SMA = "sma", _("SMA/SMK")
    MIXED = "mixed", _("Campuran / di luar sekolah")


class Questionnaire(models.Model):
    """A set of questions in two versions (8–12 and 13–17). The default one ships in
    ``jaga/reference/voice_questionnaire.json`` and is marked as Jaga's draft."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=160)
    is_draft = models.BooleanField(_("draf"), default=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kuesioner")
        verbose_name_plural = _("kuesioner")

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, models.CASCADE, related_name="questions", verbose_name=_("kuesioner")
    )
    age_band = models.CharField(_("kelompok umur"), max_length=5, choices=AgeBand.choices)
    number = models.PositiveSmallIntegerField(_("nomor"))
    code = models.SlugField(_("kode"), max_length=40)
    text = models.CharField(_("pertanyaan"), max_length=240)
    kind = models.CharField(_("jenis"), max_length=8, choices=QuestionKind.choices)
    place = models.CharField(_("tempat"), max_length=16, choices=Place.choices, blank=True)
    # [{"value": 1, "label": "...", "face": "..."}, ...] in the order shown.
    options = models.JSONField(_("pilihan jawaban"))
    # Values that show the help screen at once (e.g. "not safe at home", "someone hurts me").
    danger_values = models.JSONField(_("jawaban yang menampilkan bantuan"), default=list)
    # A place question whose top two faces count as "feels safe" in the headline figure.
    is_headline = models.BooleanField(_("masuk angka 'merasa aman'"), default=False)

    class Meta:
        ordering = ["questionnaire", "age_band", "number"]
        verbose_name = _("pertanyaan")
        verbose_name_plural = _("pertanyaan")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "age_band", "code"], name="question_unique_code"
            ),
            models.UniqueConstraint(
                fields=["questionnaire", "age_band", "number"], name="question_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def values(self) -> list[int]:
        return [option["value"] for option in self.options]


class Round(models.Model):
    """A survey round defined by DP3AKB (e.g. "Semester 1 2027") for one city."""

    name = models.CharField(_("nama putaran"), max_length=80)
    city = models.ForeignKey(Area, models.PROTECT, related_name="+", verbose_name=_("kota"))
    questionnaire = models.ForeignKey(
        Questionnaire, models.PROTECT, related_name="rounds", verbose_name=_("kuesioner")
    )
    opens_on = models.DateField(_("mulai"))
    closes_on = models.DateField(_("selesai"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dibuat oleh")
    )
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="city__code")

    class Meta:
        ordering = ["-opens_on"]
        verbose_name = _("putaran survei")
        verbose_name_plural = _("putaran survei")
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="round_unique_name"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="round_closes_after"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_area_code(self) -> str:
        return self.city.code


class SurveySession(models.Model):
    """One sitting of the survey (a class, a Forum Anak meeting): a short code children type
    in. It closes after its window, at its expected number of answers, or by hand."""

    round = models.ForeignKey(
        Round, models.PROTECT, related_name="sessions", verbose_name=_("putaran")
    )
    code = models.CharField(_("kode sesi"), max_length=8, unique=True)
    kelurahan = models.ForeignKey(
        Area, models.PROTECT, related_name="+", verbose_name=_("kelurahan")
    )
    school = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sekolah"),
    )
    place = models.CharField(_("tempat (bila bukan sekolah)"), max_length=120, blank=True)
    class_level = models.CharField(_("jenjang kelas"), max_length=8, choices=ClassLevel.choices)
    held_on = models.DateField(_("tanggal"))
    opens_at = models.DateTimeField(_("dibuka"), default=timezone.now)
    closes_at = models.DateTimeField(_("ditutup otomatis"))
    expected_answers = models.PositiveSmallIntegerField(_("jumlah anak yang diharapkan"))
    # Shown to the children on the help screen: the adult in the room they may talk to.
    helper_name = models.CharField(_("pendamping di ruangan"), max_length=80)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dibuka oleh")
    )
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="kelurahan__code", organisation="school_id", owner="opened_by")

    class Meta:
        ordering = ["-held_on", "-opens_at"]
        verbose_name = _("sesi survei")
        verbose_name_plural = _("sesi survei")

    def __str__(self) -> str:
        return f"{self.code} · {self.where}"

    @property
    def where(self) -> str:
        return self.school.name if self.school else self.place

    @property
    def audit_area_code(self) -> str:
        return self.kelurahan.code

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closed_at is None and self.opens_at <= now < self.closes_at


class Response(models.Model):
    """One child's answers. Deliberately nothing else: see the module docstring and
    ``tests/test_no_trace.py``, which fails if a field is added here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(SurveySession, models.PROTECT, related_name="responses")
    age_band = models.CharField(max_length=5, choices=AgeBand.choices)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNSAID)
    answered_on = models.DateField()
    on_paper = models.BooleanField(default=False)

    class Meta:
        default_permissions = ()  # no one lists single answers, not even in the admin

    def __str__(self) -> str:
        return str(_("jawaban anonim"))


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once"),
        ]

    def __str__(self) -> str:
        return str(_("jawaban anonim"))
