from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jaga.access.paths import NATIONAL_CODE, AccessPaths, lies_within


class AreaKind(models.TextChoices):
    COUNTRY = "country", _("Nasional")
    PROVINCE = "province", _("Provinsi")
    CITY = "city", _("Kota/Kabupaten")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan/Desa")
    RW = "rw", _("RW")
    RT = "rt", _("RT")


NATIONAL_NAME = "Indonesia"

# How many dot-separated parts a Kemendagri code has at each level: an ancestor's code is a
# prefix of its descendants' codes, which makes "is this inside my area" a prefix test.
CODE_PARTS: dict[str, int] = {
    AreaKind.PROVINCE: 1,
    AreaKind.CITY: 2,
    AreaKind.KECAMATAN: 3,
    AreaKind.KELURAHAN: 4,
}


class Area(models.Model):
    """One administrative area. Above RT the code is the official Kemendagri code; an RW or RT
    code extends its kelurahan's code (``64.71.01.1001.005``), so it is unique and nests."""

    kind = models.CharField(_("jenis"), max_length=10, choices=AreaKind.choices)
    code = models.CharField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    # RW/RT number within its parent; empty above RW.
    number = models.PositiveSmallIntegerField(_("nomor"), null=True, blank=True)
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = AccessPaths(area_code="code")

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "kind", "number"],
                condition=Q(number__isnull=False),
                name="area_unique_number_in_parent",
            )
        ]

    def __str__(self) -> str:
        if self.kind == AreaKind.RT:
            return _("RT %(number)03d %(parent)s") % {
                "number": self.number or 0,
                "parent": self.parent.name if self.parent else "",
            }
        if self.kind == AreaKind.KELURAHAN:
            # The last code part starts with 1 for a kelurahan, 2 for a desa.
            label = _("Kelurahan") if self.code.rsplit(".", 1)[-1].startswith("1") else _("Desa")
            return f"{label} {self.name}"
        if self.kind in (AreaKind.KECAMATAN, AreaKind.RW):
            return f"{self.get_kind_display()} {self.name}"
        return self.name

    def ancestor_code(self, kind: str) -> str | None:
        """The code of this area's ancestor (or itself) at ``kind``, or None if above it. The
        national area is above every other kind: its code is never cut to a province's."""
        if kind == AreaKind.COUNTRY:
            return NATIONAL_CODE
        if self.code == NATIONAL_CODE:
            return None
        parts = CODE_PARTS.get(kind)
        if parts is None:
            return self.code if self.kind == kind else None
        split = self.code.split(".")
        return ".".join(split[:parts]) if len(split) >= parts else None

    @property
    def audit_area_code(self) -> str:
        return self.code

    def contains(self, other: "Area") -> bool:
        return lies_within(other.code, self.code)
