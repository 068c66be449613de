"""What a notification may say about its subject: its type, id, number and link, nothing else.

Records about victims are never read here beyond those four, so no name, NIK, address or
story can reach a message, a phone or a mail server.
"""

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _


def subject_reference(obj: Any, *, number_field: str = "number") -> dict[str, str]:
    """The keyword arguments of ``notify`` that point at ``obj``: ``subject_type``,
    ``subject_id``, ``number`` and ``link`` (its ``get_absolute_url()``)."""
    return {
        "subject_type": obj._meta.label_lower,
        "subject_id": str(obj.pk),
        "number": str(getattr(obj, number_field, "") or ""),
        "link": obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "",
    }


def absolute_link(link: str) -> str:
    return settings.SITE_URL.rstrip("/") + link if link else settings.SITE_URL


def external_text(*, title: str, number: str, link: str, urgent: bool) -> str:
    """The text of an email or WhatsApp message: the title, the case/report number and the link.
    The in-app body stays in Jaga, behind sign-in."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [(f"[{_('MENDESAK')}] " if urgent else "") + title]
        if number:
            lines.append(_("Nomor: %(number)s") % {"number": number})
        lines.append(_("Buka di Jaga: %(url)s") % {"url": absolute_link(link)})
    return "\n".join(lines)
