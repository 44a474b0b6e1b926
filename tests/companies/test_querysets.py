"""Who counts as a member, and what the public sees, is decided in one place: the querysets."""

import datetime as dt

import pytest
from django.utils import timezone

from companies.models import Campaign, Company, JobOpening

from .factories import CampaignFactory, CompanyFactory, JobOpeningFactory

pytestmark = pytest.mark.django_db


def test_members_are_the_companies_with_a_current_membership():
    member = CompanyFactory()
    CompanyFactory(membership=Company.Membership.FORMER)
    CompanyFactory(membership=Company.Membership.PROSPECT)
    assert list(Company.objects.members()) == [member]


def test_published_openings_are_flagged_open_and_from_a_member():
    today = timezone.localdate()
    shown = JobOpeningFactory(deadline=today)
    JobOpeningFactory(published=False)
    JobOpeningFactory(deadline=today - dt.timedelta(days=1))
    JobOpeningFactory(company=CompanyFactory(membership=Company.Membership.FORMER))
    assert list(JobOpening.objects.published(today=today)) == [shown]


def test_published_campaigns():
    shown = CampaignFactory()
    CampaignFactory(published=False)
    assert list(Campaign.objects.published()) == [shown]
