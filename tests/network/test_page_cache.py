"""The logged-in person's pages served again from the cache (`network.page_cache`): served without a
query while nothing changed, and never older than the newest write, whoever made it and however."""

import contextlib
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse as django_reverse
from django.utils import translation

from companies.models import Hire
from events import services as event_services
from events.models import SignUp
from network import page_cache
from network.models import OutgoingMail
from tests.companies.factories import HireFactory, HRStaffFactory
from tests.events.factories import EventFactory, SignUpFactory
from tests.network.factories import UserFactory
from tests.newcomers.factories import NewcomerProfileFactory

pytestmark = pytest.mark.django_db


def _logged_in(client, user=None):
    """Log in, in English, with the CSRF cookie a browser has after the login form."""
    user = user or UserFactory(first_name="Asha", language="en")
    client.force_login(user)
    client.get(reverse("home"))
    assert settings.CSRF_COOKIE_NAME in client.cookies
    return user


def reverse(name, **kwargs):
    with translation.override("en"):
        return django_reverse(name, **kwargs)


@contextlib.contextmanager
def _only_the_session_read():
    """Served from the cache: no user, no roles, no data; at most the session's query (the database
    session store of the SQLite tests; with Redis, `cached_db` reads it from the cache)."""
    with CaptureQueriesContext(connection) as queries:
        yield
    assert len(queries) <= 1, queries.captured_queries
    assert all("django_session" in query["sql"] for query in queries), queries.captured_queries


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_the_second_view_is_served_without_a_query_and_is_private(client):
    _logged_in(client)
    event = EventFactory(title_en="Ice skating at Kongsten")
    url = reverse("events:detail", kwargs={"pk": event.pk})
    first = _get(client, url)
    with _only_the_session_read():
        response = client.get(url)
    assert response.content.decode() == first and "Ice skating at Kongsten" in first
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("url_name", ["events:list", "events:month", "events:my", "newcomers:dashboard"])
def test_every_newcomer_page_is_kept(client, url_name):
    profile = NewcomerProfileFactory(user__language="en")
    _logged_in(client, profile.user)
    SignUpFactory(user=profile.user, event=EventFactory(title_en="Board games in Halden"))
    first = _get(client, reverse(url_name))
    with _only_the_session_read():
        assert client.get(reverse(url_name)).content.decode() == first


@pytest.mark.parametrize("url_name", ["companies:hr_dashboard", "companies:board"])
def test_the_hr_pages_are_kept(client, url_name):
    staff = HRStaffFactory()
    HireFactory(company=staff.company, name="Chen Wei")
    _logged_in(client, staff.user)
    first = _get(client, reverse(url_name))
    with _only_the_session_read():
        assert client.get(reverse(url_name)).content.decode() == first
    # A hire added by a colleague shows at once.
    HireFactory(company=staff.company, name="Siri Dahl")
    assert "Siri Dahl" in _get(client, reverse("companies:board"))


def test_someone_elses_sign_up_changes_the_seats_i_see(client):
    _logged_in(client)
    event = EventFactory(capacity=10)
    url = reverse("events:detail", kwargs={"pk": event.pk})
    assert "10 seats left" in _get(client, url)
    event_services.signup_create(event=event, user=UserFactory())
    page = _get(client, url)
    assert "9 seats left" in page and "10 seats left" not in page


def test_my_own_sign_up_shows_at_once_in_every_page(client):
    user = _logged_in(client)
    event = EventFactory(title_en="Sauna by the fjord", capacity=10)
    detail = reverse("events:detail", kwargs={"pk": event.pk})
    _get(client, detail)
    _get(client, reverse("events:my"))
    response = client.post(
        reverse("events:signup", kwargs={"pk": event.pk}),
        {"extra_adults": 0, "extra_children": 0},
        follow=True,
    )
    assert SignUp.objects.filter(event=event, user=user, status=SignUp.Status.CONFIRMED).exists()
    assert "You are signed up" in response.content.decode()
    # Without the one-time message, from the cache: still the state after the sign-up.
    again = _get(client, detail)
    assert "You are signed up." in again and "9 seats left" in again
    assert "Sauna by the fjord" in _get(client, reverse("events:my"))


def test_writes_that_signals_never_see_make_the_page_stale(client):
    staff = HRStaffFactory()
    hire = HireFactory(company=staff.company, name="Chen Wei")
    _logged_in(client, staff.user)
    url = reverse("companies:board")
    assert "Chen Wei" in _get(client, url)
    Hire.objects.filter(pk=hire.pk).update(name="Chen Wei-Hansen")  # no signal, no save()
    assert "Chen Wei-Hansen" in _get(client, url)


def test_a_committed_write_changes_the_version_for_every_process(django_capture_on_commit_callbacks):
    before = page_cache.version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        UserFactory()
    # Not committed yet: other processes keep the old version (this connection sees its write).
    assert cache.get(page_cache.VERSION_KEY) == before
    assert page_cache._after_commit in callbacks and callbacks.count(page_cache._after_commit) == 1
    callbacks[callbacks.index(page_cache._after_commit)]()
    assert cache.get(page_cache.VERSION_KEY) != before


