import json

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import SignUp
from network.models import OutgoingMail, User
from newcomers.models import AnonymousStat, ChecklistTick, ContactMessage, ErasureRecord, NewcomerProfile
from newcomers.services import welcome_pack_send
from tests.events.factories import EventFactory, SignUpFactory
from tests.network.factories import ContactPersonFactory, CoordinatorFactory, UserFactory

from .factories import ChecklistItemFactory, NewcomerProfileFactory

pytestmark = pytest.mark.django_db


def test_contact_message_is_stored_and_mailed(client, mailoutbox, django_capture_on_commit_callbacks):
    ContactPersonFactory(email="contact@example.com")
    profile = NewcomerProfileFactory()
    client.force_login(profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/newcomers/contact/", {"subject": "Kindergarten", "message": "Where do I apply?"}
        )
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.user == profile.user and message.message == "Where do I apply?"
    assert mailoutbox[0].to == ["contact@example.com"]
    client.force_login(CoordinatorFactory())
    assert "Kindergarten" in client.get("/en/admin/newcomers/contactmessage/").content.decode()


def test_empty_contact_message_is_a_translated_form_error(client):
    client.force_login(NewcomerProfileFactory().user)
    response = client.post("/nb/newcomers/contact/", {"subject": "", "message": ""})
    assert response.status_code == 200
    assert "Feltet er påkrevet." in response.content.decode()
    assert not ContactMessage.objects.exists()


def test_download_my_data_contains_everything_stored(client):
    profile = NewcomerProfileFactory(languages="Hindi")
    item = ChecklistItemFactory(title_en="Tax card")
    ChecklistTick.objects.create(profile=profile, item=item)
    SignUpFactory(event=EventFactory(title_en="Harbour walk"), user=profile.user)
    ContactMessage.objects.create(user=profile.user, subject="Hi", message="Hello")
    client.force_login(profile.user)
    response = client.get("/en/newcomers/my-data.json")
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == profile.user.email
    assert data["profile"]["languages"] == "Hindi"
    assert data["profile"]["citizenship"] == "IN"
    assert data["profile"]["consents"]["data_storage"]
    assert data["checklist"][0]["item"] == "Tax card"
    assert data["sign_ups"][0]["activity"] == "Harbour walk"
    assert data["messages"][0]["subject"] == "Hi"


def test_delete_account_needs_the_password(client):
    profile = NewcomerProfileFactory()
    client.force_login(profile.user)
    response = client.post("/en/newcomers/delete-account/", {"password": "wrong"})
    assert response.status_code == 200
    assert "The password is not correct." in response.content.decode()
    assert User.objects.filter(pk=profile.user_id, is_active=True).exists()


def test_delete_account_logs_out_erases_and_keeps_anonymous_counts(
    client, django_capture_on_commit_callbacks
):
    profile = NewcomerProfileFactory(citizenship="IN")
    email = profile.user.email
    SignUpFactory(event=EventFactory(), user=profile.user)
    ContactMessage.objects.create(user=profile.user, subject="Hi", message="Hello")
    OutgoingMail.objects.create(key="x", to=email, language="en", subject="S", body_text="B")
    client.force_login(profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/newcomers/delete-account/", {"password": "correct-horse-battery"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email=email).exists()
    assert not NewcomerProfile.objects.exists()
    assert not SignUp.objects.exists()
    assert not ContactMessage.objects.exists()
    assert not OutgoingMail.objects.filter(to=email).exists()
    stat = AnonymousStat.objects.get()
    assert (stat.citizenship, stat.country_group, stat.count) == ("IN", "other", 1)
    assert stat.municipality == profile.municipality.name
    record = ErasureRecord.objects.get()
    assert record.completed_at is not None
    client.force_login(CoordinatorFactory())
    assert client.get("/en/admin/newcomers/erasurerecord/").status_code == 200


def test_welcome_pack_is_sent_once_and_can_be_resent_from_admin(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    profile = NewcomerProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert welcome_pack_send(user=profile.user) is True
        assert welcome_pack_send(user=profile.user) is False
    assert len(mailoutbox) == 1
    client.force_login(CoordinatorFactory())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:newcomers_newcomerprofile_changelist"),
            {"action": "resend_welcome_pack", "_selected_action": [profile.pk]},
        )
    assert len(mailoutbox) == 2
    assert mailoutbox[1].attachments[0][1][:4] == b"%PDF"


def test_partner_is_invited_and_linked_when_they_confirm_their_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    from newcomers.models import Partner

    profile = NewcomerProfileFactory(user__language="nb")
    partner = Partner.objects.create(profile=profile, name="Kari", email="kari@example.com")
    client.force_login(profile.user)
    assert "Invite Kari by e-mail" in client.get("/en/newcomers/profile/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/newcomers/profile/invite-partner/")
        client.post("/en/newcomers/profile/invite-partner/")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["kari@example.com"]
    assert "/nb/accounts/signup/" in mailoutbox[0].body
    partner.refresh_from_db()
    assert partner.invited_at

    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/accounts/signup/",
            {
                "first_name": "Kari",
                "email": "KARI@example.com",
                "password1": "a-Long-pass-2026",
                "password2": "a-Long-pass-2026",
            },
        )
    new_user = User.objects.get(email="kari@example.com")
    partner.refresh_from_db()
    assert partner.user is None  # not before the address is confirmed
    confirm = mailoutbox[-1].body
    import re

    client.post(re.search(r"https?://[^/]+(/\S+)", confirm).group(1))
    partner.refresh_from_db()
    new_user.refresh_from_db()
    assert partner.user == new_user
    assert new_user.kind == User.Kind.PARTNER


def test_coordinators_preview_unpublished_information_pages(client):
    from django.utils import timezone

    from network.models import InfoPage

    InfoPage.objects.create(
        topic="health",
        title_en="Draft",
        slug="draft",
        body_en="Soon",
        published=False,
        last_reviewed=timezone.localdate(),
    )
    assert client.get("/en/info/draft/").status_code == 404
    client.force_login(CoordinatorFactory())
    assert client.get("/en/info/draft/").status_code == 200


@pytest.mark.parametrize("kind", ["newcomer without a profile", "hr", "volunteer", "partner"])
def test_every_logged_in_person_finds_their_data_and_account_deletion_under_my_account(
    client, kind, django_capture_on_commit_callbacks
):
    """Both links were only on the newcomer's profile page, which sends people who have not finished
    onboarding (and HR staff, volunteers) elsewhere."""
    from tests.companies.factories import HRStaffFactory

    if kind == "hr":
        user = HRStaffFactory().user
    else:
        user = UserFactory(
            kind={"volunteer": User.Kind.VOLUNTEER, "partner": User.Kind.PARTNER}.get(
                kind, User.Kind.NEWCOMER
            )
        )
    client.force_login(user)
    home = client.get("/en/").content.decode()
    assert 'href="/en/accounts/email/"' in home  # "My account" in the menu
    page = client.get("/en/accounts/email/").content.decode()
    with translation.override("en"):
        export, delete = reverse("newcomers:export"), reverse("newcomers:delete")
    assert f'href="{export}"' in page and f'href="{delete}"' in page
    assert client.get(export).status_code == 200
    norwegian = client.get(delete.replace("/en/", "/nb/", 1))
    assert norwegian.status_code == 200 and "Slett kontoen min" in norwegian.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete, {"password": "correct-horse-battery"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
