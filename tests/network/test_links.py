"""Links to the portal outside a page (e-mails, calendar files, the feed address) are built one way."""

import pytest
from django.contrib.sites.models import Site
from django.urls import reverse

from network.services import absolute_url
from tests.events.factories import CalendarTokenFactory, EventFactory, SignUpFactory
from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    """The site as production configures it; the cached Site is dropped again afterwards."""
    current = Site.objects.get_current()
    current.domain = "portal.example"
    current.save()
    yield current
    Site.objects.clear_cache()


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_the_scheme_comes_from_settings_and_the_domain_from_the_site(site, settings, scheme):
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = scheme
    assert absolute_url("/nb/events/") == f"{scheme}://portal.example/nb/events/"


def test_with_a_language_the_path_goes_under_that_languages_prefix(site, settings):
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
    path = reverse("events:detail", kwargs={"pk": 3})
    assert path == "/nb/events/3/"
    assert absolute_url(path, language="en") == "https://portal.example/en/events/3/"
    assert absolute_url(path, language="nb") == "https://portal.example/nb/events/3/"
    assert absolute_url(path) == "https://portal.example/nb/events/3/"
    # A path reversed in another language than the active one moves all the same.
    assert absolute_url("/en/events/3/?page=2", language="nb") == "https://portal.example/nb/events/3/?page=2"
    # Outside i18n_patterns there is no prefix to change.
    assert absolute_url("/healthz", language="en") == "https://portal.example/healthz"


def test_mail_links_calendar_files_and_the_feed_address_agree(
    site, settings, client, mailoutbox, django_capture_on_commit_callbacks
):
    from events import mail
    from events.ics import event_ics_bytes

    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    user = UserFactory(language="en")
    event = EventFactory()
    expected = f"http://portal.example/en/events/{event.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        mail.signup_mail(signup=SignUpFactory(event=event, user=user), kind=mail.CONFIRMED)
    assert expected in mailoutbox[0].body
    assert "http://portal.example/en/events/mine/" in mailoutbox[0].body
    assert expected.encode() in event_ics_bytes(event=event, language="en")
    token = CalendarTokenFactory(user=user)
    client.force_login(user)
    page = client.get("/en/events/mine/").content.decode()
    assert f"http://portal.example/en/events/feeds/personal/{token.token}.ics" in page
