"""The partner's path, the companies' dual-career pool and the coordinator's overview, in both languages."""

import csv as csv_module
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from careers.models import CareerProfile, CompanyInterest, OpeningInterest
from network.models import OutgoingMail, User
from tests.companies.factories import (
    PDF_BYTES,
    CompanyFactory,
    HRStaffFactory,
    JobOpeningFactory,
    ProfessionalFieldFactory,
)
from tests.conftest import close_download
from tests.network.factories import CoordinatorFactory, MunicipalityFactory, UserFactory
from tests.newcomers.factories import NewcomerProfileFactory

from .factories import PartnerFactory, TravelTimeFactory, partner_with_profile

pytestmark = pytest.mark.django_db


def _profile_data(field, **overrides):
    data = {
        "professional_fields": [field.pk],
        "education": "master",
        "years_experience": "6",
        "norwegian_level": "B1",
        "english_level": "C1",
        "other_languages": ["pl"],
        "driving_licence": "on",
        "extent_wanted": "either",
        "max_commute_minutes": "45",
        "looking_since": (timezone.localdate() - dt.timedelta(days=10)).isoformat(),
        "show_to_companies": "on",
    }
    return {**data, **overrides}


def _cv(name="cv.pdf", content=PDF_BYTES, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_invited_partner_fills_the_profile_sees_ranked_openings_and_hr_sees_them(
    client, language, django_assert_max_num_queries
):
    """The journey of the issue: a newcomer's partner fills the profile, sees openings with reasons
    and commute times, says "I'm interested", and HR of that company sees the profile and the CV."""
    halden, fredrikstad = MunicipalityFactory(name="Halden"), MunicipalityFactory(name="Fredrikstad")
    TravelTimeFactory(origin=fredrikstad, destination=halden, car_minutes=40, transit_minutes=55)
    field = ProfessionalFieldFactory(name_en="Health", name_nb="Helse")
    household = NewcomerProfileFactory(municipality=halden)
    partner = PartnerFactory(profile=household, user__language=language)
    company = CompanyFactory(municipality=fredrikstad)
    hr = HRStaffFactory(company=company, user__language="nb").user
    fit = JobOpeningFactory(
        company=company, professional_field=field, open_to_partners=True, norwegian_level_required="B1"
    )
    other = JobOpeningFactory(company=CompanyFactory(municipality=halden))
    client.force_login(partner.user)

    # Logging in lands on the careers page, not the household questions.
    assert client.get(f"/{language}/newcomers/").url == f"/{language}/careers/"
    response = client.get(f"/{language}/careers/")
    assert response.status_code == 200
    response = client.post(f"/{language}/careers/profile/", {**_profile_data(field), "cv": _cv()})
    assert response.status_code == 302, response.context["form"].errors
    profile = CareerProfile.objects.get(user=partner.user)
    assert profile.shown_to_companies and profile.cv.name.startswith("careers/cv/")
    assert profile.other_languages == ["pl"]

    with django_assert_max_num_queries(20):
        response = client.get(f"/{language}/careers/")
    text = response.content.decode()
    assert text.index(fit.title) < text.index(other.title)
    if language == "en":
        assert (
            "your field · open to partners · Norwegian B1 required, you have B1 · 40 min by car from Halden"
            in text
        )
    else:
        assert "ditt fagfelt" in text and "40 min med bil fra Halden" in text

    # I'm interested: HR of that company is told, in their language, and sees the profile.
    assert client.post(f"/{language}/careers/openings/{fit.pk}/interest/").status_code == 302
    assert OpeningInterest.objects.filter(profile=profile, opening=fit).exists()
    [mail] = OutgoingMail.objects.filter(key__startswith="careers:interest")
    assert mail.to == hr.email and mail.language == "nb"
    assert f"/nb/careers/pool/{profile.pk}/" in mail.body_text

    client.force_login(hr)
    with django_assert_max_num_queries(20):
        page = client.get(f"/{language}/careers/pool/")
    assert f"/careers/pool/{profile.pk}/" in page.content.decode()
    with django_assert_max_num_queries(20):
        detail = client.get(f"/{language}/careers/pool/{profile.pk}/")
    assert fit.title in detail.content.decode()
    download = client.get(f"/{language}/careers/pool/{profile.pk}/cv/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    close_download(download)
    # HR marks interest: the partner is mailed once.
    client.post(f"/{language}/careers/pool/{profile.pk}/interest/")
    client.post(f"/{language}/careers/pool/{profile.pk}/interest/")
    assert CompanyInterest.objects.filter(profile=profile, company=company).count() == 1
    assert (
        OutgoingMail.objects.filter(key__startswith="careers:company-interest", to=partner.user.email).count()
        == 1
    )

    # The partner withdraws the interest.
    client.force_login(partner.user)
    client.post(f"/{language}/careers/openings/{fit.pk}/interest/withdraw/")
    assert not OpeningInterest.objects.exists()


def test_withdrawing_consent_hides_the_profile_and_the_cv_at_once(client):
    profile = partner_with_profile(with_cv=True)
    hr = HRStaffFactory().user
    client.force_login(hr)
    assert client.get(f"/en/careers/pool/{profile.pk}/").status_code == 200
    client.force_login(profile.user)
    assert client.post("/en/careers/profile/hide/").status_code == 302
    client.force_login(hr)
    assert client.get(f"/en/careers/pool/{profile.pk}/").status_code == 404
    assert client.get(f"/en/careers/pool/{profile.pk}/cv/").status_code == 404
    assert f"/careers/pool/{profile.pk}/" not in client.get("/en/careers/pool/").content.decode()
    assert client.post(f"/en/careers/pool/{profile.pk}/interest/").status_code == 404


def test_unticking_the_consent_in_the_form_hides_the_profile(client):
    field = ProfessionalFieldFactory()
    profile = partner_with_profile()
    client.force_login(profile.user)
    data = _profile_data(field)
    del data["show_to_companies"]
    assert client.post("/en/careers/profile/", data).status_code == 302
    profile.refresh_from_db()
    assert profile.shown_to_companies_at is None


def test_hr_of_a_non_member_company_and_others_are_refused_the_pool(client):
    profile = partner_with_profile(with_cv=True)
    outsider = HRStaffFactory(company__membership="none").user
    for user in (outsider, UserFactory(kind=User.Kind.NEWCOMER), partner_with_profile().user):
        client.force_login(user)
        assert client.get("/en/careers/pool/").status_code == 403
        assert client.get(f"/en/careers/pool/{profile.pk}/cv/").status_code == 403
    client.logout()
    assert client.get(f"/en/careers/pool/{profile.pk}/").status_code == 302


def test_a_forged_or_hidden_profile_id_is_a_404(client):
    hidden = partner_with_profile(shown_to_companies_at=None)
    client.force_login(HRStaffFactory().user)
    assert client.get(f"/nb/careers/pool/{hidden.pk}/").status_code == 404
    assert client.get("/nb/careers/pool/999999/").status_code == 404


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (_cv("cv.html", b"<html><script>alert(1)</script>", "text/html"), "This file type is not accepted"),
        (_cv("cv.docx", PDF_BYTES, "application/pdf"), "does not match its content"),
        (_cv("cv.pdf", b"%PDF-1.4 /JavaScript (x)", "application/pdf"), "PDFs with scripts"),
    ],
)
def test_bad_cvs_are_refused_with_a_clear_message(client, upload, message):
    partner = PartnerFactory()
    client.force_login(partner.user)
    response = client.post(
        "/en/careers/profile/", {**_profile_data(ProfessionalFieldFactory()), "cv": upload}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CareerProfile.objects.exists()


def test_an_oversized_cv_is_refused(client, settings):
    partner = PartnerFactory()
    client.force_login(partner.user)
    big = _cv(content=PDF_BYTES + b"0" * (5 * 1024 * 1024))
    response = client.post("/nb/careers/profile/", {**_profile_data(ProfessionalFieldFactory()), "cv": big})
    assert response.status_code == 200 and not CareerProfile.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"years_experience": "60"},
        {"years_experience": "-1"},
        {"max_commute_minutes": "999"},
        {"looking_since": "2999-01-01"},
        {"other_languages": ["xx-not-a-language"]},
        {"norwegian_level": "D9"},
    ],
)
def test_absurd_values_are_refused(client, overrides):
    partner = PartnerFactory()
    client.force_login(partner.user)
    response = client.post("/en/careers/profile/", _profile_data(ProfessionalFieldFactory(), **overrides))
    assert response.status_code == 200 and response.context["form"].errors
    assert not CareerProfile.objects.exists()


