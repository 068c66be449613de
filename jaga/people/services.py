"""Writes about organisations, people and their memberships. Each runs in one transaction and
leaves an audit event."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from jaga.access.policy import forget_memberships
from jaga.areas.models import Area
from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.people.models import ROLE_ANCHORS, Membership, Organisation, Person, index_of_phone
from jaga.people.phone import normalise_phone


def membership_validate(*, role: str, organisation: Organisation | None, area: Area | None) -> None:
    """A membership must be anchored where its role works (see ``ROLE_ANCHORS``)."""
    organisation_kinds, area_kinds = ROLE_ANCHORS[role]
    errors = {}
    if organisation_kinds and (organisation is None or organisation.kind not in organisation_kinds):
        errors["organisation"] = _("Peran ini harus terikat pada organisasi yang sesuai.")
    if area_kinds and (area is None or area.kind not in area_kinds):
        errors["area"] = _("Peran ini harus terikat pada wilayah yang sesuai.")
    if organisation is None and area is None:
        errors["area"] = _("Pilih organisasi atau wilayah.")
    if (
        organisation
        and area
        and not organisation.area.contains(area)
        and not area.contains(organisation.area)
    ):
        errors["area"] = _("Wilayah tidak cocok dengan wilayah layanan organisasi.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def membership_grant(
    *,
    person: Person,
    role: str,
    organisation: Organisation | None = None,
    area: Area | None = None,
    granted_by: Person | None = None,
) -> Membership:
    """Give ``person`` a role; refuses a role they already hold in the same place."""
    membership_validate(role=role, organisation=organisation, area=area)
    same = Membership.objects.active().filter(
        person=person, role=role, organisation=organisation, area=area
    )
    if same.exists():
        raise ValidationError(_("Orang ini sudah memegang peran tersebut di tempat yang sama."))
    membership = Membership.objects.create(
        person=person, role=role, organisation=organisation, area=area, granted_by=granted_by
    )
    forget_memberships(person)
    audit_record(
        actor=granted_by,
        action=AuditAction.CREATE,
        target=membership,
        area_code=membership.scope_area.code,
        fields=["role", "organisation", "area"],
    )
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, ended_by: Person) -> Membership:
    """End a membership now; the record stays for the history."""
    if not membership.is_active:
        raise ValidationError(_("Keanggotaan ini sudah berakhir."))
    membership.ended_at = timezone.now()
    membership.save(update_fields=["ended_at"])
    forget_memberships(membership.person)
    audit_record(
        actor=ended_by,
        action=AuditAction.CHANGE,
        target=membership,
        area_code=membership.scope_area.code,
        fields=["ended_at"],
    )
    return membership


@transaction.atomic
def person_invite(
    *,
    full_name: str,
    username: str,
    phone: str = "",
    email: str = "",
    role: str,
    organisation: Organisation | None = None,
    area: Area | None = None,
    invited_by: Person | None = None,
    is_demo: bool = False,
) -> Person:
    """Create an account without a usable password plus its first membership. The person sets
    their password through the link from ``invitation_path``."""
    errors = {}
    phone = phone.strip()
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as error:
            errors["phone"] = error.messages
        else:
            if Person.objects.filter(phone_index=index_of_phone(phone)).exists():
                errors["phone"] = [_("Nomor HP ini sudah dipakai akun lain.")]
    if Person.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("Nama pengguna ini sudah dipakai.")]
    if errors:
        raise ValidationError(errors)
    person = Person(
        full_name=full_name.strip(),
        username=username.strip(),
        phone=phone,
        email=email.strip(),
        is_demo=is_demo,
    )
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    membership = membership_grant(
        person=person, role=role, organisation=organisation, area=area, granted_by=invited_by
    )
    audit_record(
        actor=invited_by,
        action=AuditAction.CREATE,
        target=person,
        area_code=membership.scope_area.code,
        fields=["full_name", "username", "phone", "email"],
    )
    return person


def invitation_path(person: Person) -> str:
    """A one-time link (valid ``PASSWORD_RESET_TIMEOUT``) to set the first password."""
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    return reverse("activate", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def person_set_active(*, person: Person, active: bool, changed_by: Person) -> Person:
    """Deactivate (or reactivate) an account. A deactivated person can no longer sign in and
    their open sessions stop working at the next request."""
    if person.pk == changed_by.pk and not active:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    person.is_active = active
    person.save(update_fields=["is_active"])
    audit_record(actor=changed_by, action=AuditAction.CHANGE, target=person, fields=["is_active"])
    return person


@transaction.atomic
def organisation_save(
    *, organisation: Organisation, changed_by: Person | None, fields: list[str]
) -> Organisation:
    """Create or update an organisation after validating it."""
    adding = organisation._state.adding
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=changed_by,
        action=AuditAction.CREATE if adding else AuditAction.CHANGE,
        target=organisation,
        fields=fields,
    )
    return organisation
