import datetime as dt

import pytest
from django.utils import timezone
from freezegun import freeze_time

from events.models import Event, SignUp
from events.tasks import occurrences_generate_all, reminders_send_due, signup_mail_send_task
from tests.network.factories import UserFactory

from .factories import EventFactory, SignUpFactory
from .factories_series import EventSeriesFactory

pytestmark = pytest.mark.django_db


def _at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def test_reminders_go_out_once_to_confirmed_participants_within_24_hours(
    mailoutbox, django_capture_on_commit_callbacks
):
    with freeze_time("2026-10-01 08:00"):
        soon = EventFactory(
            title_nb="Byvandring",
            title_en="City walk",
            starts_at=_at("2026-10-02 07:00"),
            ends_at=_at("2026-10-02 09:00"),
        )
        later = EventFactory(starts_at=_at("2026-10-03 12:00"), ends_at=_at("2026-10-03 14:00"))
        nb_user = UserFactory(language="nb")
        SignUpFactory(event=soon, user=nb_user)
        SignUpFactory(event=soon, user=UserFactory(language="en"))
        SignUpFactory(event=soon, user=UserFactory(), status=SignUp.Status.WAITING, waitlist_position=1)
        SignUpFactory(event=soon, user=UserFactory(), status=SignUp.Status.CANCELLED)
        SignUpFactory(event=later, user=UserFactory())
        cancelled = EventFactory(
            status=Event.Status.CANCELLED, starts_at=_at("2026-10-01 20:00"), ends_at=_at("2026-10-01 21:00")
        )
        SignUpFactory(event=cancelled, user=UserFactory())

        with django_capture_on_commit_callbacks(execute=True):
            assert reminders_send_due.delay().get() == 2
            assert reminders_send_due.delay().get() == 0
    assert len(mailoutbox) == 2
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert by_recipient[nb_user.email].subject.startswith("Påminnelse: Byvandring")
    assert any(name.endswith(".ics") for name, *_ in by_recipient[nb_user.email].attachments)

    # The next day the later event is due, and the first is not sent again.
    with freeze_time("2026-10-02 13:00"), django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due.delay().get() == 1
    assert len(mailoutbox) == 3


