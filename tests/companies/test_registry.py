"""The company registry: organisation numbers, the public directory, logos, the competence map,
and the coordinator's admin (CSV export, the not-accepted filter, company profile by HR)."""

import csv
import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from companies.models import Company
from companies.validators import validate_organisation_number
from tests.conftest import close_download
from tests.network.factories import CoordinatorFactory, MunicipalityFactory
from tests.newcomers.factories import NewcomerProfileFactory

from .factories import (
    PNG_BYTES,
    CompanyFactory,
    HireFactory,
    HRStaffFactory,
    ProfessionalFieldFactory,
    make_org_number,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["974760673", "923609016", "991000011"])
def test_valid_organisation_numbers(number):
    validate_organisation_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [("974760674", "org_number_checksum"), ("12345678", "org_number_format"), ("97476067a", "org_number_format"),
     ("991000020", "org_number_checksum"), ("", "org_number_format")],
)  # fmt: skip
def test_invalid_organisation_numbers(number, code):
    with pytest.raises(ValidationError) as error:
        validate_organisation_number(number)
    assert error.value.code == code


def test_the_admin_refuses_an_invalid_organisation_number_with_a_clear_error(client):
    client.force_login(CoordinatorFactory())
    municipality = MunicipalityFactory()
    data = {
        "name": "Ny Bedrift AS",
        "slug": "ny-bedrift",
        "organisation_number": "974760674",
        "municipality": municipality.pk,
        "membership": "member",
        "sector": "private",
        "hr_staff-TOTAL_FORMS": "0",
        "hr_staff-INITIAL_FORMS": "0",
        "hires-TOTAL_FORMS": "0",
        "hires-INITIAL_FORMS": "0",
    }
    response = client.post("/en/admin/companies/company/add/", data)
    assert response.status_code == 200
    assert "974760674 is not a valid organisation number (the check digit does not match)." in (
        response.content.decode()
    )
    assert not Company.objects.exists()
    assert (
        client.post(
            "/en/admin/companies/company/add/", {**data, "organisation_number": "974760673"}
        ).status_code
        == 302
    )


def test_directory_shows_members_only_and_filters(client):
    energy, ict = ProfessionalFieldFactory(name_en="Energy"), ProfessionalFieldFactory(name_en="ICT")
    halden = MunicipalityFactory(name="Halden")
    member = CompanyFactory(name="Member Energy AS", municipality=halden)
    member.fields.add(energy)
    other = CompanyFactory(name="Member ICT AS")
    other.fields.add(ict)
    CompanyFactory(name="Prospect AS", membership=Company.Membership.PROSPECT)
    page = client.get("/en/companies/").content.decode()
    assert "Member Energy AS" in page and "Member ICT AS" in page and "Prospect AS" not in page
    page = client.get(f"/en/companies/?field={energy.pk}&municipality={halden.pk}").content.decode()
    assert "Member Energy AS" in page and "Member ICT AS" not in page
    assert client.get("/nb/companies/?field=nope").status_code == 200
    prospect = Company.objects.get(name="Prospect AS")
    assert client.get(f"/en/companies/members/{prospect.slug}/").status_code == 404
    assert "Member Energy AS" in client.get(f"/nb/companies/members/{member.slug}/").content.decode()


