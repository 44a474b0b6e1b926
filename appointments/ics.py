"""A booked meeting as an iCalendar file, attached to its confirmation and cancellation mails.

Like the activities' files (events/ics.py): local times in Europe/Oslo with a VTIMEZONE, and a UID
made of the booking's id only, so the cancellation's file removes the entry the confirmation added.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from network.services import absolute_url

from .models import Booking

PRODID = "-//Expat network portal//Meetings//EN"


def booking_uid(booking: Booking) -> str:
    return f"appointment-{booking.pk}@{settings.ICS_UID_DOMAIN}"


def booking_location(booking: Booking) -> str:
    slot = booking.slot
    if slot.is_video:
        return slot.video_link
    return ", ".join(part for part in (slot.place, slot.municipality.name) if part)


def booking_ics_bytes(*, booking: Booking, language: str | None = None, with_note: bool = True) -> bytes:
    """One meeting; a cancelled booking is written as CANCELLED (calendars then remove it). The
    contact person's copy leaves out the person's note (`with_note=False`): mail about someone is
    kept after their erasure with their name taken out, and a free-text note cannot be."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    tz = timezone.get_default_timezone()
    slot = booking.slot
    stamp = timezone.now()
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        event = VEvent()
        event.add("uid", booking_uid(booking))
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(slot.starts_at, tz))
        event.add("dtend", timezone.localtime(slot.ends_at, tz))
        summary = _("Meeting with %(name)s: %(topic)s") % {
            "name": slot.host.name,
            "topic": booking.get_topic_display(),
        }
        event.add("summary", summary)
        url = absolute_url(reverse("appointments:mine"), language=language)
        description = "\n\n".join(
            part for part in (slot.note, booking.note if with_note else "", url) if part
        )
        event.add("description", description)
        event.add("url", url)
        event.add("location", booking_location(booking))
        cancelled = booking.status == Booking.Status.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("sequence", 1 if cancelled else 0)
        calendar.add_component(event)
        calendar.add_missing_timezones()
    return calendar.to_ical()
