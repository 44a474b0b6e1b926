import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from appointments import services, tasks
from appointments.models import Booking, Slot
from network.models import OutgoingMail, User
from tests.network.factories import ContactPersonFactory, CoordinatorFactory, RegionFactory, UserFactory

from .factories import BookingFactory, SlotFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals are matched in English here (the views' tests read them in Norwegian)."""
    with translation.override("en"):
        yield


def _book(user, slot, topic="permits", note=""):
    return services.booking_create(user=user, slot_id=slot.pk, topic=topic, note=note)


def _keys():
    return set(OutgoingMail.objects.values_list("key", flat=True))


def test_a_newcomer_books_a_time_and_both_get_the_confirmation_with_an_ics():
    slot = SlotFactory()
    person = UserFactory(language="en", first_name="Ana", last_name="Silva")
    booking = _book(person, slot, note="  My residence card  ")
    assert booking.status == Booking.Status.BOOKED and booking.note == "My residence card"
    mails = {mail.to: mail for mail in OutgoingMail.objects.all()}
    assert set(mails) == {person.email, slot.host.email}
    to_person, to_host = mails[person.email], mails[slot.host.email]
    assert to_person.language == "en" and "is booked" in to_person.body_text
    assert to_host.language == "nb" and "Ana Silva" in to_host.body_text
    for mail in (to_person, to_host):
        (attachment,) = mail.attachments
        assert attachment["mimetype"] == "text/calendar"


def test_a_partner_may_book_too():
    booking = _book(UserFactory(kind=User.Kind.PARTNER), SlotFactory())
    assert booking.pk


@pytest.mark.parametrize("kind", [User.Kind.HR, User.Kind.VOLUNTEER])
def test_other_roles_may_not_book(kind):
    with pytest.raises(PermissionDenied):
        _book(UserFactory(kind=kind), SlotFactory())


def test_a_booked_time_is_refused_to_the_next_person():
    slot = SlotFactory()
    _book(UserFactory(), slot)
    with pytest.raises(services.AppointmentError, match="Someone has just booked this time"):
        _book(UserFactory(), slot)
    assert Booking.objects.filter(slot=slot).count() == 1


def test_the_database_refuses_a_second_active_booking_of_a_time():
    booking = BookingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(slot=booking.slot, person=UserFactory(), topic="tax")
    # A cancelled booking does not hold the time.
    BookingFactory(slot=booking.slot, status=Booking.Status.CANCELLED, cancelled_at=timezone.now())


def test_a_past_time_an_unpublished_one_and_a_forged_id_are_refused():
    past = SlotFactory(starts_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(services.AppointmentError, match="has passed"):
        _book(UserFactory(), past)
    hidden = SlotFactory(published=False)
    with pytest.raises(services.AppointmentError, match="not offered"):
        _book(UserFactory(), hidden)
    with pytest.raises(services.AppointmentError, match="not offered"):
        services.booking_create(user=UserFactory(), slot_id=10**9, topic="tax")
    assert not Booking.objects.exists() and not OutgoingMail.objects.exists()


def test_an_unknown_topic_is_refused():
    with pytest.raises(services.AppointmentError, match="talk about"):
        _book(UserFactory(), SlotFactory(), topic="weather")


def test_two_meetings_at_the_same_time_and_more_than_three_are_refused():
    person = UserFactory()
    first = SlotFactory(starts_at=in_days(5, hour=10))
    # Another region's contact person, at a time that overlaps the first.
    other_host = ContactPersonFactory(region=RegionFactory(slug="other-region"), email="other@example.com")
    overlapping = SlotFactory(starts_at=first.starts_at + dt.timedelta(minutes=15), host=other_host)
    _book(person, first)
    with pytest.raises(services.AppointmentError, match="already have a meeting at that time"):
        _book(person, overlapping)
    for hour in (12, 13):
        _book(person, SlotFactory(starts_at=in_days(6, hour=hour)))
    with pytest.raises(services.AppointmentError, match="Cancel one to book another"):
        _book(person, SlotFactory(starts_at=in_days(7)))


def test_cancelling_frees_the_time_and_tells_both():
    booking = BookingFactory()
    services.booking_cancel(user=booking.person, booking_id=booking.pk)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and booking.cancelled_at
    assert {key.rsplit(":", 2)[1] for key in _keys()} == {"cancellation"}
    assert len(_keys()) == 2
    # The time is free again for someone else.
    assert _book(UserFactory(), booking.slot).pk != booking.pk
    with pytest.raises(services.AppointmentError, match="cancelled already"):
        services.booking_cancel(user=booking.person, booking_id=booking.pk)


def test_someone_elses_booking_cannot_be_cancelled_but_the_coordinator_can():
    booking = BookingFactory()
    with pytest.raises(services.AppointmentError, match="not yours"):
        services.booking_cancel(user=UserFactory(), booking_id=booking.pk)
    services.booking_cancel(user=CoordinatorFactory(), booking_id=booking.pk)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_a_passed_meeting_cannot_be_cancelled():
    booking = BookingFactory(slot__starts_at=timezone.now() - dt.timedelta(hours=2))
    with pytest.raises(services.AppointmentError, match="started or passed"):
        services.booking_cancel(user=booking.person, booking_id=booking.pk)


def test_moving_a_meeting_books_the_new_time_and_frees_the_old_one():
    booking = BookingFactory(topic="housing", note="Flat")
    other = SlotFactory()
    moved = services.booking_move(user=booking.person, booking_id=booking.pk, slot_id=other.pk)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert (moved.slot, moved.topic, moved.note, moved.status) == (other, "housing", "Flat", "booked")
    kinds = sorted(key.split(":")[3] for key in _keys())
    assert kinds == ["cancellation", "cancellation", "confirmation", "confirmation"]


def test_moving_to_a_taken_time_keeps_the_old_booking():
    booking = BookingFactory()
    taken = BookingFactory().slot
    with pytest.raises(services.AppointmentError, match="Someone has just booked"):
        services.booking_move(user=booking.person, booking_id=booking.pk, slot_id=taken.pk)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED and not OutgoingMail.objects.exists()


def _tomorrow_at(hour):
    return in_days(1, hour=hour)


def test_the_reminder_goes_the_day_before_once_to_both():
    due = BookingFactory(slot__starts_at=_tomorrow_at(10))
    BookingFactory(slot__starts_at=in_days(2))  # the day after tomorrow: not yet
    BookingFactory(slot__starts_at=_tomorrow_at(11), status="cancelled", cancelled_at=timezone.now())
    now = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(9, 0)))
    assert services.bookings_due_reminder(now=now) == [due.pk]
    assert services.reminders_send(now=now) == 2
    assert services.reminders_send(now=now) == 0
    assert services.bookings_due_reminder(now=now) == []
    reminders = OutgoingMail.objects.filter(key__contains=":reminder:")
    assert sorted(mail.to for mail in reminders) == sorted([due.person.email, due.slot.host.email])
    assert "tomorrow" in reminders.get(to=due.person.email).subject


