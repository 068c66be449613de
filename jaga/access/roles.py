"""The roles a person can hold (through a membership); each access rule grants some of them
a scope."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("Administrator kota (DP3AKB)")
    UPTD_HEAD = "uptd_head", _("Kepala UPTD PPA")
    CASE_MANAGER = "case_manager", _("Manajer kasus (UPTD PPA)")
    KECAMATAN_OFFICER = "kecamatan_officer", _("Petugas kecamatan")
    KELURAHAN_OFFICER = "kelurahan_officer", _("Petugas kelurahan")
    RT_OFFICER = "rt_officer", _("Petugas Seksi PPA RT")
    ACTIVIST = "activist", _("Aktivis FP2ATBM")
    PARTNER_OFFICER = "partner_officer", _("Petugas mitra")
    TASKFORCE_MEMBER = "taskforce_member", _("Anggota Gugus Tugas KLA")
    ANALYST = "analyst", _("Analis (data agregat)")
    KLA_VERIFIER = "kla_verifier", _("Verifikator KLA (provinsi)")
    NATIONAL_ANALYST = "national_analyst", _("Analis nasional (Kementerian PPPA)")
