"""The one shape of a community volunteer registry: a Seksi PPA member of an RT, an FP2ATBM
activist of a kelurahan chapter. Each registry subclasses ``people.models.VolunteerRecord`` (its
group, its positions, its account link) and calls these writes with what differs — its messages, its
role and where that role holds — so both keep, train, end and invite volunteers the same way:
name and phone encrypted, the phone also as a blind index, audit events naming fields only."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django_stubs_ext import StrOrPromise

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.core.importer import RowChecker
from jaga.core.tabular import Row
from jaga.core.trainings import TrainingRecord, training_checked
from jaga.people.models import Person, VolunteerRecord
from jaga.people.phone import normalise_phone
from jaga.people.services import person_invite


def volunteer_phone(raw: str) -> str:
    """The phone normalised to +628…, its problem under the ``phone`` field."""
    try:
        return normalise_phone(raw)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from None


def volunteer_set_active(
    *, record: VolunteerRecord, active: bool, changed_by: Person | None
) -> bool:
    """Ends (or resumes) the volunteer's membership of their group, in the caller's
    transaction; the record and its trainings stay. Whether anything changed."""
    if record.is_active == active:
        return False
    record.is_active = active
    record.save(update_fields=["is_active"])
    audit_record(actor=changed_by, action=AuditAction.CHANGE, target=record, fields=["is_active"])
    return True


def volunteer_training_add(
    *,
    record: VolunteerRecord,
    title: str,
    held_on: Any,
    area_code: str,
    changed_by: Person | None,
    recorded_already: StrOrPromise,
) -> TrainingRecord:
    """Records a training the volunteer attended (checked by ``training_checked``), in the
    caller's transaction; the same training on the same day once (``recorded_already``)."""
    title, held_on = training_checked(title=title, held_on=held_on)
    if record.trainings.filter(title=title, held_on=held_on).exists():
        raise ValidationError({"title": recorded_already})
    training: TrainingRecord = record.trainings.create(title=title, held_on=held_on)
    audit_record(
        actor=changed_by,
        action=AuditAction.CREATE,
        target=training,
        area_code=area_code,
        fields=["title", "held_on"],
    )
    return training


def volunteer_invite(
    *,
    record: VolunteerRecord,
    username: str,
    role: str,
    invited_by: Person | None,
    not_active: StrOrPromise,
    has_account: StrOrPromise,
    **where: Any,
) -> Person:
    """Makes the volunteer's account in one step, in the caller's transaction: their name
    and phone, ``role`` at ``where`` (an area or an organisation). The caller shows the link
    from ``people.services.invitation_path``. Refuses inactive or already invited records
    (with ``not_active`` / ``has_account``)."""
    if not record.is_active:
        raise ValidationError(not_active)
    if record.person_id:
        raise ValidationError(has_account)
    person = person_invite(
        full_name=record.name,
        username=username,
        phone=record.phone,
        role=role,
        invited_by=invited_by,
        is_demo=record.is_demo,
        **where,
    )
    record.person = person
    record.save(update_fields=["person"])  # type: ignore[misc]  # each subclass's own field
    audit_record(actor=invited_by, action=AuditAction.CHANGE, target=record, fields=["person"])
    return person


# What a registry import changed, per group (an RT's section, a kelurahan's chapter): field
# names only.
Changes = dict[int, set[str]]
# A group written by an import: the record, its key in Changes, its area code.
Written = tuple[Any, int, str]


def registry_import(
    *,
    checker: RowChecker,
    rows: list[Row],
    write: Callable[[Changes], Iterable[Written]],
    imported_by: Person | None,
    reason: StrOrPromise,
) -> None:
    """A registry file, all or nothing: every row checked first (``ImportRejected`` with every
    problem, nothing written), then ``write`` records what changed and returns the groups it
    wrote; one audit event per group whose data changed (fields named, never values).
    Call inside the caller's transaction."""
    checker.check_all(rows)
    changes: Changes = defaultdict(set)
    for target, key, area_code in write(changes):
        if key in changes:
            audit_record(
                actor=imported_by,
                action=AuditAction.CHANGE,
                target=target,
                area_code=area_code,
                fields=changes[key],
                reason=str(reason),
            )
