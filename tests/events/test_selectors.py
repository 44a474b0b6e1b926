import datetime as dt

import pytest
from django.utils import timezone

from events import selectors
from events.models import Event, SignUp
from tests.network.factories import MunicipalityFactory, UserFactory

from .factories import EventFactory, SignUpFactory

pytestmark = pytest.mark.django_db


def past_event(**kwargs):
    start = timezone.now() - dt.timedelta(days=10)
    return EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2), **kwargs)


def test_event_list_upcoming_filters_by_municipality_and_audience():
    here = MunicipalityFactory()
    soon = EventFactory(municipality=here, audience="newcomers")
    EventFactory(municipality=here, audience="companies")
    EventFactory(audience="newcomers")
    EventFactory(municipality=here, audience="newcomers", status=Event.Status.CANCELLED)
    past_event(municipality=here, audience="newcomers")

    found = selectors.event_list_upcoming(municipality_id=here.pk, audiences=["newcomers", "everyone"])

    assert found == [soon]
    assert found[0].seats_taken == 0


def test_signup_list_upcoming_for_user_skips_cancelled_and_past(django_assert_num_queries):
    user = UserFactory()
    upcoming = SignUpFactory(user=user)
    SignUpFactory(user=user, status=SignUp.Status.CANCELLED)
    SignUpFactory(user=user, event=past_event())
    SignUpFactory()

    with django_assert_num_queries(1):
        found = selectors.signup_list_upcoming_for_user(user=user)
        assert [s.event.title for s in found] == [upcoming.event.title]
    assert selectors.signup_list_upcoming_for_user(user=user, limit=0) == []


def test_attended_count_for_users_in_one_query(django_assert_num_queries):
    alice, bob, carol = UserFactory.create_batch(3)
    SignUpFactory(user=alice, event=past_event())  # confirmed, event over: counts
    SignUpFactory(user=alice, attended=True)  # marked attended
    SignUpFactory(user=alice, event=past_event(), attended=False)  # no-show
    SignUpFactory(user=bob, event=past_event(), status=SignUp.Status.CANCELLED)
    SignUpFactory(user=bob)  # upcoming, not yet attended

    with django_assert_num_queries(1):
        counts = selectors.attended_count_for_users(user_ids=[alice.pk, bob.pk, carol.pk])

    assert counts == {alice.pk: 2}


def test_event_list_filtered_annotates_seats():
    event = EventFactory(capacity=5)
    SignUpFactory(event=event, extra_adults=2)
    SignUpFactory(event=event, status=SignUp.Status.WAITING, waitlist_position=1)
    SignUpFactory(event=event, status=SignUp.Status.CANCELLED)

    found = selectors.event_list_filtered(filters={}).get(pk=event.pk)

    assert (found.seats_taken, found.seats_left, found.waiting_count) == (3, 2, 1)


def test_signups_due_for_reminder_are_confirmed_sign_ups_of_published_activities_in_the_window(settings):
    settings.EVENTS_REMINDER_HOURS = 24
    now = timezone.now()
    soon = EventFactory(starts_at=now + dt.timedelta(hours=5), ends_at=now + dt.timedelta(hours=7))
    due = SignUpFactory(event=soon)
    SignUpFactory(event=soon, status=SignUp.Status.WAITING, waitlist_position=1)
    SignUpFactory(event=EventFactory(starts_at=now + dt.timedelta(hours=30)))
    SignUpFactory(event=EventFactory(status=Event.Status.CANCELLED, starts_at=now + dt.timedelta(hours=2)))

    assert list(selectors.signups_due_for_reminder(now=now)) == [due]


def test_a_lost_calendar_version_never_comes_back_as_an_old_number():
    """A cache restarted or culled loses the version key: the next version must not be one that
    pages already cached may carry (a counter would start again at 1)."""
    from django.core.cache import cache

    from events.selectors import CACHE_VERSION_KEY, calendar_cache_version
    from events.services import calendar_cache_bump

    seen = {calendar_cache_version()}
    for _ in range(3):
        calendar_cache_bump()
        seen.add(calendar_cache_version())
    cache.delete(CACHE_VERSION_KEY)
    assert calendar_cache_version() not in seen
    assert len(seen) == 4
