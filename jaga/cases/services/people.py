"""The people of a case (victims, alleged perpetrators, family): their identities encrypted,
with blind indexes for search and name tokens for the duplicate check."""

import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from jaga.audit.models import AuditAction
from jaga.cases.models import Case, CasePerson, EventKind, NameToken, PersonKind
from jaga.cases.services.record import _audit, _event, _save_case, case_lock
from jaga.codes.models import Code, CodeList
from jaga.codes.selectors import age_group_for, codes_resolve
from jaga.core.checks import Problems, age_checked, check_nik, check_plain_text
from jaga.core.crypto import word_indexes
from jaga.core.identity import identity_indexes
from jaga.people.models import Person

NAME_PURPOSE = "victim.name_word"


def _stored(
    *, name: str, nik: str, birth_date: datetime.date | None, age: int | None, **values: Any
) -> dict[str, Any]:
    """A person's checked values as the model stores them: the identity as text (encrypted by
    its fields), the keyed lookup indexes of it, the age group derived from the age."""
    nik_index, name_birth_index = identity_indexes(name=name, nik=nik, birth_date=birth_date)
    return {
        **values,
        "name": name,
        "nik": nik,
        "birth_date": birth_date.isoformat() if birth_date else "",
        "age": age,
        "age_group": age_group_for(age) if age is not None else None,
        "nik_index": nik_index,
        "name_birth_index": name_birth_index,
    }


def _person_create(case: Case, **values: Any) -> CasePerson:
    person = CasePerson.objects.create(case=case, **_stored(**values))
    _name_tokens(person)
    return person


def _name_tokens(person: CasePerson) -> None:
    """A victim's or alleged perpetrator's name is found by any of its whole words (blind
    indexes, no decryption): the case search looks for victims, the check of documents
    leaving the case files for both."""
    if person.name:
        NameToken.objects.bulk_create(
            NameToken(person=person, case_id=person.case_id, digest=d)
            for d in word_indexes(person.name, NAME_PURPOSE)
        )


def _code_or_none(problems: Problems, field: str, code_list: str, value: str) -> Code | None:
    found = codes_resolve(problems, field, code_list, [value]) if value else []
    return found[0] if found else None


def _person_values(
    *,
    kind: str,
    sex: str,
    victim_kind: str = "",
    name: str = "",
    nik: str = "",
    birth_date: datetime.date | None = None,
    age: int | None = None,
    address: str = "",
    phone: str = "",
    education: str = "",
    occupation: str = "",
    has_disability: bool = False,
    relationship: str = "",
) -> dict[str, Any]:
    """A victim's or alleged perpetrator's values, checked (all problems at once) and ready
    to store: codes resolved, texts plain, the age checked against the kind of victim."""
    problems = Problems()
    if kind not in PersonKind.values:
        problems.add("kind", _("Pilih korban atau terduga pelaku."))
    if kind == PersonKind.VICTIM and victim_kind not in ("child", "woman"):
        problems.add("victim_kind", _("Pilih anak atau perempuan dewasa."))
    if kind == PersonKind.PERPETRATOR:
        victim_kind = ""
        if not relationship:
            problems.add("relationship", _("Pilih hubungan terduga pelaku dengan korban."))
    age = age_checked(
        problems,
        kind=victim_kind,
        age=age,
        birth_date=birth_date,
        age_field="age",
        birth_date_field="birth_date",
    )
    nik = problems.check("nik", check_nik, nik) or ""
    texts = {"name": name, "address": address, "phone": phone}
    clean = {f: problems.check(f, check_plain_text, v) or "" for f, v in texts.items()}
    codes = {
        "sex": _code_or_none(problems, "sex", CodeList.SEX, sex),
        "education": _code_or_none(problems, "education", CodeList.EDUCATION, education),
        "occupation": _code_or_none(problems, "occupation", CodeList.OCCUPATION, occupation),
        "relationship": _code_or_none(
            problems, "relationship", CodeList.RELATIONSHIP, relationship
        ),
    }
    if codes["sex"] is None and "sex" not in problems.errors:
        problems.add("sex", _("Pilih jenis kelamin."))
    problems.raise_any()
    return {
        "kind": kind,
        "victim_kind": victim_kind,
        "nik": nik,
        "birth_date": birth_date,
        "age": age,
        "has_disability": has_disability,
        **clean,
        **codes,
    }


IDENTITY_FIELDS = ("name", "nik", "birth_date", "address", "phone")


@transaction.atomic
def case_person_add(
    *, case: Case, by: Person, request: HttpRequest | None = None, **fields: Any
) -> CasePerson:
    """Add a victim or an alleged perpetrator (``fields`` as ``_person_values`` takes them).
    Identity is encrypted, the NIK and name are indexed for duplicate search, the age group
    is derived from the age. All checks first."""
    person = _person_create(case, **_person_values(**fields))
    _event(case, by, EventKind.PERSON, str(PersonKind(person.kind).label))
    filled = [f for f in IDENTITY_FIELDS if getattr(person, f)]
    _audit(by, AuditAction.CREATE, person, ["kind", "sex", "age", *filled], request)
    return person


@transaction.atomic
def case_person_update(
    *,
    person: CasePerson,
    by: Person,
    version: int,
    request: HttpRequest | None = None,
    **fields: Any,
) -> CasePerson:
    """Correct or complete a victim's or alleged perpetrator's data (what the SIMFONI-PPA
    export lists as missing, a mistyped NIK). Same checks as adding; refused when based on a
    stale version of the case; the lookup indexes follow the new identity; the audit names
    the fields that changed, never their values."""
    values = _stored(**_person_values(**fields))
    case = case_lock(case=person.case, version=version)
    person = CasePerson.objects.get(pk=person.pk, case=case)
    # The lookup indexes follow the identity; they are not fields anyone changed.
    changed = [f for f, v in values.items() if getattr(person, f) != v and "_index" not in f]
    if not changed:
        return person
    for field, value in values.items():
        setattr(person, field, value)
    person.save()
    person.name_tokens.all().delete()
    _name_tokens(person)
    _save_case(case, by, [])
    _event(case, by, EventKind.PERSON, _("Data orang diperbarui"))
    _audit(
        by, AuditAction.CHANGE, person, [f for f in changed if not f.endswith("_index")], request
    )
    return person