def test_found_work_is_recorded_and_leaves_the_pool(client):
    profile = partner_with_profile()
    client.force_login(profile.user)
    today = timezone.localdate().isoformat()
    assert (
        client.post("/en/careers/found-work/", {"found_work_on": today, "how": "network"}).status_code == 302
    )
    profile.refresh_from_db()
    assert profile.found_work_on == timezone.localdate() and profile.found_work_how == "network"
    client.force_login(HRStaffFactory().user)
    assert client.get(f"/en/careers/pool/{profile.pk}/").status_code == 404
    # A date in the future is refused.
    client.force_login(partner_with_profile().user)
    client.post("/en/careers/found-work/", {"found_work_on": "2999-01-01", "how": "network"})
    assert CareerProfile.objects.filter(found_work_on__isnull=False).count() == 1


def test_interest_needs_consent_and_a_public_opening(client):
    hidden = partner_with_profile(shown_to_companies_at=None)
    opening = JobOpeningFactory()
    client.force_login(hidden.user)
    client.post(f"/en/careers/openings/{opening.pk}/interest/")
    assert not OpeningInterest.objects.exists()
    shown = partner_with_profile()
    client.force_login(shown.user)
    unpublished = JobOpeningFactory(published=False)
    client.post(f"/en/careers/openings/{unpublished.pk}/interest/")
    client.post("/en/careers/openings/999999/interest/")
    assert not OpeningInterest.objects.exists()
    # Another partner's interest is not theirs to withdraw.
    OpeningInterest.objects.create(profile=hidden, opening=opening)
    client.post(f"/en/careers/openings/{opening.pk}/interest/withdraw/")
    assert OpeningInterest.objects.count() == 1


