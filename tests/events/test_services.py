import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from events import services
from events.models import Audience, Event, SignUp
from network.models import OutgoingMail, User
from tests.companies.factories import CompanyFactory, HRStaffFactory
from tests.network.factories import CoordinatorFactory, MunicipalityFactory, UserFactory

from .factories import CategoryFactory, EventFactory, SignUpFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Refusal messages are lazy translations; the assertions read them in English."""
    with translation.override("en"):
        yield


def statuses(event):
    return list(
        SignUp.objects.filter(event=event)
        .order_by("pk")
        .values_list("user__email", "status", "waitlist_position")
    )


def test_signup_is_confirmed_while_seats_last_then_goes_to_the_waiting_list_in_order():
    event = EventFactory(capacity=2, price_nok=150)
    first, second, third, fourth = UserFactory.create_batch(4)

    a = services.signup_create(event=event, user=first)
    b = services.signup_create(event=event, user=second)
    c = services.signup_create(event=event, user=third)
    d = services.signup_create(event=event, user=fourth)

    assert (a.status, b.status) == (SignUp.Status.CONFIRMED, SignUp.Status.CONFIRMED)
    assert (c.status, c.waitlist_position) == (SignUp.Status.WAITING, 1)
    assert (d.status, d.waitlist_position) == (SignUp.Status.WAITING, 2)
    assert a.price_nok == 150  # the price at the time of sign-up is kept on the sign-up


def test_extra_participants_count_against_capacity():
    event = EventFactory(capacity=4)
    family = services.signup_create(event=event, user=UserFactory(), extra_adults=1, extra_children=2)
    late = services.signup_create(event=event, user=UserFactory())

    assert family.seats == 4 and family.status == SignUp.Status.CONFIRMED
    assert late.status == SignUp.Status.WAITING


def test_a_person_cannot_hold_two_signups_for_the_same_event():
    event = EventFactory()
    user = UserFactory()
    services.signup_create(event=event, user=user)

    with pytest.raises(services.SignUpError, match="already signed up"):
        services.signup_create(event=event, user=user)
    assert SignUp.objects.filter(event=event, user=user).count() == 1


def test_after_cancelling_one_can_sign_up_again():
    event = EventFactory()
    user = UserFactory()
    services.signup_cancel(signup=services.signup_create(event=event, user=user), by_user=user)

    again = services.signup_create(event=event, user=user)

    assert again.status == SignUp.Status.CONFIRMED


def test_the_decision_counts_active_sign_ups_of_this_event_on_the_row_as_it_is_now():
    """signup_create reads the sign-up state in one statement under the lock: cancelled sign-ups,
    other activities and an outdated copy of the event (the view's) do not count."""
    event = EventFactory(capacity=2, childcare_offered=True, childcare_capacity=2)
    view_copy = Event.objects.get(pk=event.pk)
    SignUpFactory(event=EventFactory(capacity=2), extra_adults=1)  # another activity, full
    gone = services.signup_create(event=event, user=UserFactory(), childcare_children=2, childcare_ages="3,4")
    services.signup_cancel(signup=gone, by_user=gone.user)
    taken = services.signup_create(
        event=event, user=UserFactory(), childcare_children=2, childcare_ages="1,2"
    )
    assert taken.status == SignUp.Status.CONFIRMED  # the cancelled party's seat and places are free
    Event.objects.filter(pk=event.pk).update(capacity=1)  # after the view read its copy
    waiting = services.signup_create(event=view_copy, user=UserFactory())
    assert (waiting.status, waiting.waitlist_position) == (SignUp.Status.WAITING, 1)
    again = services.signup_create(event=view_copy, user=gone.user)  # cancelled before: may sign up again
    assert (again.status, again.waitlist_position) == (SignUp.Status.WAITING, 2)
    with pytest.raises(services.SignUpError, match="already signed up"):
        services.signup_create(event=view_copy, user=again.user)


def test_cancelling_a_confirmed_signup_promotes_the_first_waiting_and_renumbers(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(capacity=1)
    holder = services.signup_create(event=event, user=UserFactory())
    first_waiting = services.signup_create(event=event, user=UserFactory(language="nb"))
    second_waiting = services.signup_create(event=event, user=UserFactory())
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.signup_cancel(signup=holder, by_user=holder.user)

    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.status, first_waiting.waitlist_position) == (SignUp.Status.CONFIRMED, None)
    assert (second_waiting.status, second_waiting.waitlist_position) == (SignUp.Status.WAITING, 1)
    assert [m.to for m in mailoutbox] == [[first_waiting.user.email]]
    promoted = mailoutbox[0]
    assert "Et sete er ledig" in promoted.subject  # in the recipient's language (nb)
    assert promoted.attachments[0][0].endswith(".ics")
    content = promoted.attachments[0][1]
    assert "BEGIN:VCALENDAR" in (content.decode() if isinstance(content, bytes) else content)


def test_cancelling_a_waiting_signup_closes_the_gap_in_positions():
    event = EventFactory(capacity=1)
    services.signup_create(event=event, user=UserFactory())
    w1 = services.signup_create(event=event, user=UserFactory())
    w2 = services.signup_create(event=event, user=UserFactory())
    w3 = services.signup_create(event=event, user=UserFactory())

    services.signup_cancel(signup=w2, by_user=w2.user)

    w1.refresh_from_db()
    w3.refresh_from_db()
    assert (w1.waitlist_position, w3.waitlist_position) == (1, 2)


def test_promotion_confirms_every_waiting_party_that_fits_in_queue_order(
    django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory(capacity=3)
    holder = services.signup_create(event=event, user=UserFactory(), extra_adults=1)
    services.signup_create(event=event, user=UserFactory())  # the last free seat
    big = services.signup_create(event=event, user=UserFactory(), extra_adults=2)
    small = services.signup_create(event=event, user=UserFactory())
    other = services.signup_create(event=event, user=UserFactory())
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.signup_cancel(signup=holder, by_user=holder.user)

    for signup in (big, small, other):
        signup.refresh_from_db()
    # Two seats are free: the party of three at the head still does not fit and keeps its place;
    # it does not block the two single people behind it, who now get the seats.
    assert (big.status, big.waitlist_position) == (SignUp.Status.WAITING, 1)
    assert small.status == other.status == SignUp.Status.CONFIRMED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([small.user.email, other.user.email])


def test_a_new_party_that_fits_is_confirmed_even_while_a_larger_one_waits():
    event = EventFactory(capacity=2)
    services.signup_create(event=event, user=UserFactory())
    party = services.signup_create(event=event, user=UserFactory(), extra_adults=1)
    single = services.signup_create(event=event, user=UserFactory())

    assert (party.status, party.waitlist_position) == (SignUp.Status.WAITING, 1)
    assert single.status == SignUp.Status.CONFIRMED
    late = services.signup_create(event=event, user=UserFactory())
    assert (late.status, late.waitlist_position) == (SignUp.Status.WAITING, 2)


def test_a_childcare_request_that_does_not_fit_does_not_lock_a_half_empty_course(client):
    """A Norwegian course with 16 seats and 7 childcare places left: a family asking childcare for
    8 children went on the waiting list, and then everyone after it did too, with 14 seats free."""
    course = EventFactory(capacity=16, childcare_offered=True, childcare_capacity=10, title_en="Norwegian A1")
    first = services.signup_create(
        event=course, user=UserFactory(), extra_adults=1, childcare_children=3, childcare_ages="1,3,5"
    )
    asks_for_8 = services.signup_create(
        event=course, user=UserFactory(), childcare_children=8, childcare_ages="1,1,2,3,4,5,6,7"
    )
    no_children = services.signup_create(event=course, user=UserFactory())

    assert first.status == SignUp.Status.CONFIRMED
    assert (asks_for_8.status, asks_for_8.waitlist_position) == (SignUp.Status.WAITING, 1)
    assert no_children.status == SignUp.Status.CONFIRMED
    page = client.get(f"/en/events/{course.pk}/").content.decode()
    assert "Full" not in page
    assert "13 seats left" in page and "1 on the waiting list" in page
    # When the first family cancels, the 8 children fit and their family is confirmed.
    services.signup_cancel(signup=first, by_user=first.user)
    asks_for_8.refresh_from_db()
    assert asks_for_8.status == SignUp.Status.CONFIRMED


def test_the_mail_is_rendered_after_the_decision_commits_not_under_the_lock(
    django_capture_on_commit_callbacks, mailoutbox
):
    """The confirmation and its .ics were rendered while the activity's row was locked, so 200 people
    signing up at once waited for each other's mail rendering."""
    event = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        confirmed = services.signup_create(event=event, user=UserFactory(language="en"))
        waiting = services.signup_create(event=event, user=UserFactory(language="nb"))
    assert not OutgoingMail.objects.exists()  # nothing rendered inside the transaction
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert set(OutgoingMail.objects.values_list("key", flat=True)) == {
        f"events:signup:{confirmed.pk}:confirmed",
        f"events:signup:{waiting.pk}:waiting",
    }
    assert len(mailoutbox) == 2


def test_capacity_increase_promotes_from_the_waiting_list(django_capture_on_commit_callbacks, mailoutbox):
    event = EventFactory(capacity=1)
    services.signup_create(event=event, user=UserFactory())
    waiting = [services.signup_create(event=event, user=UserFactory()) for _ in range(3)]
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.event_capacity_update(event=event, capacity=3)

    assert [s.pk for s in promoted] == [waiting[0].pk, waiting[1].pk]
    waiting[2].refresh_from_db()
    assert waiting[2].waitlist_position == 1
    assert len(mailoutbox) == 2
    event.refresh_from_db()
    assert event.capacity == 3


def test_capacity_decrease_keeps_confirmed_participants():
    event = EventFactory(capacity=3)
    signups = [services.signup_create(event=event, user=UserFactory()) for _ in range(3)]

    services.event_capacity_update(event=event, capacity=1)

    assert {s.status for s in SignUp.objects.filter(pk__in=[s.pk for s in signups])} == {"confirmed"}


def test_event_update_writes_only_the_changes_onto_the_row_as_it_is_now():
    event = EventFactory(capacity=1, title_en="Walk")
    stale = Event.objects.get(pk=event.pk)
    services.event_cancel(event=event, reason="Storm")

    promoted = services.event_update(event=stale, changes={"title_en": "Long walk", "capacity": 5})

    assert promoted == []
    event.refresh_from_db()
    assert (event.title_en, event.capacity) == ("Long walk", 5)
    assert (event.status, event.cancelled_reason) == (Event.Status.CANCELLED, "Storm")
    assert (stale.title_en, stale.capacity) == ("Long walk", 5)


def test_event_update_promotes_when_childcare_places_are_added():
    event = EventFactory(capacity=10, childcare_offered=True, childcare_capacity=1)
    services.signup_create(event=event, user=UserFactory(), childcare_children=1, childcare_ages="3")
    waiting = services.signup_create(
        event=event, user=UserFactory(), childcare_children=1, childcare_ages="4"
    )

    promoted = services.event_update(event=event, changes={"childcare_capacity": 2})

    assert [s.pk for s in promoted] == [waiting.pk]


def test_event_update_refuses_invalid_data():
    event = EventFactory()

    with pytest.raises(ValidationError):
        services.event_update(event=event, changes={"ends_at": event.starts_at - dt.timedelta(hours=1)})

    event.refresh_from_db()
    assert event.ends_at > event.starts_at


def test_event_create_validates_and_saves():
    template = EventFactory.build()
    fields = {
        name: getattr(template, name)
        for name in ("title_nb", "title_en", "starts_at", "ends_at", "capacity", "audience", "language")
    }
    fields.update(category=CategoryFactory(), municipality=MunicipalityFactory())

    event = services.event_create(fields=fields)

    assert Event.objects.get(pk=event.pk).title_en == template.title_en
    with pytest.raises(ValidationError):
        services.event_create(fields={**fields, "ends_at": fields["starts_at"]})


def test_childcare_has_its_own_capacity():
    event = EventFactory(capacity=50, childcare_offered=True, childcare_capacity=2)
    first = services.signup_create(
        event=event, user=UserFactory(), childcare_children=2, childcare_ages="2,5"
    )
    second = services.signup_create(event=event, user=UserFactory(), childcare_children=1, childcare_ages="3")
    no_childcare = services.signup_create(event=event, user=UserFactory())

    assert first.status == SignUp.Status.CONFIRMED
    assert first.childcare_ages == "2,5"
    assert second.status == SignUp.Status.WAITING
    # The childcare is full, the seats are not: someone without children still gets a seat.
    assert no_childcare.status == SignUp.Status.CONFIRMED


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"childcare_children": 1, "childcare_ages": "40"}, "whole numbers from 0 to 12"),
        ({"childcare_children": 2, "childcare_ages": "3"}, "one age for each child"),
        ({"childcare_children": 1, "childcare_ages": "two"}, "whole numbers"),
        ({"extra_adults": -1}, "cannot be negative"),
        ({"extra_children": 11}, "more than 10 extra people"),
        ({"extra_adults": 3, "extra_children": 2}, "party of 6 is larger than the 5 seats"),
        ({"childcare_children": 3, "childcare_ages": "1,2,3"}, "at most 2 children"),
    ],
)
def test_bad_childcare_or_counts_are_refused(kwargs, message):
    event = EventFactory(childcare_offered=True, capacity=5, childcare_capacity=2)
    with pytest.raises(services.SignUpError, match=message):
        services.signup_create(event=event, user=UserFactory(), **kwargs)


