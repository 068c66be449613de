"""Building blocks for case-management tests."""

from jaga.cases.models import Case
from jaga.casework.services.assessment import assessment_record

HIGH_RISK = {
    "needs": {"safety": "Tinggal serumah dengan terduga pelaku.", "health": "Luka memar."},
    "risk_level": "high",
    "risk_reasons": "Terduga pelaku masih serumah dan mengancam.",
    "wishes": "Ingin tinggal bersama nenek dan tetap sekolah.",
    "safety_contacts": "Nenek (081200000001), Seksi PPA RT 001, SAPA 129.",
    "safety_places": "Rumah nenek di RT 002; rumah aman UPTD PPA bila perlu.",
    "safety_rt": "Menjenguk setiap dua hari dan melapor bila pelaku datang.",
    "safety_companion": "Mendampingi ke puskesmas dan ke sekolah.",
}


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def assess(test, case: Case, by=None, **overrides):
    """A complete high-risk assessment of ``case`` by ``by`` (the case manager)."""
    case = fresh(case)
    values = {**HIGH_RISK, **overrides}
    return assessment_record(case=case, by=by or test.manager, version=case.version, **values)
