"""Writes about case files. Each runs in one transaction, checks everything before saving,
leaves a dated step on the case timeline and an audit event (field names only).

Changes to the case row itself (status, details) are optimistically locked: the caller passes
the ``version`` it showed, and a save based on an older version is refused, naming who changed
the case and when. Additions (people, services, notes, team, consent, files) never overwrite
anything and need no version."""

import datetime
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.access.policy import roles
from jaga.access.roles import Role
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.cases.hooks import TRANSITION_LISTENERS, transition_problems
from jaga.cases.models import (
    TRANSITIONS,
    Case,
    CaseAttachment,
    CaseEvent,
    CaseMember,
    CasePerson,
    CaseService,
    CaseStatus,
    Consent,
    ConsentGiver,
    EventKind,
    MemberRole,
    NameToken,
    PersonKind,
    ShareField,
    new_case_number,
)
from jaga.cases.signals import consent_withdrawn
from jaga.codes.models import Code, CodeList
from jaga.codes.selectors import age_group_for, codes_resolve
from jaga.core.checks import (
    Problems,
    age_checked,
    check_incident_date,
    check_nik,
    check_plain_text,
    check_upload,
    scrubbed_upload,
    today,
)
from jaga.core.crypto import word_indexes
from jaga.core.identity import identity_indexes
from jaga.people.models import Organisation, Person
from jaga.reports.models import Report, ReportStatus
from jaga.reports.services import report_set_status, report_take_for_case

NAME_PURPOSE = "victim.name_word"
TEAM_ROLES = {Role.CASE_MANAGER, Role.UPTD_HEAD, Role.ACTIVIST, Role.PARTNER_OFFICER}


def _event(case: Case, by: Any, kind: str, note: str = "", **statuses: str) -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=by, kind=kind, note=note, **statuses)


def _audit(
    by: Any, action: str, target: Any, fields: Iterable[str], request: HttpRequest | None
) -> None:
    audit_record(actor=by, action=action, target=target, fields=fields, request=request)


def case_lock(*, case: Case, version: int | None) -> Case:
    """The case re-read under a row lock. When ``version`` is given and the case has moved on
    since, refuses with who changed it and when (in WITA)."""
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("rt", "updated_by")
        .get(pk=case.pk)
    )
    if version is not None and locked.version != version:
        raise ValidationError(
            _(
                "Kasus ini telah diubah oleh %(who)s pada %(when)s WITA. Muat ulang halaman, "
                "lalu ulangi perubahan Anda."
            )
            % {
                "who": locked.updated_by or _("orang lain"),
                "when": timezone.localtime(locked.updated_at).strftime("%d-%m-%Y %H:%M"),
            },
            code="stale",
        )
    return locked


def _save_case(case: Case, by: Any, fields: list[str]) -> None:
    case.version += 1
    case.updated_at = timezone.now()
    case.updated_by = by
    case.save(update_fields=[*fields, "version", "updated_at", "updated_by"])


@transaction.atomic
def case_open(*, report: Report, by: Person, request: HttpRequest | None = None) -> Case:
    """Open a case from an untriaged report: the report moves to "being handled", ``by``
    becomes the case manager and first team member, and the report's victim (if named)
    becomes the case's first victim. Refuses a report already triaged."""
    report = report_take_for_case(report)
    case = Case.objects.create(
        number=new_case_number(timezone.localdate().year),
        report=report,
        rt=report.rt,
        is_urgent=report.is_urgent,
        place=report.place,
        incident_date=report.incident_date,
        manager=by,
        updated_by=by,
        is_demo=report.is_demo,
    )
    case.violence_forms.set(report.violence_forms.all())
    CaseMember.objects.create(case=case, person=by, role=MemberRole.MANAGER, added_by=by)
    if report.victim_name or report.victim_nik:
        birth = report.victim_birth_date
        _person_create(
            case,
            kind=PersonKind.VICTIM,
            victim_kind=report.victim_kind,
            name=report.victim_name,
            nik=report.victim_nik,
            birth_date=datetime.date.fromisoformat(birth) if birth else None,
            age=report.victim_age,
            sex=report.victim_sex,
            address=report.victim_address,
        )
    _event(case, by, EventKind.OPENED, to_status=case.status)
    _audit(by, AuditAction.CREATE, case, ["report", "manager", "rt", "violence_forms"], request)
    return case


