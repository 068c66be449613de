from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class CodeList(models.TextChoices):
    """The code lists of SIMFONI-PPA (``reference/simfoni_codes.csv``), the six UPTD PPA
    services (``reference/uptd_ppa_services.csv``) and the KLA evaluation's clusters and 24
    indicators (``reference/kla_indicators.csv``; an indicator's ``note`` is its cluster)."""

    VIOLENCE_FORM = "violence_form", _("Bentuk kekerasan")
    PLACE = "place", _("Tempat kejadian")
    AGE_GROUP = "age_group", _("Kelompok umur")
    SEX = "sex", _("Jenis kelamin")
    RELATIONSHIP = "relationship", _("Hubungan pelaku dengan korban")
    EDUCATION = "education", _("Pendidikan")
    OCCUPATION = "occupation", _("Pekerjaan")
    SERVICE = "service", _("Layanan")
    UPTD_SERVICE = "uptd_service", _("Layanan UPTD PPA")
    KLA_CLUSTER = "kla_cluster", _("Klaster KLA")
    KLA_INDICATOR = "kla_indicator", _("Indikator KLA")


class CodeQuerySet(models.QuerySet):
    def of(self, code_list: str) -> "CodeQuerySet":
        return self.filter(list=code_list)


class Code(models.Model):
    """One entry of a national code list, loaded from the reference files (never retyped), so
    what Jaga records matches SIMFONI-PPA exports."""

    list = models.CharField(_("daftar"), max_length=20, choices=CodeList.choices)
    code = models.CharField(_("kode"), max_length=40)
    label_id = models.CharField(_("label (Indonesia)"), max_length=120)
    label_en = models.CharField(_("label (Inggris)"), max_length=120)
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    objects = CodeQuerySet.as_manager()

    class Meta:
        ordering = ["list", "position"]
        verbose_name = _("kode")
        verbose_name_plural = _("kode")
        constraints = [models.UniqueConstraint(fields=["list", "code"], name="code_unique")]

    def __str__(self) -> str:
        return self.label_en if (get_language() or "").startswith("en") else self.label_id
