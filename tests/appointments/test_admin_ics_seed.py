import datetime as dt
import io

import pytest
from django.utils import timezone
from icalendar import Calendar

from appointments import seed as appointments_seed
from appointments import services
from appointments.ics import booking_ics_bytes, booking_uid
from appointments.models import Booking, Slot
from network import seed as network_seed
from network.models import OutgoingMail
from newcomers import seed as newcomers_seed
from tests.network.factories import CoordinatorFactory, UserFactory

from .factories import BookingFactory, SlotFactory, in_days

pytestmark = pytest.mark.django_db


def _event(data: bytes):
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    return event


def test_the_ics_holds_the_time_place_and_topic_and_cancels_the_same_entry():
    booking = BookingFactory(
        slot__starts_at=in_days(4, hour=10), slot__place_en="The library", topic="tax", note="Tax card"
    )
    event = _event(booking_ics_bytes(booking=booking, language="en"))
    assert str(event["uid"]) == booking_uid(booking)
    assert event.decoded("dtstart") == timezone.localtime(booking.slot.starts_at)
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=30)
    assert str(event["status"]) == "CONFIRMED"
    assert "Tax" in str(event["summary"]) and booking.slot.host.name in str(event["summary"])
    assert "The library" in str(event["location"]) and "Tax card" in str(event["description"])
    assert str(event["dtstart"].params.get("TZID")) == "Europe/Oslo"
    # The contact person's copy leaves out the note; the cancellation removes the same entry.
    assert "Tax card" not in str(_event(booking_ics_bytes(booking=booking, with_note=False))["description"])
    services.booking_cancel(user=booking.person, booking_id=booking.pk)
    booking.refresh_from_db()
    cancelled = _event(booking_ics_bytes(booking=booking, language="nb"))
    assert str(cancelled["uid"]) == booking_uid(booking) and str(cancelled["status"]) == "CANCELLED"
    assert "Skatt" in str(cancelled["summary"])


def test_a_video_meeting_has_its_link_as_location_and_in_the_confirmation():
    slot = SlotFactory(video=True)
    person = UserFactory(language="nb")
    booking = services.booking_create(user=person, slot_id=slot.pk, topic="other")
    assert str(_event(booking_ics_bytes(booking=booking))["location"]) == slot.video_link
    mail = OutgoingMail.objects.get(to=person.email)
    assert (
        slot.video_link in mail.body_text and "Samtalen din med kontaktpersonen er bestilt" in mail.body_text
    )


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_coordinator_sees_todays_meetings_with_names(client, language):
    today = BookingFactory(
        slot__starts_at=timezone.now() + dt.timedelta(minutes=5),
        person__first_name="Ana",
        person__last_name="Silva",
    )
    later = BookingFactory(slot__starts_at=in_days(3), person__first_name="Bo", person__last_name="Berg")
    client.force_login(CoordinatorFactory(is_superuser=True))
    page = client.get(f"/{language}/admin/appointments/booking/", {"when": "today"})
    html = page.content.decode()
    assert page.status_code == 200 and "Ana Silva" in html and "Bo Berg" not in html
    assert today.person.email not in html
    assert list(page.context["cl"].result_list) == [today]
    # The admin's front page links to the day's meetings.
    assert "/admin/appointments/booking/?when=today" in client.get(f"/{language}/admin/").content.decode()
    assert later in client.get(f"/{language}/admin/appointments/booking/").context["cl"].result_list
    for url in ("/en/admin/appointments/slot/", f"/en/admin/appointments/slot/{today.slot.pk}/change/"):
        assert client.get(url, {"when": "today"} if url.endswith("slot/") else {}).status_code == 200


def test_the_admin_actions_copy_times_and_cancel_and_say_so(client):
    slot = SlotFactory()
    booking = BookingFactory()
    client.force_login(CoordinatorFactory(is_superuser=True))
    response = client.post(
        "/en/admin/appointments/slot/",
        {"action": "copy_to_next_week", "_selected_action": [slot.pk]},
        follow=True,
    )
    assert "1 time added a week later." in response.content.decode()
    assert Slot.objects.filter(starts_at=slot.starts_at + dt.timedelta(days=7)).exists()
    response = client.post(
        "/en/admin/appointments/slot/", {"action": "unpublish", "_selected_action": [slot.pk]}, follow=True
    )
    assert "1 time hidden." in response.content.decode()
    slot.refresh_from_db()
    assert not slot.published
    response = client.post(
        "/en/admin/appointments/booking/", {"action": "cancel", "_selected_action": [booking.pk]}, follow=True
    )
    assert "1 meeting cancelled." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert OutgoingMail.objects.filter(key__contains=f":{booking.pk}:cancellation:").count() == 2


def test_the_demo_has_times_in_three_towns_and_two_bookings():
    network_seed.seed()
    newcomers_seed.seed()
    appointments_seed.seed(stdout=io.StringIO())
    count = Slot.objects.count()
    appointments_seed.seed(stdout=io.StringIO())  # a second run changes nothing
    assert Slot.objects.count() == count > 30
    assert set(Slot.objects.values_list("municipality__slug", flat=True)) == {
        "fredrikstad",
        "sarpsborg",
        "halden",
    }
    assert Slot.objects.filter(mode="video").exists()
    assert Booking.objects.active().count() == 2
    assert all(slot.starts_at > timezone.now() for slot in Slot.objects.all())


def test_a_booked_time_keeps_when_and_where_in_the_admin(client):
    """The person was told the time and place with an .ics: the admin cannot move it under them."""
    booking = BookingFactory(slot__starts_at=in_days(5, hour=10))
    free = SlotFactory(starts_at=in_days(6, hour=10))
    client.force_login(CoordinatorFactory(is_superuser=True))
    booked_page = client.get(f"/en/admin/appointments/slot/{booking.slot.pk}/change/").content.decode()
    assert 'name="starts_at_0"' not in booked_page and 'name="municipality"' not in booked_page
    assert "This time is booked, so when and where it is cannot change here." in booked_page
    free_page = client.get(f"/en/admin/appointments/slot/{free.pk}/change/").content.decode()
    assert 'name="starts_at_0"' in free_page and "This time is booked" not in free_page
    # a forged POST with another time changes nothing of the booked one
    before = booking.slot.starts_at
    client.post(
        f"/en/admin/appointments/slot/{booking.slot.pk}/change/",
        {
            "starts_at_0": "2030-01-01",
            "starts_at_1": "10:00",
            "published": "on",
            "note_nb": "",
            "note_en": "",
        },
    )
    booking.slot.refresh_from_db()
    assert booking.slot.starts_at == before


def test_a_desk_time_without_a_place_is_a_form_error_in_the_admin(client):
    slot = SlotFactory()
    client.force_login(CoordinatorFactory(is_superuser=True))
    local = timezone.localtime(in_days(9, hour=11))
    response = client.post(
        "/en/admin/appointments/slot/add/",
        {
            "starts_at_0": local.strftime("%d.%m.%Y"),
            "starts_at_1": local.strftime("%H:%M"),
            "duration_minutes": "30",
            "mode": "desk",
            "municipality": slot.municipality.pk,
            "host": slot.host.pk,
            "published": "on",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Say where the meeting at the welcome desk is." in page
    assert Slot.objects.count() == 1
