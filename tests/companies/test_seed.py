"""The companies part of the demo data: members across the municipalities, a hire at every stage."""

import io

import pytest
from django.core.management import call_command

from companies.models import Campaign, Company, Hire, JobOpening, WorkingGroup
from companies.seed import DEMO_HR, DEMO_HR_PASSWORD
from companies.selectors import hire_board, hr_company_for_user
from companies.validators import validate_organisation_number
from network.models import User

pytestmark = pytest.mark.django_db


def test_demo_companies_hires_openings_and_campaign(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    members = Company.objects.filter(membership=Company.Membership.MEMBER)
    assert members.values("municipality").distinct().count() == 5  # Aremark's company is a prospect
    assert Company.objects.values("municipality").distinct().count() == 6
    for company in Company.objects.all():
        validate_organisation_number(company.organisation_number)
        assert company.fields.exists() and company.presentation_nb and company.presentation_en
    hr = User.objects.get(email=DEMO_HR[0][0])
    assert hr.check_password(DEMO_HR_PASSWORD)
    company = hr_company_for_user(hr)
    columns = {stage: hires for stage, _label, hires in hire_board(company=company)}
    assert all(columns[stage] for stage in Hire.Stage.values), "a demo hire at every stage"
    onboarded = columns[Hire.Stage.ONBOARDED][0]
    assert onboarded.user is not None and onboarded.progress is not None
    campaign = Campaign.objects.get()
    assert campaign.published and campaign.openings.exists()
    assert JobOpening.objects.filter(published=True, open_to_partners=True).exists()
    assert WorkingGroup.objects.get(slug="spouse-careers").meetings.exists()


def test_without_debug_the_demo_hr_user_gets_no_known_password(settings):
    settings.DEBUG = False
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert not User.objects.get(email=DEMO_HR[0][0]).has_usable_password()
    assert DEMO_HR_PASSWORD not in out.getvalue()