def test_sessions_and_the_outbox_are_not_shown_data(client):
    _logged_in(client)
    url = reverse("events:list")
    _get(client, url)
    SessionStore().save()
    OutgoingMail.objects.create(key="test:1", to="someone@example.com", subject="Hi", body_text="Hi")
    OutgoingMail.objects.update(subject="Hello")
    with _only_the_session_read():
        _get(client, url)


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('SELECT "events_event"."id" FROM "events_event"', False),
        ("  select 1", False),
        ('SAVEPOINT "s1"', False),
        ('INSERT INTO "events_signup" ("event_id") VALUES (%s)', True),
        ('UPDATE "events_event" SET "title_en" = %s', True),
        ('DELETE FROM "network_user" WHERE "id" = %s', True),
        ("insert into events_signup values (1)", True),
        ('INSERT INTO "django_session" ("session_key") VALUES (%s)', False),
        ('UPDATE "network_outgoingmail" SET "sent_at" = %s', False),
        ('DELETE FROM "django_celery_beat_periodictask"', False),
        ('UPDATE "events_eventmessagerecipient" SET "mailed_at" = %s', False),
        ('INSERT INTO "django_admin_log" ("action_flag") VALUES (%s)', False),
        ('UPDATE "events_eventmessage" SET "subject_en" = %s', True),
        ('TRUNCATE "events_event"', True),
        ('WITH x AS (SELECT 1) UPDATE "events_event" SET "capacity" = 1', True),
    ],
)
def test_which_statements_write_shown_data(sql, writes):
    assert page_cache.writes_shown_data(sql) is writes


def test_a_statement_that_is_not_text_counts_as_a_write():
    """psycopg's composed SQL (`psycopg.sql.SQL`) cannot be read as text, so it is taken as a write."""
    from psycopg import sql

    before = page_cache.version()
    page_cache.track_writes(lambda *args: None, sql.SQL("SELECT 1"), None, False, {"connection": connection})
    assert page_cache.version() != before


def test_every_connection_is_tracked_once():
    connection.ensure_connection()
    assert connection.execute_wrappers.count(page_cache.track_writes) == 1
    page_cache.install(sender=None, connection=connection)
    assert connection.execute_wrappers.count(page_cache.track_writes) == 1


def test_a_page_is_not_kept_longer_than_a_minute(client):
    _logged_in(client)
    url = reverse("events:detail", kwargs={"pk": EventFactory().pk})
    with mock.patch.object(page_cache, "cache", wraps=cache) as spy:
        _get(client, url)
    [stored] = [
        call
        for call in spy.set.call_args_list
        if call.args[0].startswith("network:pages:") and call.args[0] != page_cache.VERSION_KEY
    ]
    assert stored.args[2] == page_cache.SECONDS == 60


def test_nobody_gets_another_persons_page(client):
    from django.test import Client

    event = EventFactory()
    url = reverse("events:detail", kwargs={"pk": event.pk})
    signed_up = _logged_in(client)
    SignUpFactory(user=signed_up, event=event)
    assert "You are signed up." in _get(client, url)
    other = Client()
    _logged_in(other, UserFactory(first_name="Bjørn"))
    page = _get(other, url)
    assert "You are signed up." not in page and "Bjørn" in page


def test_a_replayed_cookie_after_logout_gets_no_page(client):
    _logged_in(client)
    url = reverse("events:my")
    _get(client, url)
    cookie = client.cookies["sessionid"].value
    client.post(reverse("account_logout"))
    client.cookies["sessionid"] = cookie
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_password_changed_elsewhere_ends_the_kept_pages(client):
    user = _logged_in(client)
    url = reverse("events:my")
    _get(client, url)
    user.set_password("a new one, chosen on another device")
    user.save()
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_deactivated_person_is_not_served_from_the_cache(client):
    user = _logged_in(client)
    url = reverse("events:my")
    _get(client, url)
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    assert client.get(url).status_code == 302


def test_a_page_with_a_message_is_neither_kept_nor_served_from_the_cache(client):
    user = _logged_in(client)
    event = EventFactory()
    url = reverse("events:detail", kwargs={"pk": event.pk})
    _get(client, url)  # kept
    signup = SignUpFactory(user=user, event=event)
    response = client.post(reverse("events:cancel", kwargs={"pk": signup.pk}), follow=True)
    assert response.status_code == 200
    message_page = client.get(url)  # no message left: a fresh page, not the one kept before
    assert "You are signed up." not in message_page.content.decode()


def test_the_language_is_part_of_the_key(client):
    _logged_in(client)
    event = EventFactory(title_en="Cross-country skiing", title_nb="Langrenn")
    assert "Cross-country skiing" in _get(client, f"/en/events/{event.pk}/")
    assert "Langrenn" in _get(client, f"/nb/events/{event.pk}/")


@pytest.mark.django_db(transaction=True)
def test_a_write_committed_by_another_request_shows_at_once(client):
    """Real commits, as between two gunicorn workers: the version changes when the write commits."""
    from django.db import transaction

    _logged_in(client)
    event = EventFactory(capacity=10)
    url = reverse("events:detail", kwargs={"pk": event.pk})
    _get(client, url)
    assert "10 seats left" in _get(client, url)
    kept = cache.get(page_cache.VERSION_KEY)
    with transaction.atomic():
        event_services.signup_create(event=event, user=UserFactory())
    assert cache.get(page_cache.VERSION_KEY) != kept
    assert "9 seats left" in _get(client, url)
