import pytest
from django.urls import reverse
from icalendar import Calendar

from events.models import CalendarToken, SignUp
from tests.network.factories import MunicipalityFactory, UserFactory

from .factories import CalendarTokenFactory, CategoryFactory, EventFactory, SignUpFactory

pytestmark = pytest.mark.django_db


def _summaries(response) -> set[str]:
    return {str(v["SUMMARY"]) for v in Calendar.from_ical(response.content).walk("VEVENT")}


def test_public_feed_filters_by_municipality_and_category(client):
    halden = MunicipalityFactory(slug="halden", name="Halden")
    sports = CategoryFactory(slug="sports")
    EventFactory(title_en="Football in Halden", municipality=halden, category=sports)
    EventFactory(title_en="Walk in Halden", municipality=halden)
    EventFactory(title_en="Football elsewhere", category=sports)
    response = client.get("/en/events/feeds/calendar.ics?municipality=halden&category=sports")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert _summaries(response) == {"Football in Halden"}
    assert _summaries(client.get("/en/events/feeds/calendar.ics?municipality=halden")) == {
        "Football in Halden",
        "Walk in Halden",
    }


def test_public_feed_ignores_invalid_filters(client):
    EventFactory(title_en="Any walk")
    response = client.get(
        "/en/events/feeds/calendar.ics?municipality=atlantis&date_from=yesterday&free_only=maybe"
    )
    assert response.status_code == 200
    assert _summaries(response) == {"Any walk"}
    # A NUL character is refused at the edge (network.middleware), for feeds as for pages.
    assert client.get("/en/events/feeds/calendar.ics?free_only=%00").status_code == 400


@pytest.mark.parametrize("count", [2, 20])
def test_feeds_use_a_constant_number_of_queries(client, django_assert_max_num_queries, count):
    token = CalendarTokenFactory()
    for event in EventFactory.create_batch(count):
        SignUpFactory(event=event, user=token.user)
    with django_assert_max_num_queries(4):
        assert client.get("/en/events/feeds/calendar.ics").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(f"/en/events/feeds/personal/{token.token}.ics").status_code == 200


def test_personal_feed_shows_only_the_owners_activities_in_their_language(client):
    token = CalendarTokenFactory(user=UserFactory(language="nb"))
    mine = EventFactory(title_nb="Min tur", title_en="My walk")
    SignUpFactory(event=mine, user=token.user)
    cancelled = EventFactory(title_en="Cancelled by me", title_nb="Avlyst av meg")
    SignUpFactory(event=cancelled, user=token.user, status=SignUp.Status.CANCELLED)
    SignUpFactory(event=EventFactory(title_en="Someone else's"), user=UserFactory())
    response = client.get(f"/en/events/feeds/personal/{token.token}.ics")
    assert response.status_code == 200
    # A sign-up the person cancelled stays, marked CANCELLED, so subscribed calendars drop it.
    assert _statuses(response) == {"Min tur": "CONFIRMED", "Avlyst av meg": "CANCELLED"}


def _statuses(response) -> dict[str, str]:
    return {str(v["SUMMARY"]): str(v["STATUS"]) for v in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_personal_feed_shows_a_waiting_list_place_as_tentative_and_cancelled_activities(client):
    """A place on the waiting list looked booked (STATUS:CONFIRMED) in the person's calendar."""
    token = CalendarTokenFactory(user=UserFactory(language="en"))
    full = EventFactory(title_en="Sauna evening", capacity=1)
    SignUpFactory(event=full)
    for n in range(3):
        SignUpFactory(event=full, status=SignUp.Status.WAITING, waitlist_position=n + 1)
    SignUpFactory(event=full, user=token.user, status=SignUp.Status.WAITING, waitlist_position=4)
    called_off = EventFactory(title_en="Kayak trip", status="cancelled")
    SignUpFactory(event=called_off, user=token.user)
    statuses = _statuses(client.get(f"/nb/events/feeds/personal/{token.token}.ics"))
    assert statuses == {"Sauna evening (waiting list #4)": "TENTATIVE", "Kayak trip": "CANCELLED"}


def test_unknown_token_is_404(client):
    assert client.get("/en/events/feeds/personal/not-a-token.ics").status_code == 404


def test_regenerating_revokes_the_old_address(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("events:feed_token_regenerate"))
    old = CalendarToken.objects.get(user=user).token
    assert client.get(f"/en/events/feeds/personal/{old}.ics").status_code == 200
    client.post(reverse("events:feed_token_regenerate"))
    new = CalendarToken.objects.get(user=user).token
    assert new != old
    assert client.get(f"/en/events/feeds/personal/{old}.ics").status_code == 404
    assert client.get(f"/en/events/feeds/personal/{new}.ics").status_code == 200


def test_revoking_switches_the_feed_off(client):
    token = CalendarTokenFactory()
    client.force_login(token.user)
    response = client.post(reverse("events:feed_token_revoke"))
    assert response.status_code == 302
    assert not CalendarToken.objects.filter(user=token.user).exists()
    assert client.get(f"/en/events/feeds/personal/{token.token}.ics").status_code == 404


def test_token_views_need_login_and_post(client):
    assert client.post(reverse("events:feed_token_regenerate")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("events:feed_token_regenerate")).status_code == 405


def test_my_activities_shows_the_subscription_box_in_both_languages(client):
    token = CalendarTokenFactory()
    client.force_login(token.user)
    html = client.get("/en/events/mine/").content.decode()
    assert "Your activities in your own calendar" in html
    assert f"/en/events/feeds/personal/{token.token}.ics" in html
    html = client.get("/nb/events/mine/").content.decode()
    assert "Aktivitetene dine i din egen kalender" in html


def test_public_feed_is_cached_until_an_activity_changes(client, django_assert_num_queries):
    from events.services import calendar_changed

    event = EventFactory(title_en="Harbour walk")
    url = "/en/events/feeds/calendar.ics"
    assert b"Harbour walk" in client.get(url).content
    with django_assert_num_queries(0):
        assert b"Harbour walk" in client.get(url).content
    event.title_en = "Fortress walk"
    event.save()
    calendar_changed()
    assert b"Fortress walk" in client.get(url).content
