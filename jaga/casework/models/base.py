"""What every record of case management shares: it belongs to one case and is protected as
the case is."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jaga.cases.models import Case, CaseAccessPaths


class CaseRecord(models.Model):
    """A record of one case: protected as the case is (its area, its team)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="+", verbose_name=_("kasus"))
    is_demo = models.BooleanField(_("data demo"), default=False)

    access = CaseAccessPaths(area_code="case__rt__code", team="case__")

    class Meta:
        abstract = True

    @property
    def audit_area_code(self) -> str:
        return self.case.rt.code
