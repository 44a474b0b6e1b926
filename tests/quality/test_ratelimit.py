"""Forms that can be abused answer 429 (a page, not an error) after too many posts."""

import pytest

from newcomers.models import ContactMessage
from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_failed_logins_are_limited_with_429(client):
    UserFactory(email="target@example.com")
    statuses = [
        client.post(
            "/en/accounts/login/", {"login": "target@example.com", "password": f"wrong-{n}"}
        ).status_code
        for n in range(12)
    ]
    assert statuses[0] == 200
    assert statuses[-1] == 429
    assert 500 not in statuses


def test_password_reset_is_limited_with_429(client):
    UserFactory(email="reset@example.com")
    statuses = [
        client.post("/en/accounts/password/reset/", {"email": "reset@example.com"}).status_code
        for _ in range(8)
    ]
    assert 429 in statuses and 500 not in statuses


def test_signups_are_limited_with_429(client):
    statuses = [
        client.post(
            "/en/accounts/signup/",
            {
                "first_name": "Kari",
                "email": f"new{n}@example.com",
                "password1": "a-Long-pass-2026",
                "password2": "a-Long-pass-2026",
            },
        ).status_code
        for n in range(25)
    ]
    assert statuses[-1] == 429 and 500 not in statuses


def test_contact_form_is_limited_with_a_translated_429_page(client):
    client.force_login(UserFactory())
    statuses = [
        client.post("/nb/newcomers/contact/", {"subject": f"S{n}", "message": "M"}).status_code
        for n in range(7)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429, 429]
    assert ContactMessage.objects.count() == 5
    response = client.post("/nb/newcomers/contact/", {"subject": "S", "message": "M"})
    assert "For mange forsøk" in response.content.decode()


def _failed_login(client, n, **headers):
    return client.post(
        "/en/accounts/login/",
        {"login": f"nobody-{n}@example.com", "password": "wrong"},
        **headers,
    ).status_code


def test_an_invented_forwarded_for_header_does_not_escape_the_limits(client):
    """Without a trusted proxy (the default) X-Forwarded-For is ignored: it is the client's own words."""
    statuses = [
        _failed_login(client, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}", REMOTE_ADDR="198.51.100.7")
        for n in range(12)
    ]
    assert statuses[-1] == 429
    talent = [
        client.post(
            "/en/companies/talent-pool/register/", {}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        ).status_code
        for n in range(7)
    ]
    assert talent[-1] == 429 and 500 not in talent


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    # Twelve people behind the same proxy: none is limited because of the others.
    statuses = [_failed_login(client, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}", **proxy) for n in range(12)]
    assert 429 not in statuses
    # One person inventing a new left-hand entry each time is still one client (the proxy's entry).
    forged = [
        _failed_login(client, 100 + n, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.9", **proxy)
        for n in range(12)
    ]
    assert forged[-1] == 429


def test_client_ip_reads_only_the_entries_our_proxies_wrote(rf, settings):
    from network.ratelimit import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2", REMOTE_ADDR="10.0.0.2")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "2.2.2.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "1.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer hops than proxies: not what our proxies send
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