def test_the_job_page_shows_the_language_requirement_and_the_partners_button(client):
    opening = JobOpeningFactory(norwegian_level_required="B2")
    assert "Level B2 required" in client.get(f"/en/companies/jobs/{opening.pk}/").content.decode()
    assert "m interested" not in client.get(f"/en/companies/jobs/{opening.pk}/").content.decode()
    client.force_login(partner_with_profile().user)
    assert "m interested" in client.get(f"/en/companies/jobs/{opening.pk}/").content.decode()


def test_the_coordinator_sees_partners_per_municipality_and_duration_and_a_csv(
    client, django_assert_max_num_queries
):
    halden = MunicipalityFactory(name="Halden")
    today = timezone.localdate()
    partner_with_profile(municipality=halden, looking_since=today - dt.timedelta(days=30))
    long = partner_with_profile(municipality=halden, looking_since=today - dt.timedelta(days=250))
    long.user.first_name = "=HYPERLINK(evil)"
    long.user.save()
    partner_with_profile(
        municipality=MunicipalityFactory(name="Sarpsborg"),
        found_work_on=today,
        found_work_how="elsewhere",
        looking_since=today - dt.timedelta(days=5),
    )
    client.force_login(CoordinatorFactory())
    with django_assert_max_num_queries(10):
        response = client.get("/nb/careers/overview/")
    assert response.status_code == 200
    assert response.context["table"] == [("Halden", [1, 0, 1, 0], 0), ("Sarpsborg", [0, 0, 0, 0], 1)]
    assert response.context["found_total"] == 1
    page = response.content.decode()
    assert 'href="/nb/careers/overview.csv"' in page
    assert 'href="/nb/careers/overview-municipalities.csv"' in page
    csv = client.get("/en/careers/overview.csv").content.decode()
    assert long.user.email in csv and "'=HYPERLINK" in csv


