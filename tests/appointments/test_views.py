import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from appointments.models import Booking
from network.models import OutgoingMail, User
from tests.network.factories import CoordinatorFactory, UserFactory

from .factories import BookingFactory, SlotFactory

pytestmark = pytest.mark.django_db


def _url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"appointments:{name}", kwargs=kwargs or None)


def test_the_free_times_leave_out_booked_past_and_hidden_ones_in_both_languages(client):
    free = SlotFactory(place_en="The library", place_nb="Biblioteket")
    booked = BookingFactory().slot
    past = SlotFactory(starts_at=timezone.now() - dt.timedelta(hours=1))
    hidden = SlotFactory(published=False)
    client.force_login(UserFactory())
    page = client.get(_url("index"))
    assert page.status_code == 200
    offered = list(page.context["slots"])
    assert offered == [free] and booked not in offered and past not in offered and hidden not in offered
    assert "The library" in page.content.decode()
    nb = client.get(_url("index", "nb")).content.decode()
    assert "Biblioteket" in nb and "Bestill en samtale med kontaktpersonen" in nb


def test_the_free_times_filter_by_municipality_and_mode(client):
    desk = SlotFactory()
    video = SlotFactory(video=True)
    by_place = client.get(_url("index"), {"municipality": desk.municipality.slug})
    assert list(by_place.context["slots"]) == [desk]
    by_mode = client.get(_url("index"), {"mode": "video"})
    assert list(by_mode.context["slots"]) == [video]
    # A filter that is not a choice is ignored, not an error.
    assert client.get(_url("index"), {"mode": "teleport", "municipality": "atlantis"}).status_code == 200


def test_anonymous_visitors_see_the_times_and_are_asked_to_log_in_to_book(client):
    slot = SlotFactory()
    page = client.get(_url("index")).content.decode()
    assert reverse("account_login") in page and _url("book", pk=slot.pk) not in page
    response = client.get(_url("book", pk=slot.pk))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("kind", [User.Kind.HR, User.Kind.VOLUNTEER])
def test_other_roles_are_refused_booking_with_a_reason(client, kind):
    slot = SlotFactory()
    client.force_login(UserFactory(kind=kind))
    response = client.post(_url("book", pk=slot.pk), {"topic": "tax"})
    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_the_coordinator_is_refused_too(client):
    client.force_login(CoordinatorFactory())
    assert client.get(_url("mine")).status_code == 403


@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_newcomer_books_cancels_and_books_again(client, language):
    slot = SlotFactory()
    person = UserFactory(language=language)
    client.force_login(person)
    form = client.get(_url("book", language, pk=slot.pk))
    assert form.status_code == 200 and 'name="topic"' in form.content.decode()
    response = client.post(
        _url("book", language, pk=slot.pk), {"topic": "housing", "note": "A flat"}, follow=True
    )
    assert response.redirect_chain[-1][0] == _url("mine", language)
    booking = Booking.objects.get()
    assert (booking.person, booking.topic, booking.note) == (person, "housing", "A flat")
    assert OutgoingMail.objects.filter(to=person.email).count() == 1
    mine = response.content.decode()
    assert _url("cancel", language, pk=booking.pk) in mine
    response = client.post(_url("cancel", language, pk=booking.pk), follow=True)
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    expected = "Samtalen din er avlyst" if language == "nb" else "Your meeting is cancelled"
    assert expected in response.content.decode()
    # The time is free again, for them too.
    client.post(_url("book", language, pk=slot.pk), {"topic": "tax"})
    assert Booking.objects.active().get().slot == slot


def test_a_taken_time_is_a_clear_translated_refusal_not_an_error(client):
    slot = BookingFactory().slot
    client.force_login(UserFactory())
    page = client.get(_url("book", "nb", pk=slot.pk))
    assert page.status_code == 200 and "kan ikke lenger bestilles" in page.content.decode()
    response = client.post(_url("book", "nb", pk=slot.pk), {"topic": "tax"})
    assert response.status_code == 200
    assert "Noen har nettopp bestilt denne tiden" in str(response.context["form"].non_field_errors())


def test_a_past_time_is_refused_with_a_reason(client):
    slot = SlotFactory(starts_at=timezone.now() - dt.timedelta(minutes=5))
    client.force_login(UserFactory())
    response = client.post(_url("book", pk=slot.pk), {"topic": "tax"})
    assert response.status_code == 200
    assert "This time has passed" in str(response.context["form"].non_field_errors())
    assert not Booking.objects.exists()


