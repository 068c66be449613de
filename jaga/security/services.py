"""Writes for sign-in protection: two-factor enrolment and verification, recovery codes, an
administrator's unlock of a locked-out account or address; and publishing the audit chain's
signed checkpoints."""

import logging
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaga.audit.checkpoints import checkpoint_due, checkpoint_write, statement_of
from jaga.audit.models import AuditAction, AuditCheckpoint
from jaga.audit.services import audit_record
from jaga.notifications.services import outbox_to_address
from jaga.people.models import Person

logger = logging.getLogger("jaga.audit")

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
RECOVERY_NAME = "recovery"


def totp_device_pending(*, person: Person) -> TOTPDevice:
    """The person's authenticator app device awaiting its first code (created on first call);
    its secret is shown once at enrolment."""
    device = TOTPDevice.objects.filter(user=person, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=person, name=AUTHENTICATOR_NAME, confirmed=False
    )


@transaction.atomic
def two_factor_enrol(
    *, person: Person, device: TOTPDevice, token: str, request: HttpRequest | None = None
) -> list[str]:
    """Confirm the pending authenticator with a first valid code, replacing any earlier
    authenticator, and issue fresh recovery codes (returned once, never shown again).
    Raises ValidationError for a wrong code. Audited as a change of the person's account."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=person)
    if not device.verify_token(token.strip()):
        raise ValidationError(_("Kode salah atau sudah kedaluwarsa. Coba kode yang baru."))
    TOTPDevice.objects.filter(user=person).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_replace(person)
    audit_record(
        actor=person,
        action=AuditAction.CHANGE,
        target=person,
        fields=["two_factor"],
        request=request,
    )
    return codes


@transaction.atomic
def recovery_codes_issue(*, person: Person, request: HttpRequest | None = None) -> list[str]:
    """Replace the person's recovery codes with new ones (the old ones stop working)."""
    codes = _recovery_codes_replace(person)
    audit_record(
        actor=person,
        action=AuditAction.CHANGE,
        target=person,
        fields=["recovery_codes"],
        request=request,
    )
    return codes


def _recovery_codes_replace(person: Person) -> list[str]:
    StaticDevice.objects.filter(user=person, name=RECOVERY_NAME).delete()
    device = StaticDevice.objects.create(user=person, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def has_authenticator(person: Person) -> bool:
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


@transaction.atomic
def two_factor_check(
    *, person: Person, token: str, request: HttpRequest | None = None
) -> Device | None:
    """The confirmed device (authenticator or recovery codes) that accepts ``token``, or None.
    A recovery code is used up; failures slow further tries (django-otp's throttling) and are
    audited as failed sign-ins."""
    token = token.strip().replace(" ", "").lower()
    for device in devices_for_user(person, confirmed=True, for_verify=True):
        if token and device.verify_token(token):
            return device
    audit_record(
        actor=None,
        action=AuditAction.SIGN_IN_FAILED,
        target=person,
        fields=["two_factor"],
        request=request,
    )
    return None


@transaction.atomic
def two_factor_reset(*, actor: Person, person: Person, request: HttpRequest | None = None) -> None:
    """Remove a person's authenticator and recovery codes (a lost phone): they enrol again at
    their next sign-in. The caller has checked ``security.unlock`` on the person."""
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        target=person,
        fields=["two_factor"],
        request=request,
    )


@transaction.atomic
def lockout_clear_account(*, actor: Any, person: Person, request: HttpRequest | None = None) -> int:
    """Forget the failed sign-ins counted against an account (its lockout ends at once). The
    caller has checked ``security.unlock`` on the person."""
    count = AxesProxyHandler.reset_attempts(username=person.username)
    audit_record(
        actor=actor, action=AuditAction.CHANGE, target=person, fields=["lockout"], request=request
    )
    return count


@transaction.atomic
def lockout_clear_name(*, actor: Any, name: str, request: HttpRequest | None = None) -> int:
    """Forget the failures counted under a typed name that matches no account."""
    count = AxesProxyHandler.reset_attempts(username=name)
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        object_type="axes.accessattempt",
        object_id=name[:40],
        fields=["lockout"],
        request=request,
    )
    return count


@transaction.atomic
def lockout_clear_address(*, actor: Any, ip: str, request: HttpRequest | None = None) -> int:
    """Forget the failed sign-ins counted against a client address."""
    count = AxesProxyHandler.reset_attempts(ip_address=ip)
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        object_type="axes.accessattempt",
        object_id=ip,
        fields=["lockout"],
        request=request,
    )
    return count


def audit_checkpoint_publish(*, if_due: bool = False) -> AuditCheckpoint | None:
    """Sign a checkpoint of the audit chain (only when the schedule says one is due, with
    ``if_due``) and send its copy out of the database's reach: an e-mail to the DPO
    (``JAGA_DPO_EMAIL``) through the outbox, in the same transaction, and a line in the
    application log once committed. The line holds numbers and hashes only."""
    with transaction.atomic():
        if if_due and not checkpoint_due():
            return None
        checkpoint = checkpoint_write()
        line = statement_of(checkpoint).line()
        outbox_to_address(
            address=settings.DPO_EMAIL,
            kind="audit.checkpoint",
            title=_("Jaga: titik periksa jejak audit #%(seq)s") % {"seq": checkpoint.seq},
            text=_(
                "Simpan pesan ini di luar Jaga. Dengan salinan ini, `jaga audit-verify "
                "--checkpoints BERKAS` menemukan jejak audit yang ditulis ulang.\n\n%(line)s"
            )
            % {"line": line},
            key=f"audit-checkpoint:{checkpoint.pk}",
        )
        transaction.on_commit(lambda: logger.info(line))
    return checkpoint
