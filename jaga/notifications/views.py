from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jaga.access.decorators import rule
from jaga.core.htmx import fragment, is_htmx
from jaga.notifications.forms import PreferenceForm
from jaga.notifications.selectors import (
    failed_message_get,
    failed_messages,
    notification_get,
    notification_list,
    preference_for,
    unread_count,
)
from jaga.notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    outbox_retry,
    preference_save,
)


@rule("notifications.inbox")
@require_GET
def inbox(request):
    unread_only = request.GET.get("belum") == "1"
    notifications = notification_list(request.user, unread_only=unread_only)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    context = {"page": page, "unread_only": unread_only, "unread": unread_count(request.user)}
    return render(request, "notifications/inbox.html", context)


@rule("notifications.inbox")
@require_GET
def open_notification(request, pk):
    """Follow a notification's link, marking it read on the way."""
    notification = notification_mark_read(notification=notification_get(request.user, pk))
    return redirect(notification.link or "notifications:inbox")


@rule("notifications.inbox")
@require_POST
def mark_read(request, pk):
    notification = notification_mark_read(notification=notification_get(request.user, pk))
    if is_htmx(request):
        return render(request, "notifications/_item.html", {"n": notification})
    return redirect("notifications:inbox")


@rule("notifications.inbox")
@require_POST
def mark_all_read(request):
    count = notifications_mark_all_read(person=request.user)
    messages.success(request, _("%(count)d notifikasi ditandai sudah dibaca.") % {"count": count})
    return redirect("notifications:inbox")


@fragment
@rule("notifications.inbox")
@require_GET
def badge(request):
    """The header link with the unread count (htmx loads and refreshes it)."""
    return render(request, "notifications/badge.html", {"unread": unread_count(request.user)})


@rule("notifications.preferences")
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = preference_for(request.user)
    initial = {
        "channels": current.channels,
        "quiet_start": current.quiet_start,
        "quiet_end": current.quiet_end,
    }
    form = PreferenceForm(request.POST or None, initial=initial, person=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            preference_save(person=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field, errors)
        else:
            messages.success(request, _("Pengaturan notifikasi disimpan."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@rule("notifications.outbox")
@require_GET
def failed(request):
    page = Paginator(failed_messages(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/failed.html", {"page": page})


@rule("notifications.outbox")
@require_POST
def retry(request, pk):
    message = failed_message_get(request.user, pk)
    outbox_retry(message=message, actor=request.user, request=request)
    messages.success(request, _("Pesan dimasukkan lagi ke antrean kirim."))
    return redirect("notifications:failed")