def test_hr_edits_the_company_profile_and_the_logo_is_checked_and_served(client):
    position = HRStaffFactory()
    client.force_login(position.user)
    field = ProfessionalFieldFactory()
    url = "/en/companies/hr/company/"
    bad = client.post(url, {"sector": "private", "logo": SimpleUploadedFile("logo.png", b"GIF89a....")})
    assert "This file type is not accepted." in bad.content.decode()
    response = client.post(
        url,
        {
            "presentation_en": "We build reactors.",
            "presentation_nb": "Vi bygger reaktorer.",
            "website": "reactor.example",
            "sector": "research",
            "size": "large",
            "fields": [field.pk],
            "logo": SimpleUploadedFile("logo.png", PNG_BYTES, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    company = Company.objects.get(pk=position.company.pk)
    # Stored under a name the portal made, with the extension of the detected type.
    assert re.fullmatch(r"companies/logos/[0-9a-f]{32}\.png", company.logo.name)
    assert company.presentation_nb == "Vi bygger reaktorer." and company.website == "https://reactor.example"
    assert list(company.fields.all()) == [field]
    client.logout()
    logo = client.get(f"/en/companies/logo/{company.pk}/")
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert logo["Content-Disposition"] == f'attachment; filename="{company.slug}-logo.png"'
    assert logo["X-Content-Type-Options"] == "nosniff"
    close_download(logo)
    assert "Vi bygger reaktorer." in client.get(f"/nb/companies/members/{company.slug}/").content.decode()


def test_a_logo_whose_name_or_declared_type_disagrees_with_its_content_is_refused(client):
    """A PNG called logo.html was stored and served under that name."""
    position = HRStaffFactory()
    client.force_login(position.user)
    for upload in (
        SimpleUploadedFile("logo.html", PNG_BYTES, content_type="image/png"),
        SimpleUploadedFile("logo.png", PNG_BYTES, content_type="text/html"),
    ):
        response = client.post("/en/companies/hr/company/", {"sector": "private", "logo": upload})
        assert "does not match its content" in response.content.decode()
    assert not Company.objects.get(pk=position.company.pk).logo


def test_competence_map_counts_newcomers_without_naming_them(client):
    field = ProfessionalFieldFactory(name_en="Energy")
    company = CompanyFactory(name="Alvheim AS")
    company.fields.add(field)
    for _ in range(3):
        NewcomerProfileFactory(professional_field=field, user__first_name="Secretname")
    page = client.get("/en/companies/competence-map/").content.decode()
    assert "3 newcomers in the network work in this field." in page
    assert "Alvheim AS" in page and "Secretname" not in page


def test_admin_exports_hires_per_company_as_csv_without_formula_injection(client):
    company = CompanyFactory(name="Alvheim AS")
    HireFactory(company=company, name="=HYPERLINK(evil)", position="\r=cmd")
    HireFactory(name="Other company hire")
    client.force_login(CoordinatorFactory())
    response = client.post(
        "/en/admin/companies/company/", {"action": "export_hires", "_selected_action": [company.pk]}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["company", "name", "e-mail address"]
    assert len(rows) == 2 and rows[1][0] == "Alvheim AS" and rows[1][1] == "'=HYPERLINK(evil)"
    assert rows[1][3] == "'\r=cmd"


def test_admin_lists_hires_who_have_not_accepted(client):
    now = timezone.now()
    HireFactory(name="Waiting Wenche", invited_at=now - dt.timedelta(days=8))
    HireFactory(name="Fresh Frida", invited_at=now)
    HireFactory(name="Accepted Anders", invited_at=now, accepted_at=now)
    client.force_login(CoordinatorFactory())
    page = client.get("/en/admin/companies/hire/?invitation=overdue").content.decode()
    assert "Waiting Wenche" in page and "Fresh Frida" not in page and "Accepted Anders" not in page
    page = client.get("/en/admin/companies/hire/?invitation=waiting").content.decode()
    assert "Fresh Frida" in page and "Accepted Anders" not in page


@pytest.mark.parametrize(
    "model",
    ["company", "hire", "hrinvitation", "jobopening", "campaign", "workinggroup", "serviceoffer", "talentcandidate",
     "professionalfield"],
)  # fmt: skip
def test_every_admin_page_opens_for_the_coordinator(client, model):
    client.force_login(CoordinatorFactory())
    assert client.get(f"/en/admin/companies/{model}/").status_code == 200
    assert client.get(f"/nb/admin/companies/{model}/add/").status_code == 200


def test_org_number_factory_makes_valid_numbers():
    for n in range(50):
        validate_organisation_number(make_org_number(n))