def test_childcare_requested_for_an_event_without_childcare_is_refused():
    with pytest.raises(services.SignUpError, match="does not offer childcare"):
        services.signup_create(
            event=EventFactory(childcare_offered=False),
            user=UserFactory(),
            childcare_children=1,
            childcare_ages="4",
        )


@pytest.mark.parametrize(
    ("event_kwargs", "message"),
    [
        ({"registration_opens_at": timezone.now() + dt.timedelta(days=1)}, "not opened yet"),
        ({"registration_closes_at": timezone.now() - dt.timedelta(hours=1)}, "has closed"),
        (
            {
                "starts_at": timezone.now() - dt.timedelta(days=1),
                "ends_at": timezone.now() - dt.timedelta(hours=20),
            },
            "already started or is over",
        ),
        ({"status": Event.Status.CANCELLED}, "has been cancelled"),
    ],
)
def test_signup_outside_the_registration_window_is_refused(event_kwargs, message):
    event = EventFactory(**event_kwargs)
    with pytest.raises(services.SignUpError, match=message):
        services.signup_create(event=event, user=UserFactory())
    assert not SignUp.objects.exists()


def test_signup_within_the_window_is_accepted():
    now = timezone.now()
    event = EventFactory(
        registration_opens_at=now - dt.timedelta(days=1), registration_closes_at=now + dt.timedelta(days=1)
    )
    assert services.signup_create(event=event, user=UserFactory()).status == SignUp.Status.CONFIRMED