def test_a_missing_topic_is_a_form_error(client):
    client.force_login(UserFactory())
    response = client.post(_url("book", pk=SlotFactory().pk), {"topic": "weather"})
    assert response.status_code == 200 and "topic" in response.context["form"].errors


@pytest.mark.parametrize("pk", [0, 999999, 2**40])
def test_forged_ids_are_404(client, pk):
    client.force_login(UserFactory())
    assert client.get(_url("book", pk=pk)).status_code == 404
    assert client.post(_url("cancel", pk=pk)).status_code == 404
    assert client.get(_url("move", pk=pk)).status_code == 404


def test_someone_elses_booking_is_a_404(client):
    booking = BookingFactory()
    client.force_login(UserFactory())
    assert client.post(_url("cancel", pk=booking.pk)).status_code == 404
    assert client.get(_url("move", pk=booking.pk)).status_code == 404
    assert client.post(_url("move", pk=booking.pk), {"slot": SlotFactory().pk}).status_code == 404
    booking.refresh_from_db()
    assert booking.is_active


def test_a_hidden_time_is_a_404(client):
    client.force_login(UserFactory())
    assert client.get(_url("book", pk=SlotFactory(published=False).pk)).status_code == 404


def test_moving_a_meeting_to_another_time(client):
    booking = BookingFactory()
    other = SlotFactory()
    client.force_login(booking.person)
    page = client.get(_url("move", pk=booking.pk))
    assert page.status_code == 200 and other in page.context["slots"]
    response = client.post(_url("move", pk=booking.pk), {"slot": other.pk})
    assert response.status_code == 302
    assert Booking.objects.active().get().slot == other


@pytest.mark.parametrize("slot", ["", "x", "0", str(10**30)])
def test_moving_to_no_or_a_forged_time_is_a_form_error(client, slot):
    booking = BookingFactory()
    client.force_login(booking.person)
    response = client.post(_url("move", pk=booking.pk), {"slot": slot})
    assert response.status_code == 200 and response.context["form"].errors
    assert Booking.objects.active().get() == booking


def test_moving_to_a_taken_time_keeps_the_meeting(client):
    booking = BookingFactory()
    taken = BookingFactory().slot
    client.force_login(booking.person)
    response = client.post(_url("move", pk=booking.pk), {"slot": taken.pk})
    assert "Someone has just booked" in response.content.decode()
    booking.refresh_from_db()
    assert booking.is_active


def test_a_cancelled_meeting_cannot_be_moved(client):
    booking = BookingFactory(status="cancelled", cancelled_at=timezone.now())
    client.force_login(booking.person)
    assert client.get(_url("move", pk=booking.pk)).status_code == 302


def test_a_partner_books_and_the_dashboard_shows_the_meeting(client):
    from tests.newcomers.factories import NewcomerProfileFactory

    profile = NewcomerProfileFactory()
    booking = BookingFactory(person=profile.user)
    client.force_login(profile.user)
    with translation.override("en"):
        dashboard = reverse("newcomers:dashboard")
    page = client.get(dashboard).content.decode()
    assert "Meet the contact person" in page and _url("mine") in page
    assert booking.get_topic_display() in page
    partner = UserFactory(kind=User.Kind.PARTNER)
    client.force_login(partner)
    # A partner's page (careers) has the panel too, through newcomers' partner-home hook.
    with translation.override("en"):
        careers = reverse("careers:home")
    assert "Meet the contact person" in client.get(careers).content.decode()
    assert client.post(_url("book", pk=SlotFactory().pk), {"topic": "partner_job"}).status_code == 302


def _many(count):
    for _ in range(count):
        BookingFactory()
        SlotFactory(video=True)


@pytest.mark.parametrize("count", [1, 15])
def test_the_free_times_have_a_query_budget(client, django_assert_max_num_queries, count):
    _many(count)
    client.force_login(UserFactory())
    with django_assert_max_num_queries(12):
        assert client.get(_url("index")).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_my_meetings_have_a_query_budget(client, django_assert_max_num_queries, count):
    person = UserFactory()
    for _ in range(count):
        BookingFactory(person=person)
        BookingFactory(person=person, status="cancelled", cancelled_at=timezone.now())
    client.force_login(person)
    with django_assert_max_num_queries(10):
        page = client.get(_url("mine"))
    assert len(page.context["upcoming"]) == count
