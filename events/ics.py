"""Activities as iCalendar (RFC 5545) data, for "add to calendar", mail attachments and feeds.

Times are written in Europe/Oslo with a VTIMEZONE, so calendars show the local time the
organiser meant across daylight-saving changes. The UID depends only on the event's primary
key: a subscribed calendar updates the same entry when an activity is moved or cancelled.
"""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from network.services import absolute_url

from .models import Event, SignUp

PRODID = "-//Expat network portal//Activities//EN"


def event_uid(event: Event) -> str:
    # ICS_UID_DOMAIN is a setting, not the region's name: it stays as first deployed, or subscribed
    # calendars would show every activity twice.
    return f"event-{event.pk}@{settings.ICS_UID_DOMAIN}"


def _vevent(event: Event, *, stamp, signup: SignUp | None = None) -> VEvent:
    """One activity; with `signup` (a personal feed), as the person stands: a place on the waiting
    list is TENTATIVE and says so in the title, a cancelled sign-up or activity is CANCELLED."""
    tz = timezone.get_default_timezone()
    component = VEvent()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp)
    component.add("dtstart", timezone.localtime(event.starts_at, tz))
    component.add("dtend", timezone.localtime(event.ends_at, tz))
    waiting = signup is not None and signup.status == SignUp.Status.WAITING
    summary = event.title
    if waiting:
        summary = _("%(title)s (waiting list #%(position)s)") % {
            "title": event.title,
            "position": signup.waitlist_position,
        }
    component.add("summary", summary)
    language = f"{_('Language:')} {event.get_language_display()}"
    description = "\n\n".join(part for part in (event.summary, event.description, language) if part)
    url = absolute_url(reverse("events:detail", kwargs={"pk": event.pk}))
    component.add("description", f"{description}\n\n{url}".strip())
    component.add("url", url)
    location = ", ".join(part for part in (event.venue_name, event.address, event.municipality.name) if part)
    if location:
        component.add("location", location)
    if event.category_id:
        component.add("categories", [event.category.name])
    cancelled = event.status == Event.Status.CANCELLED or (
        signup is not None and signup.status == SignUp.Status.CANCELLED
    )
    component.add("status", "CANCELLED" if cancelled else "TENTATIVE" if waiting else "CONFIRMED")
    # SEQUENCE must grow when an entry changes; the modification time does that without a counter.
    component.add("sequence", int(event.updated_at.timestamp()) // 60 if event.updated_at else 0)
    component.add("last-modified", event.updated_at or stamp)
    return component


def calendar_ics_bytes(
    *, events: Iterable[Event], name: str, language: str | None = None, signups: dict | None = None
) -> bytes:
    """A calendar with one VEVENT per activity (callers select_related category and municipality).

    `signups` maps an event's id to the person's sign-up, for a personal feed.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    stamp = timezone.now()
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        for event in events:
            calendar.add_component(_vevent(event, stamp=stamp, signup=(signups or {}).get(event.pk)))
        calendar.add_missing_timezones()
    return calendar.to_ical()


def event_ics_bytes(*, event: Event, language: str | None = None) -> bytes:
    """One activity as a calendar file ("add to calendar", attached to the sign-up mails)."""
    return calendar_ics_bytes(events=[event], name=event.title, language=language)
