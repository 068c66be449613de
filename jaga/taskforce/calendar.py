"""Meetings as iCalendar (RFC 5545), built with the ``icalendar`` library: the attachment of an
invitation and the members' feed. The same UID every time, so a calendar updates a moved
meeting instead of adding a second one."""

from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from jaga.notifications.texts import absolute_link
from jaga.taskforce.models import Meeting


def meeting_calendar(meetings: Iterable[Meeting]) -> str:
    """The meetings as one VCALENDAR (times in WITA with its VTIMEZONE)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Jaga//Gugus Tugas KLA//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Rapat Gugus Tugas KLA"))
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", f"{meeting.uid}@jaga")
        event.add("dtstamp", meeting.invited_at or meeting.created_at)
        event.add("dtstart", timezone.localtime(meeting.starts_at))
        event.add("dtend", timezone.localtime(meeting.ends_at))
        event.add("summary", meeting.title)
        event.add("location", meeting.place or meeting.online_link)
        link = absolute_link(meeting.get_absolute_url())
        event.add("url", link)
        lines = [meeting.get_kind_display()]
        if meeting.online_link:
            lines.append(_("Tautan daring: %(link)s") % {"link": meeting.online_link})
        lines.append(_("Acara dan dokumen: %(link)s") % {"link": link})
        event.add("description", "\n".join(str(line) for line in lines))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()
