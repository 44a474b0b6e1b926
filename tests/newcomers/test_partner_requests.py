"""A partner who signed up on their own asks to join a newcomer's household; the newcomer decides."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from network.models import OutgoingMail, User
from newcomers import services
from newcomers.models import Partner, PartnerRequest
from newcomers.selectors import user_data_export
from tests.companies.factories import HRStaffFactory
from tests.network.factories import UserFactory

from .factories import NewcomerProfileFactory

pytestmark = pytest.mark.django_db

ASK = "/en/newcomers/partner-request/"


def _newcomer(**user):
    defaults = {"email": "nadia@example.com", "first_name": "Nadia", "last_name": "Haddad", "language": "nb"}
    return NewcomerProfileFactory(user=UserFactory(**{**defaults, **user}))


def _requester(**user):
    return UserFactory(**{"first_name": "Tomas", "last_name": "Berg", "language": "en", **user})


def _ask(client, email):
    return client.post(ASK, {"email": email}, follow=True)


def _confirm(client, request_id):
    return client.post(f"/en/newcomers/partner-requests/{request_id}/confirm/")


def test_partner_asks_the_newcomer_confirms_and_the_household_is_linked_both_ways(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    profile = _newcomer()
    requester = _requester()
    client.force_login(requester)

    # A fresh account is sent to the consent step, which offers joining a partner's household.
    consent = client.get("/en/newcomers/", follow=True).content.decode()
    assert 'href="/en/newcomers/partner-request/"' in consent
    with django_capture_on_commit_callbacks(execute=True):
        page = _ask(client, " NADIA@example.com ").content.decode()
    assert "If this address belongs to a newcomer in the network" in page
    assert "you asked to join the household of nadia@example.com" in page
    request = PartnerRequest.objects.get()
    assert (request.requester, request.profile, request.status) == (requester, profile, "pending")

    # The newcomer is asked once, in their own language, with a link to their page.
    [mail] = mailoutbox
    assert mail.to == ["nadia@example.com"]
    assert "Tomas Berg (" in mail.body and "/nb/newcomers/" in mail.body
    assert "husstand" in mail.subject  # bokmål
    assert "already waiting" in _ask(client, "nadia@example.com").content.decode()
    assert PartnerRequest.objects.count() == 1 and len(mailoutbox) == 1

    client.force_login(profile.user)
    dashboard = client.get("/en/newcomers/").content.decode()
    assert "Tomas Berg (" in dashboard and f"/partner-requests/{request.pk}/confirm/" in dashboard
    with django_capture_on_commit_callbacks(execute=True):
        assert _confirm(client, request.pk).url == "/en/newcomers/"

    partner = Partner.objects.get(profile=profile)
    requester.refresh_from_db()
    assert (partner.name, partner.email, partner.user) == ("Tomas Berg", requester.email, requester)
    assert requester.kind == User.Kind.PARTNER and requester.partner_of.profile == profile
    request.refresh_from_db()
    assert request.status == "confirmed" and request.decided_at
    assert "partner-requests" not in client.get("/en/newcomers/").content.decode()
    [told] = OutgoingMail.objects.filter(key=f"newcomers:partner-request:{request.pk}:answer")
    assert told.to == requester.email and told.language == "en" and "Nadia Haddad" in told.body_text

    # A replayed confirm (or a late "no") changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        _confirm(client, request.pk)
        client.post(f"/en/newcomers/partner-requests/{request.pk}/decline/")
    request.refresh_from_db()
    assert request.status == "confirmed" and Partner.objects.count() == 1
    assert OutgoingMail.objects.filter(key__startswith="newcomers:partner-request").count() == 2

    # The partner starts on the careers page, with their own short start and no household questions.
    client.force_login(requester)
    home = client.get("/en/newcomers/", follow=True)
    assert home.redirect_chain[-1][0] == "/en/careers/"
    text = home.content.decode()
    assert "Fill in my career profile" in text and "Your household: Nadia Haddad" in text
    assert "years of birth" not in text
    assert client.get(ASK).status_code == 403  # a partner's account cannot ask again


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(client):
    _newcomer(email="known@example.com")
    UserFactory(email="hr-person@example.com", kind=User.Kind.HR)
    pages = []
    for email in ("known@example.com", "nobody@example.com", "hr-person@example.com"):
        client.force_login(_requester())
        response = _ask(client, email)
        messages = [str(m) for m in response.context["messages"]]
        page = response.content.decode().replace(email, "ADDRESS").split("<main")[1]
        pages.append((messages, re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)))
    assert pages[0] == pages[1] == pages[2]
    # Only the newcomer who can answer is asked.
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == ["known@example.com"]
    assert list(PartnerRequest.objects.order_by("pk").values_list("profile__user__email", flat=True)) == [
        "known@example.com",
        None,
        None,
    ]


def test_declining_tells_the_requester_neutrally_and_they_cannot_ask_again(
    client, django_capture_on_commit_callbacks
):
    profile = _newcomer()
    requester = _requester(language="nb")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.partner_request_create(requester=requester, email=profile.user.email)
    client.force_login(profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/nb/newcomers/partner-requests/{request.pk}/decline/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "declined" and not Partner.objects.exists()
    [told] = OutgoingMail.objects.filter(to=requester.email)
    assert told.language == "nb" and "ikke bekreftet" in told.body_text
    assert "Nadia" not in told.body_text + told.subject and profile.user.email not in told.body_text
    requester.refresh_from_db()
    assert requester.kind == User.Kind.NEWCOMER

    client.force_login(requester)
    assert "was not confirmed" in client.get(ASK).content.decode()
    assert "already asked for this address" in _ask(client, "Nadia@example.com").content.decode()
    assert PartnerRequest.objects.count() == 1


def test_a_withdrawn_request_leaves_the_newcomers_page(client):
    profile = _newcomer()
    requester = _requester()
    services.partner_request_create(requester=requester, email=profile.user.email)
    client.force_login(requester)
    client.post("/en/newcomers/partner-request/withdraw/")
    assert not PartnerRequest.objects.exists()
    client.force_login(profile.user)
    assert "Is this your partner?" not in client.get("/en/newcomers/").content.decode()


def test_a_newcomer_with_a_partner_account_cannot_get_a_second_one(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    linked = _newcomer(email="linked@example.com")
    Partner.objects.create(profile=linked, name="First", user=UserFactory(kind=User.Kind.PARTNER))
    with django_capture_on_commit_callbacks(execute=True):
        request = services.partner_request_create(requester=_requester(), email="linked@example.com")
    assert request.profile is None and not mailoutbox  # nobody to ask: stored, not sent

    # Linked meanwhile (the invitation the newcomer sent was accepted): confirming is refused.
    profile = _newcomer()
    request = services.partner_request_create(requester=_requester(), email=profile.user.email)
    first = UserFactory()
    Partner.objects.create(profile=profile, name="Kari", email=first.email)
    services.partner_account_link(user=first, email=first.email)
    client.force_login(profile.user)
    response = client.post(f"/en/newcomers/partner-requests/{request.pk}/confirm/", follow=True)
    assert "already has an account linked" in response.content.decode()
    assert Partner.objects.get(profile=profile).user == first
    request.refresh_from_db()
    assert request.status == "pending" and request.requester.kind == User.Kind.NEWCOMER


def test_an_existing_partner_row_is_completed_and_other_claims_are_declined(
    django_capture_on_commit_callbacks,
):
    profile = _newcomer()
    Partner.objects.create(profile=profile, name="T. Berg", email="old@example.com", looking_for_work=True)
    requester, impostor = _requester(), _requester(first_name="Ivan", last_name="")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.partner_request_create(requester=requester, email=profile.user.email)
        other = services.partner_request_create(requester=impostor, email=profile.user.email)
        assert services.partner_request_confirm(user=profile.user, request_id=request.pk) is True
    partner = Partner.objects.get()
    assert (partner.name, partner.email, partner.user, partner.looking_for_work) == (
        "Tomas Berg",
        requester.email,
        requester,
        True,
    )
    other.refresh_from_db()
    assert other.status == "declined"
    assert OutgoingMail.objects.filter(to=impostor.email, key__endswith=":answer").count() == 1


def test_forged_ids_are_404_and_only_own_accounts_without_a_household_may_ask(client):
    profile = _newcomer()
    request = services.partner_request_create(requester=_requester(), email=profile.user.email)
    client.force_login(_newcomer(email="someone-else@example.com").user)
    assert _confirm(client, request.pk).status_code == 404
    assert client.post(f"/en/newcomers/partner-requests/{request.pk}/decline/").status_code == 404
    assert _confirm(client, 999999).status_code == 404
    # The requester cannot answer their own question either.
    client.force_login(request.requester)
    assert _confirm(client, request.pk).status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"

    # Someone with a household of their own is sent to it; HR staff are refused.
    client.force_login(profile.user)
    assert client.get(ASK).url == "/en/newcomers/"
    with pytest.raises(services.PartnerRequestError):
        services.partner_request_create(requester=profile.user, email="x@example.com")
    hr = HRStaffFactory().user
    client.force_login(hr)
    assert client.post(ASK, {"email": profile.user.email}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.partner_request_create(requester=hr, email=profile.user.email)
    assert PartnerRequest.objects.count() == 1


def test_asking_is_rate_limited(client):
    client.force_login(_requester())
    statuses = []
    for n in range(6):
        statuses.append(client.post(ASK, {"email": f"guess{n}@example.com"}).status_code)
        client.post("/en/newcomers/partner-request/withdraw/")
    assert statuses[:5] == [302] * 5 and statuses[5] == 429


def test_the_database_holds_one_question_at_a_time_and_once_per_person():
    profile = _newcomer()
    requester = _requester()
    PartnerRequest.objects.create(requester=requester, email="a@example.com", profile=profile)
    for row in (
        {"email": "b@example.com"},  # a second one waiting
        {"email": "a@example.com", "status": "declined", "decided_at": timezone.now()},  # same address
        {"email": "c@example.com", "profile": profile, "status": "declined", "decided_at": timezone.now()},
        {"email": "d@example.com", "status": "declined"},  # answered without a date
        {"email": "e@example.com", "status": "confirmed", "decided_at": timezone.now()},  # by nobody
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            PartnerRequest.objects.create(requester=requester, **row)


def test_the_export_holds_requests_made_and_received():
    profile = _newcomer()
    requester = _requester()
    services.partner_request_create(requester=requester, email=profile.user.email)
    made = user_data_export(user=requester)["partner_requests"]
    assert [(r["email"], r["status"]) for r in made["made"]] == [(profile.user.email, "pending")]
    received = user_data_export(user=profile.user)["partner_requests"]["received"]
    assert [(r["name"], r["email"]) for r in received] == [("Tomas Berg", requester.email)]


def test_the_coordinator_sees_the_requests_but_cannot_answer_them(client):
    from tests.network.factories import CoordinatorFactory

    profile = _newcomer()
    request = services.partner_request_create(requester=_requester(), email=profile.user.email)
    client.force_login(CoordinatorFactory())
    assert profile.user.email in client.get("/en/admin/newcomers/partnerrequest/").content.decode()
    page = client.get(f"/en/admin/newcomers/partnerrequest/{request.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
