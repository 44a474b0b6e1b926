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