def test_the_reminder_window_is_configurable(settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.EVENTS_REMINDER_HOURS = 48
    with freeze_time("2026-10-01 08:00"):
        event = EventFactory(starts_at=_at("2026-10-02 20:00"), ends_at=_at("2026-10-02 22:00"))
        SignUpFactory(event=event, user=UserFactory())
        with django_capture_on_commit_callbacks(execute=True):
            assert reminders_send_due.delay().get() == 1


@freeze_time("2026-08-20 10:00")
def test_nightly_generation_covers_every_active_series_and_is_idempotent():
    EventSeriesFactory()
    EventSeriesFactory(weekdays="TH")
    EventSeriesFactory(active=False)
    first = occurrences_generate_all.delay().get()
    assert first == 16 + 15  # Tuesdays and Thursdays, 1 September to 15 December
    assert occurrences_generate_all.delay().get() == 0
    assert Event.objects.count() == 31


def test_every_part_of_a_mail_is_in_the_recipients_language_whoever_sends_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    """Reminders sent by the task (which runs in Norwegian) carried an .ics with a Norwegian SUMMARY and
    URL to English users."""
    from django.utils import translation
    from icalendar import Calendar

    with freeze_time("2026-10-01 08:00"):
        event = EventFactory(
            title_nb="Byvandring",
            title_en="City walk",
            starts_at=_at("2026-10-02 07:00"),
            ends_at=_at("2026-10-02 09:00"),
        )
        english = UserFactory(language="en")
        SignUpFactory(event=event, user=english)
        with translation.override("nb"), django_capture_on_commit_callbacks(execute=True):
            assert reminders_send_due.delay().get() == 1
    mail = mailoutbox[0]
    assert mail.subject.startswith("Reminder") and "/en/events/" in mail.body
    ics = next(content for name, content, _type in mail.attachments if name.endswith(".ics"))
    vevent = next(iter(Calendar.from_ical(ics).walk("VEVENT")))
    assert str(vevent["SUMMARY"]) == "City walk"
    assert "/en/events/" in str(vevent["URL"])


def test_queueing_the_sign_up_mail_subscribes_to_no_result():
    """Every sign-up queues it inside the request: with a result, Celery's Redis backend would
    subscribe to (and unsubscribe from) the result's channel each time, and nobody reads it."""
    assert signup_mail_send_task.ignore_result is True


def test_reminders_are_handed_out_in_chunks_and_a_run_with_nothing_to_send_is_one_query(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks, django_assert_num_queries
):
    from events import services
    from events.tasks import reminders_send_chunk

    monkeypatch.setattr(services, "REMINDER_CHUNK", 2)
    chunks = []
    original = reminders_send_chunk.run
    monkeypatch.setattr(reminders_send_chunk, "run", lambda ids: chunks.append(ids) or original(ids))
    with freeze_time("2026-10-01 08:00"):
        event = EventFactory(starts_at=_at("2026-10-02 07:00"), ends_at=_at("2026-10-02 09:00"))
        signups = SignUpFactory.create_batch(5, event=event)
        # One was reminded by an earlier run: it is not handed out again.
        with django_capture_on_commit_callbacks(execute=True):
            services.signup_reminders_send_for(signup_ids=[signups[0].pk])
        with django_capture_on_commit_callbacks(execute=True):
            assert reminders_send_due.delay().get() == 4
        assert sorted(map(len, chunks)) == [2, 2]
        assert sorted(pk for chunk in chunks for pk in chunk) == sorted(s.pk for s in signups[1:])
        assert len(mailoutbox) == 5
        # A chunk run twice (a retry) sends nothing twice.
        assert reminders_send_chunk.run(chunks[0]) == 0
        with django_assert_num_queries(1):
            assert reminders_send_due.delay().get() == 0


def test_a_signup_queues_its_mail_after_commit_a_few_seconds_later(
    monkeypatch, django_capture_on_commit_callbacks
):
    """In a rush the requests get the CPUs first: the worker renders the confirmation a few seconds
    after the decision (bench/README.md: the 200-sign-up rush's p95 fell from about 1.0 s to 0.7 s)."""
    from events import services

    queued = []
    monkeypatch.setattr(
        signup_mail_send_task, "apply_async", lambda args, **options: queued.append((args, options))
    )
    event = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        signup = services.signup_create(event=event, user=UserFactory())
        assert queued == []  # nothing is queued before the decision is committed
    for callback in callbacks:
        callback()
    assert queued == [((signup.pk, "confirmed"), {"countdown": services.SIGNUP_MAIL_DELAY_SECONDS})]
    assert 0 < services.SIGNUP_MAIL_DELAY_SECONDS <= 10


def test_a_chunk_of_reminders_builds_each_calendar_once_per_language_and_sends_in_one_task(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    from events import ics, services
    from network import tasks as network_tasks

    built, batches = [], []
    original_ics = ics.event_ics_bytes
    monkeypatch.setattr(ics, "event_ics_bytes", lambda **kw: built.append(kw) or original_ics(**kw))
    original_batch = network_tasks.outgoing_mails_send.run
    monkeypatch.setattr(
        network_tasks.outgoing_mails_send, "run", lambda ids: batches.append(ids) or original_batch(ids)
    )
    single = []
    monkeypatch.setattr(network_tasks.outgoing_mail_send, "delay", lambda pk: single.append(pk))
    with freeze_time("2026-10-01 08:00"):
        walk = EventFactory(starts_at=_at("2026-10-02 07:00"), ends_at=_at("2026-10-02 09:00"))
        cafe = EventFactory(starts_at=_at("2026-10-02 08:00"), ends_at=_at("2026-10-02 09:00"))
        signups = [
            *SignUpFactory.create_batch(3, event=walk, user__language="nb"),
            *SignUpFactory.create_batch(2, event=walk, user__language="en"),
            SignUpFactory(event=cafe, user__language="en"),
        ]
        with django_capture_on_commit_callbacks(execute=True):
            assert services.signup_reminders_send_for(signup_ids=[s.pk for s in signups]) == 6
    assert sorted((kw["event"].pk, kw["language"]) for kw in built) == sorted(
        [(walk.pk, "nb"), (walk.pk, "en"), (cafe.pk, "en")]
    )
    assert len(batches) == 1 and len(batches[0]) == 6 and not single
    assert len(mailoutbox) == 6
    assert all(len(m.attachments) == 1 for m in mailoutbox)
    by_person = {m.to[0]: m for m in mailoutbox}
    cafe_mail = by_person[signups[-1].user.email]
    assert f"activity-{cafe.pk}.ics" == cafe_mail.attachments[0][0]
