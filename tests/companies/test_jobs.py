"""Job openings, the public job list and the joint campaigns."""

import datetime as dt

import pytest
from django.utils import timezone

from companies.models import Company, JobOpening
from tests.network.factories import MunicipalityFactory

from .factories import CampaignFactory, JobOpeningFactory, ProfessionalFieldFactory

pytestmark = pytest.mark.django_db


def _opening_form(municipality, **overrides):
    return {
        "title_en": "Backend developer",
        "description_en": "Python and Django.",
        "municipality": municipality.pk,
        "extent": "full",
        "deadline": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "apply_url": "jobs.example.com/apply",
        "open_to_partners": "on",
        "published": "on",
        **overrides,
    }


def test_posting_an_opening_shows_it_in_the_public_list_in_both_languages(client, hr):
    response = client.post("/en/companies/hr/jobs/new/", _opening_form(hr.company.municipality))
    assert response.status_code == 302
    opening = JobOpening.objects.get()
    assert opening.company == hr.company and opening.apply_url == "https://jobs.example.com/apply"
    client.logout()
    for language in ("en", "nb"):
        page = client.get(f"/{language}/companies/jobs/").content.decode()
        assert "Backend developer" in page and hr.company.name in page
    assert "Python and Django." in client.get(f"/nb/companies/jobs/{opening.pk}/").content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title_en": "", "title_nb": ""}, "Fill in the title in at least one language."),
        ({"deadline": "2999-01-01"}, "Enter a deadline within the next two years."),
        ({"deadline": "31.02.2027"}, "Enter a valid date."),
        ({"apply_url": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_bad_opening_input_gets_a_form_error(client, hr, overrides, message):
    response = client.post("/en/companies/hr/jobs/new/", _opening_form(hr.company.municipality, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not JobOpening.objects.exists()


def test_drafts_expired_and_non_member_openings_are_not_public(client):
    JobOpeningFactory(title_en="Draft", published=False)
    JobOpeningFactory(title_en="Expired", deadline=timezone.localdate() - dt.timedelta(days=1))
    JobOpeningFactory(title_en="Former member", company__membership=Company.Membership.FORMER)
    visible = JobOpeningFactory(title_en="Visible")
    page = client.get("/en/companies/jobs/").content.decode()
    assert "Visible" in page
    for hidden in ("Draft", "Expired", "Former member"):
        assert hidden not in page
    draft = JobOpening.objects.get(title_en="Draft")
    assert client.get(f"/en/companies/jobs/{draft.pk}/").status_code == 404
    assert client.get(f"/en/companies/jobs/{visible.pk}/").status_code == 200


def test_job_filters_combine_and_bad_values_are_ignored(client):
    ict, health = ProfessionalFieldFactory(), ProfessionalFieldFactory()
    halden = MunicipalityFactory()
    JobOpeningFactory(
        title_en="ICT Halden partners", professional_field=ict, municipality=halden, open_to_partners=True
    )
    JobOpeningFactory(title_en="ICT Halden", professional_field=ict, municipality=halden)
    JobOpeningFactory(title_en="Health part time", professional_field=health, extent="part")
    page = client.get(
        f"/en/companies/jobs/?field={ict.pk}&municipality={halden.pk}&partners=on"
    ).content.decode()
    assert "ICT Halden partners" in page and "ICT Halden<" not in page and "Health part time" not in page
    page = client.get("/en/companies/jobs/?extent=part").content.decode()
    assert "Health part time" in page and "ICT Halden" not in page
    response = client.get("/en/companies/jobs/?field=abc&municipality=99999&extent=<script>&page=zzz")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("count", [2, 30])
def test_public_lists_do_not_grow_in_queries(client, django_assert_max_num_queries, count):
    for _ in range(count):
        opening = JobOpeningFactory()
        opening.company.fields.add(ProfessionalFieldFactory())
    with django_assert_max_num_queries(8):
        assert client.get("/en/companies/jobs/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/en/companies/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/en/companies/competence-map/").status_code == 200


def test_hr_edits_only_their_own_openings(client, hr):
    theirs = JobOpeningFactory(title_en="Theirs")
    response = client.post(f"/en/companies/hr/jobs/{theirs.pk}/", _opening_form(theirs.municipality))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title_en == "Theirs"
    own = JobOpeningFactory(company=hr.company, published=False, title_en="Own draft")
    assert "Own draft" in client.get("/en/companies/hr/jobs/").content.decode()
    assert "Theirs" not in client.get("/en/companies/hr/jobs/").content.decode()
    response = client.post(
        f"/en/companies/hr/jobs/{own.pk}/", _opening_form(own.municipality, title_en="Own, live")
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title_en == "Own, live" and own.published


def test_companies_join_a_campaign_with_their_own_openings_only(client, hr):
    campaign = CampaignFactory(title_en="Developers to Søndre Viken")
    mine = JobOpeningFactory(company=hr.company, title_en="Mine")
    theirs = JobOpeningFactory(title_en="Theirs")
    response = client.post(f"/en/companies/hr/campaigns/{campaign.slug}/", {"openings": [mine.pk, theirs.pk]})
    assert response.status_code == 200  # another company's opening is not a valid choice
    assert not campaign.openings.exists()
    assert (
        client.post(f"/en/companies/hr/campaigns/{campaign.slug}/", {"openings": [mine.pk]}).status_code
        == 302
    )
    assert list(campaign.openings.all()) == [mine]
    client.logout()
    page = client.get(f"/en/companies/campaigns/{campaign.slug}/").content.decode()
    assert "Developers to Søndre Viken" in page and "Mine" in page
    assert "Kom til Søndre Viken." in client.get(f"/nb/companies/campaigns/{campaign.slug}/").content.decode()
    # Leaving it out again removes it.
    client.force_login(hr.user)
    client.post(f"/en/companies/hr/campaigns/{campaign.slug}/", {})
    assert not campaign.openings.exists()


def test_unpublished_campaigns_are_not_shown(client):
    campaign = CampaignFactory(published=False)
    assert client.get(f"/en/companies/campaigns/{campaign.slug}/").status_code == 404
