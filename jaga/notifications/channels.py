"""Delivery channels behind one small interface.

A channel is a class with a registry ``name``; ``send(message)`` returns when the provider
accepted the message and raises ``TransientError`` (try again later) or ``PermanentError``
(trying again cannot help). Adding SMS means writing one more class and registering it:
preferences store channel names, so no migration is needed.
"""

from __future__ import annotations

import hashlib
import json
import smtplib
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jaga.notifications.texts import absolute_link

if TYPE_CHECKING:
    from jaga.notifications.models import OutboxMessage


class DeliveryError(Exception):
    """A channel could not hand the message over. Its text must carry no personal details:
    it is stored on the message and shown to the city administrator."""


class TransientError(DeliveryError):
    """Worth another try later: network down, timeout, provider overloaded (429/5xx)."""


class PermanentError(DeliveryError):
    """Another try cannot help: address refused, request rejected, channel not configured."""


class Channel:
    name: ClassVar[str]
    label: ClassVar[str | Promise]
    external: ClassVar[bool] = True  # False: the in-app notification itself is the delivery

    def is_configured(self) -> bool:
        return True

    def address_for(self, person: Any) -> str:
        """Where this person is reached on this channel, from their account ("" if nowhere)."""
        return ""

    def send(self, message: OutboxMessage) -> None:
        raise NotImplementedError


CHANNELS: dict[str, Channel] = {}


def register_channel(channel_class: type[Channel]) -> type[Channel]:
    """Class decorator: make the channel available under its name."""
    CHANNELS[channel_class.name] = channel_class()
    return channel_class


def get_channel(name: str) -> Channel:
    try:
        return CHANNELS[name]
    except KeyError:
        raise PermanentError(f"unknown channel {name!r}") from None


def external_channels() -> list[Channel]:
    """The channels a person may opt into here: external and configured."""
    return [c for c in CHANNELS.values() if c.external and c.is_configured()]


@register_channel
class InAppChannel(Channel):
    name = "in_app"
    label = _("Di aplikasi")
    external = False

    def send(self, message: OutboxMessage) -> None:
        """Nothing to do: the Notification row written with the event is the delivery."""


@register_channel
class EmailChannel(Channel):
    name = "email"
    label = _("Email")

    def address_for(self, person: Any) -> str:
        return person.email or ""

    def send(self, message: OutboxMessage) -> None:
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "jaga.local"
        digest = hashlib.sha256(message.key.encode()).hexdigest()[:40]
        email = EmailMessage(
            subject=message.title,
            body=message.text,
            to=[message.address],
            # The same key gives the same Message-ID: a resend after a crash can be recognised.
            headers={"Message-ID": f"<{digest}@{domain}>", "X-Jaga-Key": digest},
        )
        if message.attachment_name:
            email.attach(message.attachment_name, message.attachment, message.attachment_type)
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentError("SMTP: recipient refused") from error
        except (smtplib.SMTPException, OSError) as error:
            raise TransientError(f"SMTP: {type(error).__name__}") from error


@register_channel
class WhatsAppChannel(Channel):
    """WhatsApp Business Cloud API: POST {base}/{version}/{phone_number_id}/messages."""

    name = "whatsapp"
    label = _("WhatsApp")

    def is_configured(self) -> bool:
        return bool(
            getattr(settings, "WHATSAPP_API_BASE", "")
            and getattr(settings, "WHATSAPP_TOKEN", "")
            and getattr(settings, "WHATSAPP_PHONE_NUMBER_ID", "")
        )

    def address_for(self, person: Any) -> str:
        return person.phone or ""

    def url(self) -> str:
        base = settings.WHATSAPP_API_BASE.rstrip("/")
        version = getattr(settings, "WHATSAPP_API_VERSION", "v23.0")
        return f"{base}/{version}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"

    @staticmethod
    def payload(message: OutboxMessage) -> dict[str, Any]:
        """A text message, or with ``WHATSAPP_TEMPLATE`` set an approved template whose body
        takes {{1}} title, {{2}} number, {{3}} link: WhatsApp accepts free text only within 24
        hours of the person's last message, so production needs the template."""
        payload: dict[str, Any] = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": message.address.lstrip("+"),
            # Returned in Meta's status webhooks: ties a delivery report to our message.
            "biz_opaque_callback_data": message.key[:512],
        }
        template = getattr(settings, "WHATSAPP_TEMPLATE", "")
        if not template:
            payload["type"] = "text"
            payload["text"] = {"preview_url": False, "body": message.text[:4096]}
            return payload
        values = [message.title, message.number or "-", absolute_link(message.link)]
        payload["type"] = "template"
        payload["template"] = {
            "name": template,
            "language": {"code": getattr(settings, "WHATSAPP_TEMPLATE_LANGUAGE", "id")},
            "components": [
                {"type": "body", "parameters": [{"type": "text", "text": v} for v in values]}
            ],
        }
        return payload

    def send(self, message: OutboxMessage) -> None:
        if not self.is_configured():
            raise PermanentError("WhatsApp is not configured")
        url = self.url()
        if not url.startswith(("https://", "http://")):
            raise PermanentError("WhatsApp base URL must be http(s)")
        request = urllib.request.Request(  # noqa: S310  (scheme checked above)
            url,
            data=json.dumps(self.payload(message)).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {settings.WHATSAPP_TOKEN}",
                "Content-Type": "application/json",
            },
        )
        timeout = getattr(settings, "WHATSAPP_TIMEOUT", 10)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                response.read()
        except urllib.error.HTTPError as error:
            raise _http_error(error) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise TransientError(f"WhatsApp: {type(error).__name__}") from error


def _http_error(error: urllib.error.HTTPError) -> DeliveryError:
    """Keep the status and Meta's numeric error code only: the body may echo the number."""
    try:
        code = json.loads(error.read() or b"{}").get("error", {}).get("code", "")
    except (ValueError, AttributeError, OSError):
        code = ""
    text = f"WhatsApp: HTTP {error.code}" + (f" (error {code})" if code else "")
    if error.code == 429 or error.code >= 500:
        return TransientError(text)
    return PermanentError(text)
