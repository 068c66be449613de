import ipaddress
from base64 import b32encode

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login

from jaga.access.decorators import rule
from jaga.access.policy import get_object
from jaga.core.htmx import is_fragment_url
from jaga.people.models import Person
from jaga.security import services
from jaga.security.forms import CodeForm, PersonForm
from jaga.security.selectors import UNKNOWN_NAME_PREFIX, lockouts_for


def _next_url(request) -> str:
    """Where the person goes after the second step: a page on this site, never a fragment
    (landing on the bare badge is what a redirected htmx request used to leave behind)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and not is_fragment_url(target) else "/"


@rule("account.manage")
def two_factor(request):
    """The second sign-in step: a code from the authenticator or a recovery code."""
    if not services.has_authenticator(request.user):
        setup = reverse("security:two_factor_setup")
        return redirect(f"{setup}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.two_factor_check(
            person=request.user, token=form.cleaned_data["code"], request=request
        )
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("Kode salah, sudah dipakai, atau sudah kedaluwarsa."))
    return render(request, "security/two_factor.html", {"form": form, "next": _next_url(request)})


@rule("account.manage")
def two_factor_setup(request):
    """Enrol an authenticator app. Replacing one needs the current second step first, so a
    stolen password alone cannot swap in the thief's phone."""
    user = request.user
    if services.has_authenticator(user) and not user.is_verified():
        return redirect("security:two_factor")
    device = services.totp_device_pending(person=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_enrol(
                person=user, device=device, token=form.cleaned_data["code"], request=request
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            device.refresh_from_db()
            otp_login(request, device)
            return _show_codes(request, codes)
    context = {
        "form": form,
        "next": _next_url(request),
        "secret": b32encode(device.bin_key).decode(),
        "uri": device.config_url,
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
    }
    return render(request, "security/two_factor_setup.html", context)


def _show_codes(request, codes: list[str]):
    context = {"codes": codes, "next": _next_url(request)}
    return render(request, "security/recovery_codes.html", context)


@rule("account.manage")
@require_POST
def recovery_codes(request):
    """New recovery codes, shown once; the old ones stop working."""
    if not request.user.is_verified():
        return redirect("security:two_factor")
    return _show_codes(request, services.recovery_codes_issue(person=request.user, request=request))


@rule("security.unlock")
@require_GET
def lockouts(request):
    accounts, addresses = lockouts_for(request.user)
    context = {
        "accounts": accounts,
        "addresses": addresses,
        "reset_form": PersonForm(),
        "unknown_prefix": UNKNOWN_NAME_PREFIX,
    }
    return render(request, "security/lockouts.html", context)


@rule("security.unlock")
@require_POST
def lockout_unlock(request):
    kind, key = request.POST.get("kind"), request.POST.get("key", "")
    if kind == "account":
        person = get_object(request.user, "security.unlock", Person.objects, username=key)
        services.lockout_clear_account(actor=request.user, person=person, request=request)
    elif kind == "name" and key.startswith(UNKNOWN_NAME_PREFIX):
        services.lockout_clear_name(actor=request.user, name=key, request=request)
    elif kind == "address" and _is_ip(key):
        services.lockout_clear_address(actor=request.user, ip=key, request=request)
    else:
        raise Http404
    messages.success(request, _("Kunci dibuka. Percobaan masuk dapat dilakukan lagi."))
    return redirect("security:lockouts")


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


@rule("security.unlock")
@require_POST
def two_factor_reset(request):
    """A lost phone: the person enrols a new authenticator at their next sign-in."""
    form = PersonForm(request.POST)
    if not form.is_valid():
        raise Http404
    username = form.cleaned_data["username"]
    person = get_object(request.user, "security.unlock", Person.objects, username=username)
    services.two_factor_reset(actor=request.user, person=person, request=request)
    messages.success(request, _("Verifikasi dua langkah %(name)s diatur ulang.") % {"name": person})
    return redirect("security:lockouts")
