"""The field-verification kit's page: the day's schedule of sites for everyone who sees the
round; DP3AKB adds a site, marks it ready or removes it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.access.policy import can
from jaga.core.forms import apply_errors
from jaga.kla import selectors
from jaga.kla.fieldkit import site_add, site_ready, site_remove
from jaga.kla.forms import SiteForm


@rule("kla.view")
@require_http_methods(["GET", "POST"])
def kit(request, pk):
    kla_round = selectors.round_get(request.user, pk)
    manage = can(request.user, "kla.manage", kla_round)
    form = None
    if manage:
        organisations, contacts = selectors.site_choices(kla_round)
        posted = request.POST if request.method == "POST" else None
        form = SiteForm(posted, organisations=organisations, contacts=contacts)
    elif request.method == "POST":
        selectors.round_managed(request.user, pk)  # refused: seen, not run
    if form is not None and form.is_bound and form.is_valid():
        try:
            site = site_add(kla_round=kla_round, **form.site_values())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Lokasi %(name)s ditambahkan.") % {"name": site.name})
            return redirect("kla:kit", pk=kla_round.pk)
    context = {
        "round": kla_round,
        "sites": selectors.sites_of(kla_round),
        "form": form,
        "manage": manage,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "kla/kit.html", context, status=status)


@rule("kla.manage")
@require_POST
def kit_site(request, pk, site_pk):
    """Mark a site ready (or not yet), or remove it."""
    kla_round = selectors.round_managed(request.user, pk)
    site = selectors.site_get(request.user, kla_round, site_pk)
    try:
        if request.POST.get("action") == "remove":
            site_remove(site=site)
        else:
            site_ready(site=site, ready=request.POST.get("ready") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("kla:kit", pk=kla_round.pk)
