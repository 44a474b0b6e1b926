import re

import pytest
from django.urls import reverse

from network.models import User
from tests.network.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _link(body: str) -> str:
    return re.search(r"https?://[^/]+(/\S+)", body).group(1)


def test_signup_sends_a_verification_mail_and_confirming_logs_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    RegionFactory()  # the subject's prefix is the region's name, from data
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/signup/",
            {
                "first_name": "Nora",
                "last_name": "Newcomer",
                "email": "New.Comer@Example.com",
                "password1": "a-Long-pass-2026",
                "password2": "a-Long-pass-2026",
            },
        )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "new.comer@example.com"
    assert user.kind == User.Kind.NEWCOMER
    assert user.get_full_name() == "Nora Newcomer"  # greeted and shown by name, not by address
    assert user.language == "en"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["new.comer@example.com"]
    assert "Søndre Viken" in mail.subject

    # Not verified yet: the login is refused until the address is confirmed.
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": "new.comer@example.com", "password": "a-Long-pass-2026"}
    )
    assert "_auth_user_id" not in client.session

    confirm_url = _link(mail.body)
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified
    response = client.post(
        "/en/accounts/login/", {"login": "new.comer@example.com", "password": "a-Long-pass-2026"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_in_norwegian_sends_the_mail_in_norwegian(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/nb/accounts/signup/",
            {
                "first_name": "Kari",
                "email": "ny@example.com",
                "password1": "a-Long-pass-2026",
                "password2": "a-Long-pass-2026",
            },
        )
    assert User.objects.get().language == "nb"
    assert "Bekreft" in mailoutbox[0].subject or "bekreft" in mailoutbox[0].body.lower()


def test_signup_with_an_existing_email_in_other_case_is_refused(client):
    UserFactory(email="taken@example.com")
    response = client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Kari",
            "email": "TAKEN@example.com",
            "password1": "a-Long-pass-2026",
            "password2": "a-Long-pass-2026",
        },
    )
    assert User.objects.filter(email__iexact="taken@example.com").count() == 1
    # allauth either re-renders with an error or pretends success (enumeration prevention); never 500.
    assert response.status_code in (200, 302)


def test_login_is_case_insensitive_on_the_email(client):
    user = UserFactory(email="mixed@example.com")
    response = client.post(
        "/en/accounts/login/", {"login": "MiXeD@Example.COM", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_a_translated_error(client):
    UserFactory(email="someone@example.com")
    response = client.post("/nb/accounts/login/", {"login": "someone@example.com", "password": "wrong"})
    assert response.status_code == 200
    assert "E-postadressen og/eller passordet du oppgav er feil" in response.content.decode()


def test_password_reset_sends_a_link_that_sets_a_new_password(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="forgetful@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": "forgetful@example.com"})
    assert len(mailoutbox) == 1
    url = _link(mailoutbox[0].body)
    response = client.get(url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else url
    response = client.post(form_url, {"password1": "brand-New-pass-1", "password2": "brand-New-pass-1"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-New-pass-1")


def test_logged_in_user_can_add_an_email_address(client, mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory(email="first@example.com")
    client.force_login(user)
    assert client.get(reverse("account_email")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_email"), {"action_add": "", "email": "second@example.com"})
    assert response.status_code == 302
    assert user.emailaddress_set.filter(email="second@example.com", verified=False).exists()
    assert mailoutbox[0].to == ["second@example.com"]


def test_account_pages_use_the_site_layout_in_both_languages(client):
    for lang, text in [("nb", "Hopp til hovedinnholdet"), ("en", "Skip to main content")]:
        html = client.get(f"/{lang}/accounts/login/").content.decode()
        assert f'<html lang="{lang}">' in html
        assert '<main id="main"' in html
        assert text in html


def test_email_is_unique_regardless_of_case_in_the_database():
    from django.db import IntegrityError, transaction

    UserFactory(email="unique@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="UNIQUE@example.com")


@pytest.mark.parametrize(
    ("kind", "is_staff", "target"),
    [
        ("newcomer", False, "/en/newcomers/"),
        ("partner", False, "/en/newcomers/"),
        # HR staff without a current company (they left it) land on the front page.
        ("hr", False, "/en/"),
        ("coordinator", True, "/en/admin/"),
    ],
)
def test_after_login_each_role_lands_on_its_page(client, kind, is_staff, target):
    user = UserFactory(email=f"{kind}@example.com", kind=kind, is_staff=is_staff)
    response = client.post("/en/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})
    assert response["Location"] == "/en/welcome/"
    assert client.get("/en/welcome/")["Location"] == target


def test_hr_staff_land_in_their_workspace(client):
    from tests.companies.factories import HRStaffFactory

    position = HRStaffFactory()
    client.post("/en/accounts/login/", {"login": position.user.email, "password": "correct-horse-battery"})
    assert client.get("/nb/welcome/")["Location"] == "/nb/companies/hr/"


@pytest.mark.parametrize(
    ("language", "greeting"), [("en", "Hello from Søndre Viken!"), ("nb", "Hei fra Søndre Viken!")]
)
def test_account_mails_name_the_region(
    client, mailoutbox, django_capture_on_commit_callbacks, language, greeting
):
    """allauth's mails said "Hello from !" and "register an account on ." with a blank site."""
    from tests.network.factories import RegionFactory

    RegionFactory(name="Søndre Viken")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/{language}/accounts/signup/",
            {
                "first_name": "Kari",
                "email": "new@example.com",
                "password1": "a-Long-pass-2026",
                "password2": "a-Long-pass-2026",
            },
        )
    UserFactory(email="known@example.com", language=language)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{language}/accounts/password/reset/", {"email": "known@example.com"})
    verification, reset = mailoutbox
    for mail in (verification, reset):
        assert greeting in mail.body, mail.body
        assert " on ." not in mail.body and " på ." not in mail.body and "fra !" not in mail.body
    assert "127.0.0.1:8000" in verification.body or "testserver" in verification.body


def test_signup_asks_for_a_first_name_and_the_dashboard_greets_by_it(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "anon@example.com", "password1": "a-Long-pass-2026", "password2": "a-Long-pass-2026"},
    )
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not User.objects.exists()
    from tests.newcomers.factories import NewcomerProfileFactory

    profile = NewcomerProfileFactory(user=UserFactory(first_name="Amina", email="amina.x@example.com"))
    client.force_login(profile.user)
    page = client.get("/en/newcomers/").content.decode()
    assert "Welcome, Amina" in page and "Welcome, amina.x@example.com" not in page
    nameless = NewcomerProfileFactory(user=UserFactory(first_name="", email="nameless@example.com"))
    client.force_login(nameless.user)
    assert "Welcome, nameless@example.com" not in client.get("/en/newcomers/").content.decode()
