"""The rules of start housing, each refusal, and the lifecycle of applications, offers and stays."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from housing import services
from housing.models import Application, Booking, HousingSettings, RentCharge, add_months
from network.models import OutgoingMail, User
from newcomers.models import Partner
from tests.companies.factories import HireFactory, HRStaffFactory
from tests.network.factories import ContactPersonFactory, CoordinatorFactory, UserFactory
from tests.newcomers.factories import NewcomerProfileFactory

from .factories import ApplicationFactory, BookingFactory, UnitFactory, today

pytestmark = pytest.mark.django_db


def _days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def _apply(user, unit, start=10, end=100, persons=1, **kwargs):
    return services.application_create(
        user=user, unit_id=unit.pk, move_in=_days(start), move_out=_days(end), persons=persons, **kwargs
    )


@pytest.fixture
def coordinator():
    ContactPersonFactory()
    return CoordinatorFactory()


@pytest.fixture
def newcomer():
    return NewcomerProfileFactory(user__language="en").user


# --- the rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "persons", "message"),
    [
        (10, 5, 1, "must be after the move-in"),
        (-1, 60, 1, "cannot be in the past"),
        (10, 20, 1, "shortest stay is 1 month"),
        (10, 420, 1, "longest stay is 12 months"),
        (600, 700, 1, "at most 18 months ahead"),
        (10, 100, 3, "more than the beds"),
    ],
)
def test_each_rule_refuses_with_a_clear_message(newcomer, start, end, persons, message):
    unit = UnitFactory(beds=2)
    with pytest.raises(services.HousingError, match=message):
        _apply(newcomer, unit, start, end, persons)
    assert not Application.objects.exists()


def test_the_coordinator_edits_the_rules(newcomer):
    HousingSettings.objects.create(min_stay_months=2, max_stay_months=6)
    unit = UnitFactory()
    with pytest.raises(services.HousingError, match="shortest stay is 2 month"):
        _apply(newcomer, unit, 10, 50)
    with pytest.raises(services.HousingError, match="longest stay is 6 months"):
        _apply(newcomer, unit, 10, 200)
    assert _apply(newcomer, unit, 10, 100).status == Application.Status.OPEN


def test_applying_needs_a_profile_and_one_application_at_a_time(newcomer):
    unit = UnitFactory()
    with pytest.raises(PermissionDenied):
        _apply(UserFactory(kind=User.Kind.HR), unit)
    with pytest.raises(services.HousingError, match="Complete your newcomer profile"):
        _apply(UserFactory(kind=User.Kind.NEWCOMER), unit)
    _apply(newcomer, unit)
    with pytest.raises(services.HousingError, match="already have an application"):
        _apply(newcomer, unit)


def test_a_partner_applies_for_the_household():
    profile = NewcomerProfileFactory()
    partner = UserFactory(kind=User.Kind.PARTNER)
    Partner.objects.create(profile=profile, name="Ada", user=partner)
    application = _apply(partner, UnitFactory())
    assert application.user == partner


def test_any_unit_in_a_municipality_takes_the_most_beds_there(newcomer):
    unit = UnitFactory(beds=1)
    UnitFactory(residence=unit.residence, beds=4)
    application = services.application_create(
        user=newcomer,
        municipality_id=unit.residence.municipality_id,
        move_in=_days(10),
        move_out=_days(60),
        persons=4,
    )
    assert application.unit is None and application.municipality == unit.residence.municipality
    with pytest.raises(services.HousingError, match="no start housing in this municipality"):
        services.application_create(
            user=NewcomerProfileFactory().user,
            municipality_id=999999,
            move_in=_days(10),
            move_out=_days(60),
            persons=1,
        )


# --- the lifecycle --------------------------------------------------------------------------


def test_approve_books_the_unit_and_tells_the_applicant_in_their_language(
    coordinator, newcomer, django_capture_on_commit_callbacks
):
    unit = UnitFactory(rent_nok=6200)
    application = _apply(newcomer, unit)
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.application_approve(application_id=application.pk, by=coordinator)
    application.refresh_from_db()
    assert application.status == Application.Status.BOOKED
    assert (booking.status, booking.starts_on, booking.ends_on, booking.rent_nok) == (
        Booking.Status.CONFIRMED,
        _days(10),
        _days(100),
        6200,
    )
    mail = OutgoingMail.objects.get(key=f"housing:booked:{booking.pk}")
    assert mail.language == "en" and mail.to == newcomer.email and "is booked for you" in mail.body_text
    assert RentCharge.objects.filter(booking=booking).count() >= 3
    with pytest.raises(services.HousingError, match="not waiting"):
        services.application_approve(application_id=application.pk, by=coordinator)


def test_only_the_coordinator_decides(newcomer):
    application = _apply(newcomer, UnitFactory())
    for act in (services.application_approve, services.application_decline):
        with pytest.raises(PermissionDenied):
            act(application_id=application.pk, by=newcomer)


def test_no_unit_is_double_booked_by_the_services(coordinator):
    unit = UnitFactory()
    first, second = (
        ApplicationFactory(unit=unit),
        ApplicationFactory(unit=unit, move_in=_days(50), move_out=_days(120)),
    )
    services.application_approve(application_id=first.pk, by=coordinator)
    with pytest.raises(services.HousingError, match="already booked or offered from"):
        services.application_approve(application_id=second.pk, by=coordinator)
    second.refresh_from_db()
    assert second.status == Application.Status.OPEN
    assert Booking.objects.count() == 1
    # The move-out day is free: a stay may begin the day the last one ends.
    third = ApplicationFactory(unit=unit, move_in=_days(100), move_out=_days(140))
    assert services.application_approve(application_id=third.pk, by=coordinator).starts_on == _days(100)


def test_an_offer_holds_the_unit_and_the_applicant_accepts_it(coordinator, newcomer):
    asked, offered_unit = UnitFactory(), UnitFactory()
    application = _apply(newcomer, asked)
    booking = services.application_offer(
        application_id=application.pk,
        by=coordinator,
        unit_id=offered_unit.pk,
        move_in=_days(20),
        move_out=_days(90),
    )
    assert booking.status == Booking.Status.OFFERED and booking.offer_expires_at > timezone.now()
    assert OutgoingMail.objects.filter(key=f"housing:offered:{booking.pk}").exists()
    # The offered nights are held: nobody else can be booked there meanwhile.
    other = ApplicationFactory(unit=offered_unit, move_in=_days(30), move_out=_days(80))
    with pytest.raises(services.HousingError):
        services.application_approve(application_id=other.pk, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.offer_answer(booking_id=booking.pk, user=other.user, accept=True)
    services.offer_answer(booking_id=booking.pk, user=newcomer, accept=True)
    booking.refresh_from_db()
    application.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and application.status == Application.Status.BOOKED
    with pytest.raises(services.HousingError, match="already been answered"):
        services.offer_answer(booking_id=booking.pk, user=newcomer, accept=False)


def test_a_declined_offer_puts_the_application_back_on_the_waiting_list(coordinator, newcomer):
    unit = UnitFactory()
    application = _apply(newcomer, unit)
    booking = services.application_offer(application_id=application.pk, by=coordinator, unit_id=unit.pk)
    services.offer_answer(booking_id=booking.pk, user=newcomer, accept=False)
    application.refresh_from_db()
    assert application.status == Application.Status.OPEN
    assert Booking.objects.get().status == Booking.Status.DECLINED
    assert OutgoingMail.objects.filter(key=f"housing:offer-answered:{booking.pk}").exists()


def test_offers_expire_once_and_free_the_unit(coordinator, newcomer):
    unit = UnitFactory()
    application = _apply(newcomer, unit)
    booking = services.application_offer(application_id=application.pk, by=coordinator, unit_id=unit.pk)
    assert services.offers_expire(now=timezone.now() + dt.timedelta(days=6)) == 0
    later = timezone.now() + dt.timedelta(days=8)
    assert services.offers_expire(now=later) == 1
    assert services.offers_expire(now=later) == 0
    booking.refresh_from_db()
    application.refresh_from_db()
    assert booking.status == Booking.Status.EXPIRED and application.status == Application.Status.OPEN
    assert OutgoingMail.objects.filter(key=f"housing:offer-expired:{booking.pk}").count() == 1
    with pytest.raises(services.HousingError):
        services.offer_answer(booking_id=booking.pk, user=newcomer, accept=True)
    # The unit is free again for the same applicant.
    assert services.application_approve(application_id=application.pk, by=coordinator).unit == unit


def test_an_offer_answered_after_its_time_is_refused_even_before_the_task_runs(coordinator, newcomer):
    unit = UnitFactory()
    booking = services.application_offer(
        application_id=_apply(newcomer, unit).pk, by=coordinator, unit_id=unit.pk
    )
    Booking.objects.filter(pk=booking.pk).update(offer_expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(services.HousingError, match="expired"):
        services.offer_answer(booking_id=booking.pk, user=newcomer, accept=True)


def test_decline_and_withdraw(coordinator, newcomer):
    application = _apply(newcomer, UnitFactory())
    services.application_decline(application_id=application.pk, by=coordinator, note="Full that month.")
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert "Full that month." in OutgoingMail.objects.get(key=f"housing:declined:{application.pk}").body_text
    again = _apply(newcomer, UnitFactory())
    booking = services.application_offer(application_id=again.pk, by=coordinator, unit_id=again.unit_id)
    services.application_withdraw(application_id=again.pk, user=newcomer)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.DECLINED
    with pytest.raises(PermissionDenied):
        services.application_withdraw(application_id=again.pk, user=UserFactory())


def test_hr_applies_on_behalf_of_a_hire_of_their_company(newcomer, django_capture_on_commit_callbacks):
    staff = HRStaffFactory()
    hr = staff.user
    hire = HireFactory(company=staff.company, user=newcomer)
    unit = UnitFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_create_for_hire(
            hire_id=hire.pk, by=hr, unit_id=unit.pk, move_in=_days(10), move_out=_days(70), persons=1
        )
    assert (
        application.user == newcomer and application.applied_by == hr and application.company == hire.company
    )
    assert OutgoingMail.objects.filter(
        key=f"housing:applied-for:{application.pk}", to=newcomer.email
    ).exists()
    with pytest.raises(PermissionDenied):
        services.application_create_for_hire(
            hire_id=hire.pk,
            by=HRStaffFactory().user,
            unit_id=unit.pk,
            move_in=_days(10),
            move_out=_days(70),
            persons=1,
        )


# --- changing a stay, and the waiting list ---------------------------------------------------


def test_extend_within_the_maximum_and_only_if_free(coordinator):
    unit = UnitFactory()
    booking = BookingFactory(unit=unit, starts_on=_days(10), ends_on=_days(60))
    BookingFactory(unit=unit, starts_on=_days(90), ends_on=_days(120))
    services.booking_extend(booking_id=booking.pk, ends_on=_days(90), by=booking.tenant)
    booking.refresh_from_db()
    assert booking.ends_on == _days(90)
    with pytest.raises(services.HousingError, match="already booked or offered"):
        services.booking_extend(booking_id=booking.pk, ends_on=_days(100), by=coordinator)
    with pytest.raises(services.HousingError, match="longest stay"):
        services.booking_extend(
            booking_id=booking.pk, ends_on=add_months(_days(10), 12) + dt.timedelta(days=1), by=coordinator
        )
    with pytest.raises(PermissionDenied):
        services.booking_extend(booking_id=booking.pk, ends_on=_days(89), by=UserFactory())


def test_ending_early_shows_who_is_next_on_the_waiting_list(coordinator):
    unit = UnitFactory()
    municipality = unit.residence.municipality
    booking = BookingFactory(unit=unit, starts_on=_days(1), ends_on=_days(200))
    # Waiting in the municipality: one too late for the freed nights, then two that fit, first come first.
    ApplicationFactory(unit=None, municipality=municipality, move_in=_days(300), move_out=_days(340))
    first = ApplicationFactory(unit=None, municipality=municipality, move_in=_days(60), move_out=_days(120))
    ApplicationFactory(unit=None, municipality=municipality, move_in=_days(70), move_out=_days(130))
    ApplicationFactory(move_in=_days(60), move_out=_days(120))  # another municipality
    ended, following = services.booking_end_early(booking_id=booking.pk, ends_on=_days(50), by=coordinator)
    assert ended.ends_on == _days(50) and following == first
    with pytest.raises(services.HousingError, match="Choose a move-out date"):
        services.booking_end_early(booking_id=booking.pk, ends_on=_days(80), by=coordinator)


def test_cancel_before_the_stay_begins_frees_the_nights(coordinator):
    booking = BookingFactory(starts_on=_days(10), ends_on=_days(60))
    waiting = ApplicationFactory(unit=None, municipality=booking.unit.residence.municipality)
    cancelled, following = services.booking_cancel(booking_id=booking.pk, by=booking.tenant)
    assert cancelled.status == Booking.Status.CANCELLED and following == waiting
    begun = BookingFactory(starts_on=_days(-5), ends_on=_days(60))
    with pytest.raises(services.HousingError, match="ended early, not cancelled"):
        services.booking_cancel(booking_id=begun.pk, by=coordinator)


def test_rent_due_per_month_follows_the_period_and_keeps_what_is_paid(coordinator):
    booking = BookingFactory(starts_on=dt.date(2031, 1, 16), ends_on=dt.date(2031, 3, 1), rent_nok=6200)
    services.rent_charges_sync(booking=booking)
    charges = {c.month: (c.nights, c.amount_nok) for c in RentCharge.objects.filter(booking=booking)}
    assert charges == {dt.date(2031, 1, 1): (16, 3200), dt.date(2031, 2, 1): (28, 6200)}
    january = RentCharge.objects.get(booking=booking, month=dt.date(2031, 1, 1))
    assert services.rent_mark_paid(charge_ids=[january.pk], paid=True, by=coordinator) == 1
    assert services.rent_mark_paid(charge_ids=[january.pk], paid=True, by=coordinator) == 0
    booking.starts_on = dt.date(2031, 2, 1)
    booking.save()
    services.rent_charges_sync(booking=booking)
    assert RentCharge.objects.filter(booking=booking).count() == 2  # January was paid: it stays


def test_move_out_reminders_go_once_with_the_practical_page(coordinator, django_capture_on_commit_callbacks):
    due = BookingFactory(ends_on=_days(30), starts_on=_days(-60))
    BookingFactory(ends_on=_days(31), starts_on=_days(-60))  # not yet
    assert services.move_out_reminders_send() == 1
    assert services.move_out_reminders_send() == 0
    mail = OutgoingMail.objects.get(key=f"housing:move-out:{due.pk}:{due.ends_on.isoformat()}")
    assert "/info/housing/" in mail.body_text and mail.to == due.tenant.email
    assert OutgoingMail.objects.filter(key__endswith=":coordinator").count() == 1
    # Extended, the stay is reminded again before its new move-out date.
    services.booking_extend(booking_id=due.pk, ends_on=_days(40), by=coordinator)
    assert services.move_out_reminders_send(today=_days(10)) == 2  # it, and the other one now due