def test_the_per_municipality_table_is_a_csv_too_with_every_cell_made_safe(client):
    today = timezone.localdate()
    halden, formula = MunicipalityFactory(name="Halden"), MunicipalityFactory(name="=SUM(A1)")
    for days in (10, 100, 200, 400, 500):
        partner_with_profile(municipality=halden, looking_since=today - dt.timedelta(days=days))
    partner_with_profile(
        municipality=halden, found_work_on=today, found_work_how="network", looking_since=today
    )
    partner_with_profile(municipality=formula, looking_since=today)
    client.force_login(CoordinatorFactory())
    response = client.get("/en/careers/overview-municipalities.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "partners-per-municipality.csv" in response["Content-Disposition"]
    rows = list(csv_module.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Municipality", "0–3 months", "3–6 months", "6–12 months", "12+ months", "Found work"],
        ["'=SUM(A1)", "1", "0", "0", "0", "0"],
        ["Halden", "1", "1", "1", "2", "1"],
    ]
    norwegian = client.get("/nb/careers/overview-municipalities.csv").content.decode()
    assert norwegian.startswith("Kommune,0–3 måneder")
    client.force_login(HRStaffFactory().user)
    assert client.get("/en/careers/overview-municipalities.csv").status_code == 403


@pytest.mark.parametrize("others", [0, 15])
def test_cv_downloads_take_the_same_queries_however_many_profiles(
    client, others, django_assert_max_num_queries
):
    field = ProfessionalFieldFactory()
    profile = partner_with_profile(with_cv=True, fields=[field])
    for _n in range(others):
        partner_with_profile(with_cv=True, fields=[field])
    OpeningInterest.objects.create(profile=profile, opening=JobOpeningFactory())
    client.force_login(profile.user)
    # The session, the user, the career profile and its fields.
    with django_assert_max_num_queries(4):
        own = client.get("/en/careers/cv/")
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    close_download(own)
    client.force_login(HRStaffFactory().user)
    # The session, the user, their company (the HR role), the profile and its fields.
    with django_assert_max_num_queries(5):
        pooled = client.get(f"/en/careers/pool/{profile.pk}/cv/")
    assert pooled.status_code == 200 and pooled["Content-Type"] == "application/pdf"
    close_download(pooled)


def test_partner_without_household_profile_lands_on_careers_newcomer_does_not(client):
    partner = PartnerFactory()
    client.force_login(partner.user)
    assert client.get("/en/welcome/", follow=True).redirect_chain[-1][0] == "/en/careers/"
    client.force_login(UserFactory(kind=User.Kind.NEWCOMER))
    assert client.get("/en/newcomers/").url.startswith("/en/newcomers/onboarding/")


def test_a_new_cv_replaces_the_old_file_and_removing_it_deletes_it(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    field = ProfessionalFieldFactory()
    profile = partner_with_profile(with_cv=True, fields=[field])
    old = profile.cv.name
    storage = profile.cv.storage
    client.force_login(profile.user)
    with django_assert_max_num_queries(12):
        assert client.get("/nb/careers/profile/").status_code == 200
    docx = _cv(
        "cv.docx", _docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/careers/profile/", {**_profile_data(field), "cv": docx})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.cv.name.endswith(".docx") and not storage.exists(old)
    new = profile.cv.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/careers/profile/", {**_profile_data(field), "remove_cv": "on"})
    profile.refresh_from_db()
    assert not profile.cv and not storage.exists(new)
    assert client.get("/en/careers/cv/").status_code == 404


def _docx_bytes() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()