def transition_problem(case: Case, to_status: str) -> str | None:
    """Why the case may not move to ``to_status`` now, or None if it may."""
    if to_status not in CaseStatus.values:
        return _("Status tujuan tidak dikenal.")
    allowed = TRANSITIONS[case.status]
    if to_status in allowed:
        return None
    return _(
        "Status kasus tidak dapat diubah dari “%(current)s” ke “%(target)s”. "
        "Dari status ini hanya dapat ke: %(allowed)s."
    ) % {
        "current": CaseStatus(case.status).label,
        "target": CaseStatus(to_status).label,
        "allowed": ", ".join(str(CaseStatus(s).label) for s in allowed),
    }


@transaction.atomic
def case_transition(
    *,
    case: Case,
    by: Person,
    to_status: str,
    version: int,
    note: str = "",
    request: HttpRequest | None = None,
) -> Case:
    """Move the case one allowed step (see ``TRANSITIONS``), with a timestamped timeline entry.
    Closing needs a reason; closing and reopening also move the report's status, which is
    all the reporter sees. Apps that build on cases add their own conditions and follow-up
    work through ``jaga.cases.hooks``."""
    problems = Problems()
    note = problems.check("note", check_plain_text, note) or ""
    case = case_lock(case=case, version=version)
    if problem := transition_problem(case, to_status):
        problems.add("to_status", problem)
    if to_status == CaseStatus.CLOSED and not note:
        problems.add("note", _("Tuliskan alasan penutupan kasus (terminasi)."))
    if "to_status" not in problems.errors:
        for field, message in transition_problems(case, to_status).items():
            problems.add(field, message)
    problems.raise_any()
    from_status = case.status
    case.status = to_status
    case.closed_at = timezone.now() if to_status == CaseStatus.CLOSED else None
    _save_case(case, by, ["status", "closed_at"])
    _event(case, by, EventKind.STATUS, note, from_status=from_status, to_status=to_status)
    if case.report is not None:
        report_status = (
            ReportStatus.CLOSED if to_status == CaseStatus.CLOSED else ReportStatus.HANDLING
        )
        report_set_status(report=case.report, status=report_status)
    for listener in TRANSITION_LISTENERS:
        listener(case, from_status, by)
    _audit(by, AuditAction.CHANGE, case, ["status"] + (["note"] if note else []), request)
    return case


@transaction.atomic
def case_record_change(
    *,
    case: Case,
    by: Person,
    version: int,
    urgent: bool | None = None,
    manager: Person | None = None,
) -> Case:
    """A change kept in another record of the case (an assessment, a plan, a flag …): refused
    when the case moved on since the form was opened, and it moves the case's version on, so
    a form opened before it is refused in turn. ``urgent=True`` marks the case urgent;
    ``manager`` hands the case to another case manager (the team follows in the caller)."""
    case = case_lock(case=case, version=version)
    fields = []
    if urgent is not None and case.is_urgent != urgent:
        case.is_urgent = urgent
        fields.append("is_urgent")
    if manager is not None and case.manager_id != manager.pk:
        case.manager = manager
        fields.append("manager")
    _save_case(case, by, fields)
    return case


@transaction.atomic
def case_update(
    *,
    case: Case,
    by: Person,
    version: int,
    place: str,
    violence_forms: Iterable[str],
    incident_date: datetime.date | None,
    request: HttpRequest | None = None,
) -> Case:
    """Change the case's SIMFONI-PPA facts; refused when based on a stale version."""
    problems = Problems()
    forms = codes_resolve(problems, "violence_forms", CodeList.VIOLENCE_FORM, violence_forms)
    if not forms and "violence_forms" not in problems.errors:
        problems.add("violence_forms", _("Pilih setidaknya satu bentuk kekerasan."))
    place_code = codes_resolve(problems, "place", CodeList.PLACE, [place])
    reported_on = timezone.localtime(case.report.received_at).date() if case.report else today()
    problems.check("incident_date", check_incident_date, incident_date, reported_on)
    problems.raise_any()
    case = case_lock(case=case, version=version)
    case.place = place_code[0]
    case.incident_date = incident_date
    _save_case(case, by, ["place", "incident_date"])
    case.violence_forms.set(forms)
    _event(case, by, EventKind.CHANGE)
    _audit(by, AuditAction.CHANGE, case, ["place", "incident_date", "violence_forms"], request)
    return case


