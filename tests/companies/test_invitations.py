"""HR staff invitations: signed, expiring, revocable links that create or link the account."""

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.core import signing
from django.utils import timezone, translation
from django.utils.translation import gettext

from companies import services
from companies.models import HRInvitation, HRStaff
from network.models import User
from tests.network.factories import CoordinatorFactory, UserFactory

from .factories import CompanyFactory, HRInvitationFactory, HRStaffFactory

pytestmark = pytest.mark.django_db


def _url(invitation, language="en"):
    return f"/{language}/companies/invitation/{services.link_token(purpose='hr', pk=invitation.pk)}/"


def _account_form(**overrides):
    return {
        "first_name": "Ingrid",
        "last_name": "Berg",
        "password1": "a-long-secret-9517",
        "password2": "a-long-secret-9517",
        **overrides,
    }


def test_the_coordinator_invites_from_admin_and_the_mail_carries_a_working_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    company = CompanyFactory(name="Glomma IKT AS")
    client.force_login(CoordinatorFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/admin/companies/hrinvitation/add/",
            {"company": company.pk, "email": "hr@glomma.example", "language": "nb"},
        )
    assert response.status_code == 302
    invitation = HRInvitation.objects.get()
    assert invitation.email == "hr@glomma.example" and invitation.status() == "open"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["hr@glomma.example"]
    # In the language the coordinator chose for the mail.
    with translation.override("nb"):
        subject = gettext("Invitation: HR staff of %(company)s in the expat network") % {
            "company": "Glomma IKT AS"
        }
    assert mail.subject == subject and not subject.startswith("Invitation")
    link = next(line for line in mail.body.splitlines() if "/companies/invitation/" in line)
    client.logout()
    path = urlparse(link.strip()).path
    assert path.startswith("/nb/")
    assert "Glomma IKT AS" in client.get(path).content.decode()


def test_a_new_person_creates_the_account_and_becomes_hr_staff(client):
    invitation = HRInvitationFactory(email="New.HR@Example.com")
    response = client.post(_url(invitation), _account_form())
    assert response.status_code == 302 and response["Location"] == "/en/companies/hr/"
    user = User.objects.get(email__iexact="new.hr@example.com")
    assert user.kind == User.Kind.HR and user.emailaddress_set.get().verified
    assert HRStaff.objects.get(user=user, left_at__isnull=True).company == invitation.company
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.status() == "accepted"
    # The person is logged in and lands in the HR workspace.
    assert client.get("/en/companies/hr/").status_code == 200


def test_a_weak_or_mismatched_password_keeps_the_form_and_creates_nothing(client):
    invitation = HRInvitationFactory()
    response = client.post(_url(invitation), _account_form(password2="something-else-1234"))
    assert response.status_code == 200
    assert "The two passwords are not the same." in response.content.decode()
    assert 'value="Ingrid"' in response.content.decode()
    response = client.post(_url(invitation), _account_form(password1="123", password2="123"))
    assert response.status_code == 200 and "This password is too short." in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()
    assert HRInvitation.objects.get().accepted_at is None


def test_an_existing_account_must_log_in_with_the_invited_address(client):
    invitation = HRInvitationFactory(email="ingrid@example.com")
    existing = UserFactory(email="ingrid@example.com", kind=User.Kind.VOLUNTEER)
    page = client.get(_url(invitation)).content.decode()
    assert "There is already an account for ingrid@example.com" in page
    other = UserFactory(email="someone.else@example.com")
    client.force_login(other)
    response = client.post(_url(invitation))
    assert "This invitation was sent to ingrid@example.com" in response.content.decode()
    assert not HRStaff.objects.exists()
    client.force_login(existing)
    assert client.post(_url(invitation)).status_code == 302
    existing.refresh_from_db()
    assert existing.kind == User.Kind.HR
    assert HRStaff.objects.get().user == existing


def test_accepting_for_another_company_ends_the_former_position():
    position = HRStaffFactory()
    invitation = HRInvitationFactory(email=position.user.email)
    new_position = services.hr_invitation_accept(invitation=invitation, user=position.user)
    position.refresh_from_db()
    assert position.left_at is not None
    assert new_position.company == invitation.company and new_position.left_at is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"revoked_at": timezone.now()}, "This invitation has been withdrawn."),
        ({"expires_at": timezone.now() - dt.timedelta(minutes=1)}, "This invitation has expired."),
        ({"accepted_at": timezone.now()}, "This invitation has already been accepted."),
    ],
)
def test_unusable_invitations_are_refused_with_a_clear_message(client, change, message):
    invitation = HRInvitationFactory(**change)
    for method in (client.get, client.post):
        response = method(_url(invitation), _account_form())
        assert response.status_code == 404
        assert message in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_forged_tampered_and_other_purpose_links_are_refused(client):
    invitation = HRInvitationFactory()
    token = services.link_token(purpose="hr", pk=invitation.pk)
    forged = signing.dumps({"p": "hr", "id": invitation.pk}, salt="another-salt")
    for bad in (token[:-2] + "xx", forged, services.link_token(purpose="hire", pk=invitation.pk), "nonsense"):
        response = client.get(f"/en/companies/invitation/{bad}/")
        assert response.status_code == 404
        assert "This link is not valid." in response.content.decode()
    with translation.override("nb"):
        message = gettext("This link is not valid. Check that you copied all of it.")
    assert message in client.get("/nb/companies/invitation/nonsense/").content.decode()


def test_an_old_link_expires_even_if_the_row_says_open(client):
    invitation = HRInvitationFactory(expires_at=timezone.now() + dt.timedelta(days=100))
    token = services.link_token(purpose="hr", pk=invitation.pk)
    with pytest.raises(services.InvitationError) as error, translation.override("en"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(services.registry, "HR_INVITATION_DAYS", 0)
            services.hr_invitation_from_token(token=token)
    assert "expired" in str(error.value)


def test_revoke_action_in_admin(client):
    open_invitation, accepted = HRInvitationFactory(), HRInvitationFactory(accepted_at=timezone.now())
    client.force_login(CoordinatorFactory())
    response = client.post(
        "/en/admin/companies/hrinvitation/",
        {"action": "revoke", "_selected_action": [open_invitation.pk, accepted.pk]},
    )
    assert response.status_code == 302
    open_invitation.refresh_from_db()
    accepted.refresh_from_db()
    assert open_invitation.status() == "revoked" and accepted.status() == "accepted"


def test_hr_staff_can_leave_their_company(client):
    position = HRStaffFactory()
    client.force_login(position.user)
    assert client.post("/en/companies/hr/leave/").status_code == 302
    position.refresh_from_db()
    assert position.left_at is not None
    assert client.get("/en/companies/hr/").status_code == 403