def test_the_reminder_task_run_twice_sends_once():
    booking = BookingFactory(slot__starts_at=_tomorrow_at(15))
    assert tasks.reminders_send_due_task() == 1
    assert tasks.reminders_send_due_task() == 0
    assert (
        OutgoingMail.objects.filter(key__startswith=f"appointments:booking:{booking.pk}:reminder").count()
        == 2
    )


def test_the_coordinator_copies_times_to_next_week_once():
    coordinator = CoordinatorFactory()
    slot = SlotFactory(note_nb="Ta med pass", note_en="Bring your passport")
    assert services.slots_copy_to_next_week(user=coordinator, slot_ids=[slot.pk]) == 1
    assert services.slots_copy_to_next_week(user=coordinator, slot_ids=[slot.pk]) == 0
    copy = Slot.objects.get(starts_at=slot.starts_at + dt.timedelta(days=7))
    assert (copy.note_en, copy.place_nb, copy.host) == ("Bring your passport", slot.place_nb, slot.host)
    with pytest.raises(PermissionDenied):
        services.slots_copy_to_next_week(user=UserFactory(), slot_ids=[slot.pk])


def test_a_video_time_needs_its_link_and_a_desk_time_its_place():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="link"):
        SlotFactory.build(video=True, video_link="", host=SlotFactory().host).full_clean()
    with pytest.raises(ValidationError, match="where"):
        SlotFactory.build(place_nb="", place_en="", host=SlotFactory().host).full_clean()


def test_the_reminder_runs_daily_from_the_one_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["appointments-reminders"]
    assert entry["task"] == tasks.reminders_send_due_task.name