@transaction.atomic
def case_note_add(
    *, case: Case, by: Person, note: str, request: HttpRequest | None = None
) -> CaseEvent:
    """A progress note (catatan perkembangan) on the timeline, encrypted at rest."""
    problems = Problems()
    note = problems.check("note", check_plain_text, note) or ""
    if not note and "note" not in problems.errors:
        problems.add("note", _("Catatan tidak boleh kosong."))
    problems.raise_any()
    event = _event(case, by, EventKind.NOTE, note)
    _audit(by, AuditAction.CHANGE, case, ["events.note"], request)
    return event


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
    """A victim's name is found by any of its whole words (blind indexes, no decryption)."""
    if person.kind == PersonKind.VICTIM and person.name:
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


@transaction.atomic
def case_service_add(
    *,
    case: Case,
    by: Person,
    service: str,
    organisation: Organisation | None = None,
    started_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> CaseService:
    """Record a service (SIMFONI-PPA list) given to the victim, optionally by a partner."""
    problems = Problems()
    code = _code_or_none(problems, "service", CodeList.SERVICE, service)
    if code is None and "service" not in problems.errors:
        problems.add("service", _("Pilih layanan."))
    started_on = started_on or today()
    if started_on > today():
        problems.add("started_on", _("Tanggal mulai layanan tidak boleh di masa depan."))
    problems.raise_any()
    assert code is not None  # a missing service was refused above
    given = CaseService.objects.create(
        case=case, service=code, organisation=organisation, started_on=started_on, added_by=by
    )
    _event(case, by, EventKind.SERVICE, str(code))
    _audit(by, AuditAction.CHANGE, case, ["services"], request)
    return given


@transaction.atomic
def case_member_add(
    *, case: Case, by: Person, person: Person, role: str, request: HttpRequest | None = None
) -> CaseMember:
    """Put someone on the case team (they then see the identities). Only active people who
    hold a role that works on cases may join, once."""

    if role not in MemberRole.values:
        raise ValidationError({"role": _("Pilih peran dalam tim.")})
    if not person.is_active or not roles(person) & TEAM_ROLES:
        raise ValidationError(
            {"person": _("Orang ini tidak memegang peran yang dapat bergabung dengan tim kasus.")}
        )
    if CaseMember.objects.filter(case=case, person=person, removed_at__isnull=True).exists():
        raise ValidationError({"person": _("Orang ini sudah menjadi anggota tim kasus.")})
    member = CaseMember.objects.create(case=case, person=person, role=role, added_by=by)
    _event(case, by, EventKind.MEMBER, str(MemberRole(role).label))
    _audit(by, AuditAction.CHANGE, case, ["members"], request)
    return member


@transaction.atomic
def case_member_remove(
    *, member: CaseMember, by: Person, request: HttpRequest | None = None
) -> CaseMember:
    """Take someone off the case team: from now on they see the case as outsiders do. The
    case manager stays (another manager is assigned by changing the case's manager)."""
    member = CaseMember.objects.select_for_update().select_related("case").get(pk=member.pk)
    if member.removed_at:
        raise ValidationError(_("Orang ini sudah dikeluarkan dari tim kasus."))
    if member.person_id == member.case.manager_id:
        raise ValidationError(_("Manajer kasus tidak dapat dikeluarkan dari tim."))
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    _event(member.case, by, EventKind.MEMBER, _("Anggota tim dikeluarkan"))
    _audit(by, AuditAction.CHANGE, member.case, ["members"], request)
    return member


@transaction.atomic
def consent_record(
    *,
    case: Case,
    by: Person,
    given_by: str,
    given_on: datetime.date,
    for_services: bool,
    for_sharing: bool,
    organisations: Iterable[Organisation] = (),
    shared_fields: Iterable[str] = (),
    exception_reason: str = "",
    request: HttpRequest | None = None,
) -> Consent:
    """Put a consent on record: who gave it (the victim, a parent/guardian, or an exception
    when the guardian is the alleged perpetrator, with its reason), for what, and when."""
    problems = Problems()
    organisations = list(organisations)
    shared_fields = list(dict.fromkeys(shared_fields))
    if given_by not in ConsentGiver.values:
        problems.add("given_by", _("Pilih siapa yang memberi persetujuan."))
    reason = problems.check("exception_reason", check_plain_text, exception_reason) or ""
    if given_by == ConsentGiver.EXCEPTION and not reason:
        problems.add("exception_reason", _("Tuliskan alasan pengecualian."))
    if given_on > today():
        problems.add("given_on", _("Tanggal persetujuan tidak boleh di masa depan."))
    if not for_services and not for_sharing:
        problems.add("for_services", _("Pilih untuk apa persetujuan diberikan."))
    if for_sharing and not organisations:
        problems.add("organisations", _("Pilih mitra yang boleh menerima data."))
    if for_sharing and not shared_fields:
        problems.add("shared_fields", _("Pilih data yang boleh dibagikan."))
    if unknown := [f for f in shared_fields if f not in ShareField.values]:
        problems.add("shared_fields", _("Jenis data tidak dikenal: %s.") % ", ".join(unknown))
    problems.raise_any()
    consent = Consent.objects.create(
        case=case,
        given_by=given_by,
        exception_reason=reason,
        for_services=for_services,
        for_sharing=for_sharing,
        shared_fields=shared_fields if for_sharing else [],
        given_on=given_on,
        recorded_by=by,
    )
    if for_sharing:
        consent.organisations.set(organisations)
    _event(case, by, EventKind.CONSENT)
    _audit(by, AuditAction.CHANGE, case, ["consents"], request)
    return consent


def consent_allows_sharing(case: Case, organisation: Organisation, fields: Iterable[str]) -> bool:
    """Whether a consent on record, not withdrawn, lets the case's data of every kind in
    ``fields`` (``ShareField`` values) go to ``organisation``. Read-only; the referrals work
    calls it before sending anything to a partner. No consent means no sharing."""
    wanted = set(fields)
    if not wanted <= set(ShareField.values):
        return False
    consents = Consent.objects.filter(
        case=case, for_sharing=True, withdrawn_at__isnull=True, organisations=organisation
    )
    return any(wanted <= set(c.shared_fields) for c in consents)


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, by: Person, request: HttpRequest | None = None
) -> Consent:
    """Withdraw a consent: kept for the record, no longer allows anything."""
    if consent.withdrawn_at:
        raise ValidationError(_("Persetujuan ini sudah ditarik."))
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    _event(consent.case, by, EventKind.CONSENT, _("Persetujuan ditarik"))
    _audit(by, AuditAction.CHANGE, consent.case, ["consent.withdrawn_at"], request)
    consent_withdrawn.send(sender=Consent, consent=consent, by=by)
    return consent


