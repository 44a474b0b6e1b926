"""The company services called directly, with plain data, as the views and the admin call them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from companies import services
from companies.models import Company, Hire, JobOpening, ServiceOffer, TalentCandidate
from network.models import OutgoingMail
from tests.network.factories import MunicipalityFactory

from .factories import (
    PDF_BYTES,
    PNG_BYTES,
    CompanyFactory,
    HireFactory,
    HRStaffFactory,
    ProfessionalFieldFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_company_update_changes_only_what_it_is_given_and_the_logo_can_be_removed():
    company = CompanyFactory(website="https://old.example")
    field = ProfessionalFieldFactory()

    services.company_update(
        company=company,
        presentation_en="We build reactors.",
        fields=[field],
        logo=ContentFile(PNG_BYTES, name="logo.png"),
    )

    company = Company.objects.get(pk=company.pk)
    assert company.presentation_en == "We build reactors." and company.website == "https://old.example"
    assert list(company.fields.all()) == [field] and company.logo.name.endswith(".png")
    services.company_update(company=company, logo=None)
    assert not Company.objects.get(pk=company.pk).logo


def test_company_update_refuses_a_logo_that_is_not_an_image():
    company = CompanyFactory()
    with pytest.raises(ValidationError) as error:
        services.company_update(company=company, logo=ContentFile(b"GIF89a....", name="logo.png"))
    assert "logo" in error.value.message_dict
    assert not Company.objects.get(pk=company.pk).logo


def test_hire_register_saves_and_invites(django_capture_on_commit_callbacks, mailoutbox):
    position = HRStaffFactory()
    start = timezone.localdate() + dt.timedelta(days=30)

    with django_capture_on_commit_callbacks(execute=True):
        hire = services.hire_register(
            company=position.company,
            registered_by=position.user,
            name="Olga Petrenko",
            email="olga@example.com",
            position="Safety engineer",
            start_date=start,
            country="UA",
            children=2,
        )

    hire = Hire.objects.get(pk=hire.pk)
    assert (hire.company, hire.registered_by, hire.children) == (position.company, position.user, 2)
    assert hire.invited_at is not None
    assert [m.to for m in mailoutbox] == [["olga@example.com"]]


def test_hire_register_validates_before_saving():
    company = CompanyFactory()
    with pytest.raises(ValidationError) as error:
        services.hire_register(
            company=company,
            registered_by=None,
            name="Olga",
            email="not-an-address",
            position="Engineer",
            start_date=timezone.localdate(),
        )
    assert "email" in error.value.message_dict
    assert not Hire.objects.exists() and not OutgoingMail.objects.exists()


def test_hire_update_writes_the_given_details_and_keeps_the_invitation():
    hire = HireFactory(invited_at=timezone.now(), position="Engineer")
    stale = Hire.objects.get(pk=hire.pk)
    Hire.objects.filter(pk=hire.pk).update(arrived_on=timezone.localdate())

    services.hire_update(hire=stale, position="Senior engineer", children=1)

    hire.refresh_from_db()
    assert (hire.position, hire.children) == ("Senior engineer", 1)
    assert hire.invited_at is not None and hire.arrived_on == timezone.localdate()
    with pytest.raises(ValidationError):
        services.hire_update(hire=hire, children=21)


def test_job_opening_save_creates_and_changes_only_the_companys_own_openings():
    company = CompanyFactory()
    opening = services.job_opening_save(
        company=company,
        title_en="Reactor engineer",
        description_en="Build reactors.",
        municipality=MunicipalityFactory(),
        deadline=timezone.localdate() + dt.timedelta(days=30),
        apply_url="https://example.com/apply",
        published=True,
    )
    assert JobOpening.objects.get(pk=opening.pk).company == company

    services.job_opening_save(company=company, opening=opening, published=False)
    assert not JobOpening.objects.get(pk=opening.pk).published

    with pytest.raises(ValueError, match="another company"):
        services.job_opening_save(company=CompanyFactory(), opening=opening, published=True)
    with pytest.raises(ValidationError):
        services.job_opening_save(company=company, opening=opening, apply_url="not a link")


def test_service_offer_save_creates_and_changes_an_offer():
    company = CompanyFactory()
    offer = services.service_offer_save(
        company=company, title_en="Relocation help", description_en="We help."
    )
    services.service_offer_save(company=company, offer=offer, active=False)

    offer = ServiceOffer.objects.get(pk=offer.pk)
    assert (offer.company, offer.title_en, offer.active) == (company, "Relocation help", False)
    with pytest.raises(ValueError, match="another company"):
        services.service_offer_save(company=CompanyFactory(), offer=offer, active=True)


def _candidate(**overrides):
    return {
        "consent": True,
        "language": "en",
        "name": "Ana Silva",
        "email": "ana@example.com",
        "professional_field": ProfessionalFieldFactory(),
        "education": TalentCandidate.Education.MASTER,
        "years_experience": 6,
        "languages": "Portuguese, English",
        "permit": TalentCandidate.Permit.NEEDS_PERMIT,
        "cv": ContentFile(PDF_BYTES, name="cv.pdf"),
        **overrides,
    }


def test_candidate_register_records_the_consent_and_asks_for_confirmation(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        candidate = services.candidate_register(**_candidate())

    candidate = TalentCandidate.objects.get(pk=candidate.pk)
    assert candidate.consent_at is not None and candidate.confirmed_at is None
    assert OutgoingMail.objects.filter(key=f"companies:candidate-confirm:{candidate.pk}").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"consent": False}, "consent"), ({"years_experience": 61}, "__all__"), ({"email": "x"}, "email")],
)
def test_candidate_register_refuses_without_consent_or_with_bad_data(overrides, field):
    with pytest.raises(ValidationError) as error:
        services.candidate_register(**_candidate(**overrides))
    assert field in error.value.message_dict
    assert not TalentCandidate.objects.exists()