def test_cancellation_after_the_deadline_is_refused_but_a_coordinator_may():
    event = EventFactory()
    signup = SignUpFactory(event=event)
    Event.objects.filter(pk=event.pk).update(registration_closes_at=timezone.now() - dt.timedelta(minutes=1))

    with pytest.raises(services.SignUpError, match="deadline has passed"):
        services.signup_cancel(signup=signup, by_user=signup.user)
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CONFIRMED

    services.signup_cancel(signup=signup, by_user=CoordinatorFactory())
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED


def test_someone_else_cannot_cancel_a_signup():
    signup = SignUpFactory()
    with pytest.raises(services.SignUpError, match="your own"):
        services.signup_cancel(signup=signup, by_user=UserFactory())


class TestAudience:
    def test_company_meeting_is_for_member_hr_only(self):
        event = EventFactory(audience=Audience.COMPANIES)
        hr = HRStaffFactory().user
        former = HRStaffFactory(company=CompanyFactory(membership="former")).user
        newcomer = UserFactory()

        assert services.signup_create(event=event, user=hr).status == SignUp.Status.CONFIRMED
        for refused in (newcomer, former):
            with pytest.raises(services.SignUpError, match="HR staff of the network's member companies"):
                services.signup_create(event=event, user=refused)

    @pytest.mark.parametrize("kind", [User.Kind.NEWCOMER, User.Kind.PARTNER])
    def test_newcomer_activities_are_for_newcomers_and_partners(self, kind):
        event = EventFactory(audience=Audience.NEWCOMERS)
        assert services.signup_create(event=event, user=UserFactory(kind=kind)).status == "confirmed"

    @pytest.mark.parametrize("audience", [Audience.NEWCOMERS, Audience.FAMILIES])
    def test_volunteers_and_hr_are_refused_newcomer_activities(self, audience):
        event = EventFactory(audience=audience)
        for user in (UserFactory(kind=User.Kind.VOLUNTEER), HRStaffFactory().user):
            with pytest.raises(services.SignUpError, match="for newcomers and their families"):
                services.signup_create(event=event, user=user)

    def test_everyone_events_take_any_logged_in_user_and_coordinators_any_event(self):
        assert services.signup_create(
            event=EventFactory(audience=Audience.EVERYONE), user=UserFactory(kind=User.Kind.VOLUNTEER)
        )
        assert services.signup_create(
            event=EventFactory(audience=Audience.COMPANIES), user=CoordinatorFactory()
        )

    def test_hr_can_sign_up_a_colleague_but_not_someone_from_another_company(self):
        event = EventFactory(audience=Audience.COMPANIES)
        me = HRStaffFactory()
        colleague = HRStaffFactory(company=me.company).user
        stranger = HRStaffFactory().user

        signup = services.signup_create(event=event, user=colleague, signed_up_by=me.user)
        assert signup.signed_up_by == me.user
        assert list(services.signup_colleagues(user=me.user)) == sorted(
            [me.user, colleague], key=lambda u: (u.first_name, u.last_name, u.email)
        )
        with pytest.raises(services.SignUpError, match="HR colleagues from your own company"):
            services.signup_create(event=event, user=stranger, signed_up_by=me.user)
        # The colleague who signed someone up may also cancel it.
        services.signup_cancel(signup=signup, by_user=me.user)

    @pytest.mark.parametrize(
        "party",
        [
            {"extra_adults": 1},
            {"extra_children": 2},
            {"childcare_children": 1, "childcare_ages": "3"},
            {"extra_adults": 1, "extra_children": 1, "childcare_children": 1, "childcare_ages": "4"},
        ],
    )
    def test_company_meetings_take_one_person_without_guests_or_childcare(self, party):
        event = EventFactory(audience=Audience.COMPANIES, childcare_offered=True, capacity=40)
        me = HRStaffFactory()
        colleague = HRStaffFactory(company=me.company).user
        for user, signed_up_by in ((me.user, None), (colleague, me.user)):
            with pytest.raises(services.SignUpError, match="one person per sign-up") as refused:
                services.signup_create(event=event, user=user, signed_up_by=signed_up_by, **party)
        with translation.override("nb"):
            assert "én person per påmelding" in str(refused.value.message)
        assert not SignUp.objects.exists()
        # Alone, each of them gets a seat; an activity for families still takes the whole party.
        assert services.signup_create(event=event, user=me.user).seats == 1
        assert services.signup_create(event=event, user=colleague, signed_up_by=me.user).seats == 1
        family = EventFactory(audience=Audience.FAMILIES, childcare_offered=True)
        assert services.signup_create(event=family, user=UserFactory(kind=User.Kind.PARTNER), **party)

    def test_newcomers_cannot_sign_up_other_people(self):
        event = EventFactory(audience=Audience.EVERYONE)
        with pytest.raises(services.SignUpError):
            services.signup_create(event=event, user=UserFactory(), signed_up_by=UserFactory())