@transaction.atomic
def case_attachment_add(
    *, case: Case, by: Person, upload: IO[bytes], size: int, request: HttpRequest | None = None
) -> CaseAttachment:
    """Keep an image or PDF (content-checked, at most 10 MB) under MEDIA_ROOT with a random
    name; only the download view, through the policy, serves it."""
    problems = Problems()
    content_type = problems.check("file", check_upload, upload, size=size) or ""
    name = getattr(upload, "name", "") or "lampiran"
    problems.check("file", check_plain_text, name)
    problems.raise_any()
    stored = scrubbed_upload(upload, content_type, name)
    attachment = CaseAttachment(
        case=case, original_name=name, content_type=content_type, size=stored.size, uploaded_by=by
    )
    attachment.file.save(name, stored, save=False)
    attachment.save()
    _event(case, by, EventKind.ATTACHMENT)
    _audit(by, AuditAction.CREATE, attachment, ["file"], request)
    return attachment


@transaction.atomic
def case_reveal(*, case: Case, by: Person, reason: str, request: HttpRequest | None = None) -> None:
    """Record why someone outside the case team (the city administrator) opens the identities
    in a case. Without a reason of some substance nothing is revealed."""
    reason = check_plain_text(reason)
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Tuliskan alasan membuka identitas (setidaknya 10 karakter).")}
        )
    audit_record(
        actor=by,
        action=AuditAction.REVEAL,
        target=case,
        fields=["people.name", "people.nik", "people.birth_date", "people.address", "people.phone"],
        reason=reason,
        request=request,
    )
