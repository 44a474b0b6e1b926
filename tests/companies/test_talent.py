"""The talent pool: registration with consent and CV, confirmation, search, interest, withdrawal."""

from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from companies import selectors, services
from companies.models import TalentCandidate, TalentInterest
from tests.network.factories import UserFactory

from .factories import PDF_BYTES, HRStaffFactory, ProfessionalFieldFactory, TalentCandidateFactory

pytestmark = pytest.mark.django_db


def _registration(field, **overrides):
    return {
        "name": "Ana Silva",
        "email": "ana@example.com",
        "professional_field": field.pk,
        "education": "master",
        "years_experience": "6",
        "languages": "Portuguese, English",
        "permit": "permit",
        "cv": SimpleUploadedFile("cv.pdf", PDF_BYTES, content_type="application/pdf"),
        "consent": "on",
        **overrides,
    }


def _link(mail, fragment):
    return urlparse(next(line for line in mail.body.splitlines() if fragment in line).strip()).path


def test_register_confirm_be_found_and_withdraw(client, mailoutbox, django_capture_on_commit_callbacks):
    field = ProfessionalFieldFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/companies/talent-pool/register/", _registration(field))
    assert (
        response.status_code == 200 and "We have sent a link to ana@example.com" in response.content.decode()
    )
    candidate = TalentCandidate.objects.get()
    assert candidate.consent_at and candidate.confirmed_at is None and candidate.language == "en"
    assert selectors.talent_search(filters={}).count() == 0  # not visible before confirming

    confirm = _link(mailoutbox[0], "/talent-pool/confirm/")
    assert client.get(confirm).status_code == 200
    client.post(confirm)
    candidate.refresh_from_db()
    assert candidate.confirmed_at is not None

    hr = HRStaffFactory()
    client.force_login(hr.user)
    page = client.get(f"/en/companies/hr/talent-pool/?field={field.pk}&language=portug").content.decode()
    assert "Ana Silva" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/companies/hr/talent-pool/{candidate.pk}/interest/", {"query": f"field={field.pk}"})
        client.post(f"/en/companies/hr/talent-pool/{candidate.pk}/interest/")
    assert TalentInterest.objects.get().company == hr.company
    interest_mails = [m for m in mailoutbox if hr.company.name in m.subject]
    assert len(interest_mails) == 1 and hr.user.email in interest_mails[0].body
    response = client.get(f"/en/companies/talent-pool/{candidate.pk}/cv/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES

    cv_path = Path(candidate.cv.path)
    assert cv_path.exists()
    client.logout()
    withdraw = _link(interest_mails[0], "/talent-pool/withdraw/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw)
    assert "You have been removed from the talent pool" in response.content.decode()
    assert not TalentCandidate.objects.exists() and not TalentInterest.objects.exists()
    assert not cv_path.exists()
    assert client.get(withdraw).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": ""}, "We can only list you in the talent pool if you agree."),
        ({"cv": SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf")}, "This file type is not accepted."),
        ({"years_experience": "99"}, "Enter a number from 0 to 60."),
        ({"years_experience": "-3"}, "Ensure this value is greater than or equal to 0."),
        ({"education": "wizard"}, "Select a valid choice."),
    ],
)
def test_bad_registrations_are_refused_with_a_message(client, overrides, message):
    response = client.post(
        "/en/companies/talent-pool/register/", _registration(ProfessionalFieldFactory(), **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Ana Silva" in response.content.decode()
    assert not TalentCandidate.objects.exists()


def test_one_registration_per_address(client):
    existing = TalentCandidateFactory(email="ana@example.com", name="First")
    response = client.post("/en/companies/talent-pool/register/", _registration(existing.professional_field))
    assert "This e-mail address is already in the talent pool." in response.content.decode()
    assert TalentCandidate.objects.get().name == "First"


def test_search_filters(client):
    field = ProfessionalFieldFactory()
    TalentCandidateFactory(name="Phd Permit", professional_field=field, education="phd", permit="permit")
    TalentCandidateFactory(name="Master EU", professional_field=field, education="master", permit="eu")
    TalentCandidateFactory(name="Unconfirmed", professional_field=field, confirmed_at=None)
    client.force_login(HRStaffFactory().user)
    page = client.get(f"/en/companies/hr/talent-pool/?field={field.pk}&education=phd").content.decode()
    assert "Phd Permit" in page and "Master EU" not in page and "Unconfirmed" not in page
    page = client.get("/en/companies/hr/talent-pool/?permit=eu").content.decode()
    assert "Master EU" in page and "Phd Permit" not in page
    assert client.get("/en/companies/hr/talent-pool/?field=x&education=phd2").status_code == 200
    # A NUL character is refused at the edge (network.middleware), never a 500.
    assert client.get("/en/companies/hr/talent-pool/?field=x&education=%00").status_code == 400


def test_cvs_are_not_for_newcomers_and_unconfirmed_cvs_are_not_served(client):
    candidate = TalentCandidateFactory()
    client.force_login(UserFactory())
    assert client.get(f"/en/companies/talent-pool/{candidate.pk}/cv/").status_code == 403
    client.force_login(HRStaffFactory().user)
    unconfirmed = TalentCandidateFactory(confirmed_at=None)
    assert client.get(f"/en/companies/talent-pool/{unconfirmed.pk}/cv/").status_code == 404


def test_forged_candidate_links_are_refused(client):
    candidate = TalentCandidateFactory()
    confirm_as_withdraw = services.link_token(purpose="candidate-confirm", pk=candidate.pk)
    response = client.post(f"/en/companies/talent-pool/withdraw/{confirm_as_withdraw}/")
    assert response.status_code == 404
    assert TalentCandidate.objects.filter(pk=candidate.pk).exists()
