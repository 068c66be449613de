"""Sign-in, failed sign-in and sign-out enter the audit trail. Django announces them only by
signal, so these thin receivers pass them on to the audit service."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from jaga.audit.models import AuditAction
from jaga.audit.services import audit_record
from jaga.people.backends import UsernameOrPhoneBackend


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    audit_record(actor=user, action=AuditAction.SIGN_IN, target=user, request=request)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=AuditAction.SIGN_OUT, target=user, request=request)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # The typed name is not stored (it may be a phone number); the account, if one matches, is.
    person = UsernameOrPhoneBackend.find(credentials.get("username") or "")
    audit_record(
        actor=None,
        action=AuditAction.SIGN_IN_FAILED,
        object_type=get_user_model()._meta.label_lower,
        object_id=person.pk if person else "",
        area_code=person.audit_area_code if person else "",
        request=request,
    )
