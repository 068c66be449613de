from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from jaga.access.decorators import rule
from jaga.access.policy import holds, memberships
from jaga.core.navigation import actions, home_panels
from jaga.home.forms import SignInForm


@rule("home.view")
@require_GET
def home(request):
    mine = [a for a in actions() if holds(request.user, a.rule)]
    panels = [p.template for p in home_panels() if holds(request.user, p.rule)]
    context = {"actions": mine, "panels": panels, "memberships": memberships(request.user)}
    return render(request, "core/home.html", context)


sign_in = rule("public.view")(
    auth_views.LoginView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True)
)
sign_out = rule("public.view")(auth_views.LogoutView.as_view())
activate = rule("public.view")(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="registration/activate.html",
        success_url=reverse_lazy("login"),
        post_reset_login=False,
    )
)
password_change = rule("account.manage")(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("home"))
)


@rule("public.view")
@require_GET
def health(request):
    """For a load balancer or uptime check: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@rule("public.view")
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links: send them to the static icon."""
    return redirect(static("jaga/favicon.ico"), permanent=True)
