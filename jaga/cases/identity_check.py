"""Does a text name someone Jaga protects? Asked of a document before it is kept outside
the case files (the KLA evaluation's evidence): appendices that list beneficiaries by name
are what public reviews found. Answered through the blind indexes only — a NIK's keyed hash
against those of case people and reports, the name words of a case's victims and alleged
perpetrators against their name tokens — so no record is decrypted and nothing about the
person found leaves this module: the caller learns which kind of identity was found, never
whose."""

import re
from collections import defaultdict
from enum import Enum

from django.db.models import Count

from jaga.cases.models import CasePerson, NameToken, PersonKind
from jaga.cases.services.people import NAME_PURPOSE
from jaga.core.crypto import blind_index, word_indexes
from jaga.core.identity import NIK_PURPOSE
from jaga.reports.models import Report

# Sixteen digits, also as people write them in groups ("6471 0101 0190 0001", dots, dashes).
DIGIT_RUN = re.compile(r"(?<![\d])\d+(?:[ .\-]\d+)*(?![\d])")
NIK_DIGITS = 16
# Keeps each IN (...) well under SQLite's and PostgreSQL's parameter limits.
CHUNK = 500


class Found(Enum):
    NIK = "nik"
    VICTIM_NAME = "victim_name"
    PERPETRATOR_NAME = "perpetrator_name"


def _chunks(values: list[str]) -> list[list[str]]:
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


def _niks(text: str) -> set[str]:
    found = set()
    for run in DIGIT_RUN.findall(text):
        digits = re.sub(r"\D", "", run)
        if len(digits) == NIK_DIGITS:
            found.add(digits)
    return found


def _known_nik(text: str) -> bool:
    digests = sorted(blind_index(nik, NIK_PURPOSE) for nik in _niks(text))
    for chunk in _chunks(digests):
        if CasePerson.objects.filter(nik_index__in=chunk).exists():
            return True
        if Report.objects.filter(victim_nik_index__in=chunk).exists():
            return True
    return False


def _named(text: str) -> PersonKind | None:
    """Whose name the text holds, if anyone's: a person is named when every word of their
    name is in the text (one shared first name is not a name) — their tokens found are
    counted against all their tokens. A victim is reported before a perpetrator."""
    digests = sorted(word_indexes(text, NAME_PURPOSE))
    matched: dict[int, int] = defaultdict(int)
    for chunk in _chunks(digests):
        rows = NameToken.objects.filter(digest__in=chunk).values("person_id")
        for row in rows.annotate(n=Count("pk")):
            matched[row["person_id"]] += row["n"]
    if not matched:
        return None
    totals = (
        NameToken.objects.filter(person_id__in=matched)
        .values("person_id", "person__kind")
        .annotate(n=Count("pk"))
    )
    kinds = {row["person__kind"] for row in totals if matched[row["person_id"]] >= row["n"]}
    return next((kind for kind in PersonKind if kind in kinds), None)


def identity_in(text: str) -> Found | None:
    """Which protected identity ``text`` holds, if any: a NIK of anyone in Jaga (a victim or
    alleged perpetrator of a case, a victim of a report) or the full name of a case's victim
    or alleged perpetrator."""
    if not text:
        return None
    if _known_nik(text):
        return Found.NIK
    named = _named(text)
    if named is None:
        return None
    return Found.VICTIM_NAME if named == PersonKind.VICTIM else Found.PERPETRATOR_NAME
