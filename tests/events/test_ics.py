import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar

from events.ics import calendar_ics_bytes, event_ics_bytes
from events.models import Event

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def _parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_one_event_is_valid_icalendar_with_oslo_time_zone():
    start = timezone.make_aware(dt.datetime(2026, 12, 1, 18, 0))
    event = EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    data = event_ics_bytes(event=event, language="en")
    assert data.startswith(b"BEGIN:VCALENDAR")
    assert b"DTSTART;TZID=Europe/Oslo:20261201T180000" in data
    calendar = _parse(data)
    assert calendar["VERSION"] == "2.0"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title_en
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent.decoded("DTSTART") == start


def test_the_uid_is_stable_across_regeneration_and_edits():
    event = EventFactory()
    first = _parse(event_ics_bytes(event=event)).walk("VEVENT")[0]["UID"]
    event.title_en = "Changed"
    event.starts_at += dt.timedelta(hours=1)
    event.ends_at += dt.timedelta(hours=1)
    event.save()
    assert _parse(event_ics_bytes(event=event)).walk("VEVENT")[0]["UID"] == first
    assert str(first) == f"event-{event.pk}@{settings.ICS_UID_DOMAIN}"


def test_the_uid_domain_is_the_deployments_setting_not_the_regions_name(settings):
    settings.ICS_UID_DOMAIN = "sondreviken.expat-network"  # what the first deployment keeps
    event = EventFactory()
    assert str(_parse(event_ics_bytes(event=event)).walk("VEVENT")[0]["UID"]) == (
        f"event-{event.pk}@sondreviken.expat-network"
    )


def test_the_summary_follows_the_requested_language():
    event = EventFactory(title_nb="Byvandring", title_en="City walk")
    assert (
        str(_parse(event_ics_bytes(event=event, language="nb")).walk("VEVENT")[0]["SUMMARY"]) == "Byvandring"
    )
    assert (
        str(_parse(event_ics_bytes(event=event, language="en")).walk("VEVENT")[0]["SUMMARY"]) == "City walk"
    )


def test_a_cancelled_event_is_marked_cancelled():
    event = EventFactory(status=Event.Status.CANCELLED)
    assert _parse(event_ics_bytes(event=event)).walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_a_calendar_holds_one_vevent_per_event_and_one_vtimezone():
    events = EventFactory.create_batch(3)
    calendar = _parse(calendar_ics_bytes(events=events, name="All"))
    assert len(calendar.walk("VEVENT")) == 3
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert len({str(v["UID"]) for v in calendar.walk("VEVENT")}) == 3
