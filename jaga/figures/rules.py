"""Who sees which figures. Dashboards show counts only (no identity), so every role that
follows the network's work sees them for its own area; the SIMFONI-PPA export is a list of
victims, so identity columns need a rule of their own."""

from django.utils.translation import gettext_lazy as _

from jaga.access.policy import Scope, register
from jaga.access.roles import Role
from jaga.core.navigation import Action, add_action

register(
    "figures.view",
    _("Melihat dasbor angka kasus (agregat, tanpa identitas) untuk wilayahnya"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.UPTD_HEAD: Scope.CITY,
        Role.CASE_MANAGER: Scope.CITY,
        Role.KECAMATAN_OFFICER: Scope.KECAMATAN,
        Role.KELURAHAN_OFFICER: Scope.KELURAHAN,
        Role.ANALYST: Scope.PROVINCE,
        Role.TASKFORCE_MEMBER: Scope.CITY,
        Role.NATIONAL_ANALYST: Scope.COUNTRY,
    },
)
register(
    "figures.export_simfoni",
    _("Mengekspor data SIMFONI-PPA (satu baris per korban; tanpa identitas kecuali berhak)"),
    {
        Role.CITY_ADMIN: Scope.CITY,
        Role.UPTD_HEAD: Scope.CITY,
        Role.CASE_MANAGER: Scope.CITY,
        Role.ANALYST: Scope.PROVINCE,
    },
)
register(
    "figures.export_simfoni_identity",
    _("Menyertakan identitas korban dalam ekspor SIMFONI-PPA (kasus yang boleh dilihat)"),
    {Role.CITY_ADMIN: Scope.CITY, Role.CASE_MANAGER: Scope.CASE_TEAM},
    identifying=True,
)
register(
    "figures.download_simfoni",
    _("Mengunduh sekali berkas ekspor SIMFONI-PPA yang diminta sendiri"),
    {
        Role.CITY_ADMIN: Scope.OWN,
        Role.UPTD_HEAD: Scope.OWN,
        Role.CASE_MANAGER: Scope.OWN,
        Role.ANALYST: Scope.OWN,
    },
)

add_action(
    Action(
        "figures.view",
        "figures:dashboard",
        _("Angka kasus"),
        _("Kasus dan korban menurut bentuk, umur, wilayah; kecepatan dan mutu penanganan."),
        order=20,
    )
)
add_action(
    Action(
        "figures.export_simfoni",
        "figures:simfoni",
        _("Ekspor SIMFONI-PPA"),
        _("Satu baris per korban dalam kode nasional, dengan daftar data yang belum lengkap."),
        order=21,
    )
)