class TestMail:
    def test_confirmation_and_waiting_mails_in_the_recipients_language_with_ics(
        self, django_capture_on_commit_callbacks, mailoutbox
    ):
        event = EventFactory(capacity=1, title_nb="Bli kjent i Halden", title_en="Get to know Halden")
        with django_capture_on_commit_callbacks(execute=True):
            services.signup_create(event=event, user=UserFactory(language="en"))
            waiting = services.signup_create(event=event, user=UserFactory(language="nb"))

        confirmed_mail, waiting_mail = mailoutbox
        assert confirmed_mail.subject == "You are signed up: Get to know Halden"
        assert "Get to know Halden" in confirmed_mail.body
        assert waiting_mail.subject == "På ventelisten: Bli kjent i Halden"
        assert "nummer 1 på ventelisten" in waiting_mail.body
        for message in mailoutbox:
            filename, content, mimetype = message.attachments[0]
            assert filename.endswith(".ics") and mimetype == "text/calendar"
        assert OutgoingMail.objects.filter(key=f"events:signup:{waiting.pk}:waiting").exists()

    def test_mails_are_never_sent_twice(self, django_capture_on_commit_callbacks, mailoutbox):
        from events import mail

        event = EventFactory()
        with django_capture_on_commit_callbacks(execute=True):
            signup = services.signup_create(event=event, user=UserFactory())
        with django_capture_on_commit_callbacks(execute=True):
            assert not mail.signup_mail(signup=signup, kind=mail.CONFIRMED)  # a retried task
            assert not services.signup_mail_send(signup_id=signup.pk, kind=mail.CONFIRMED)
        assert len(mailoutbox) == 1

    def test_event_cancel_notifies_everyone_signed_up_once(
        self, django_capture_on_commit_callbacks, mailoutbox
    ):
        event = EventFactory(capacity=1)
        confirmed = services.signup_create(event=event, user=UserFactory(language="nb"))
        waiting = services.signup_create(event=event, user=UserFactory(language="en"))
        gone = services.signup_create(event=event, user=UserFactory())
        services.signup_cancel(signup=gone, by_user=gone.user)
        mailoutbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            services.event_cancel(event=event, reason="Storm warning")
            services.event_cancel(event=event, reason="Storm warning")

        assert sorted(m.to[0] for m in mailoutbox) == sorted([confirmed.user.email, waiting.user.email])
        by_to = {m.to[0]: m for m in mailoutbox}
        assert by_to[confirmed.user.email].subject.startswith("Avlyst:")
        assert by_to[waiting.user.email].subject.startswith("Cancelled:")
        assert "Storm warning" in by_to[waiting.user.email].body
        event.refresh_from_db()
        assert event.status == Event.Status.CANCELLED
        with pytest.raises(services.SignUpError, match="cancelled"):
            services.signup_create(event=event, user=UserFactory())


def test_duplicate_copies_the_event_a_week_later_without_signups():
    event = EventFactory(capacity=5)
    SignUpFactory(event=event)
    copy = services.event_duplicate(event=event)

    assert copy.pk != event.pk
    assert copy.title_en == event.title_en and copy.title_nb == event.title_nb
    assert copy.starts_at == event.starts_at + dt.timedelta(days=7)
    assert not copy.signups.exists()


def test_attendance_marks_only_confirmed_signups_of_activities_that_have_started():
    event = EventFactory(capacity=1)
    confirmed = services.signup_create(event=event, user=UserFactory())
    waiting = services.signup_create(event=event, user=UserFactory())

    assert services.event_attendance_mark_all(events=[event]) == 0  # not started yet
    assert services.signup_attendance_mark(signups=[confirmed], attended=True) == 0
    assert services.event_attendance_mark_all(events=[event], now=event.starts_at) == 1
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.attended is True and waiting.attended is None


def _at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def test_signup_reminders_send_queues_each_reminder_once_and_renders_nothing_the_second_time(
    monkeypatch, django_assert_max_num_queries
):
    now = _at("2026-10-01 08:00")
    event = EventFactory(starts_at=_at("2026-10-02 07:00"), ends_at=_at("2026-10-02 09:00"))
    SignUpFactory.create_batch(2, event=event)

    assert services.signup_reminders_send(now=now) == 2

    def render_again(*args, **kwargs):
        raise AssertionError("the .ics is rendered for a reminder that was already queued")

    monkeypatch.setattr("events.mail._ics_attachment", render_again)
    with django_assert_max_num_queries(3):
        assert services.signup_reminders_send(now=now) == 0
    assert OutgoingMail.objects.filter(key__endswith=":reminder").count() == 2
