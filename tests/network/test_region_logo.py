"""The region's logo: named in the region file, checked like any upload, shown in every page's header."""

import shutil
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from network.models import Municipality, Region
from network.regions import RegionFileError, region_load
from tests.conftest import close_download
from tests.network.factories import CoordinatorFactory, RegionFactory

pytestmark = pytest.mark.django_db

REGIONS = Path(__file__).resolve().parents[2] / "docs" / "regions"
LOGO = (REGIONS / "salten-logo.png").read_bytes()
FILE = "name: X\nslug: x\nlogo: {logo}\nmunicipalities:\n  - {{slug: a, name: A, number: '9901'}}\n"


def test_salten_shows_its_logo_in_the_header_with_the_portals_name_as_its_text(client, capsys):
    call_command("bootstrap_region", str(REGIONS / "salten.yaml"))
    region = Region.objects.get()
    assert region.logo.name.startswith("region/") and region.logo.name.endswith(".png")
    html = client.get("/en/").content.decode()
    src = f'src="/region-logo/{region.pk}?v={region.logo.name}"'
    assert f'<img class="region-logo" {src} alt="Salten expat network"' in html
    norwegian = client.get("/nb/").content.decode()
    assert 'alt="Salten tilflytternettverk"' in norwegian
    response = client.get(f"/region-logo/{region.pk}")
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == LOGO
    close_download(response)

    # A second load finds the same bytes and stores nothing new.
    capsys.readouterr()
    call_command("bootstrap_region", str(REGIONS / "salten.yaml"))
    assert "Nothing changed" in capsys.readouterr().out
    assert Region.objects.get().logo.name == region.logo.name


def test_a_changed_logo_file_replaces_the_stored_one(tmp_path):
    shutil.copy(REGIONS / "blekinge-logo.png", tmp_path / "logo.png")
    region_load(text=FILE.format(logo="logo.png"), base_dir=tmp_path)
    first = Region.objects.get().logo.name
    shutil.copy(REGIONS / "salten-logo.png", tmp_path / "logo.png")
    report = region_load(text=FILE.format(logo="logo.png"), base_dir=tmp_path)
    region = Region.objects.get()
    assert region.logo.name != first and report.updated == ["logo of X"]
    with region.logo.open("rb") as handle:
        assert handle.read() == LOGO


def test_without_a_logo_the_header_shows_the_name(client):
    RegionFactory(name="Salten")
    html = client.get("/en/").content.decode()
    assert "region-logo" not in html
    assert '<a class="navbar-brand" href="/en/">Salten expat network</a>' in html


HOSTILE = [
    # A page with a script, named like an image.
    ("logo.png", b"<html><script>alert(1)</script></html>", "This file type is not accepted"),
    # A real PNG under a name that a browser would render as a page.
    ("logo.html", LOGO, "does not match its content"),
    # A PNG signature in front of anything else.
    ("logo.png", b"\x89PNG\r\n\x1a\n<svg onload=alert(1)>", "not a readable image"),
    ("logo.pdf", b"%PDF-1.4 /JavaScript", "This file type is not accepted"),
]


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE)
def test_a_hostile_logo_file_is_refused_naming_the_line(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(RegionFileError, match=f"line 3: logo file '{name}': .*{message}"):
        region_load(text=FILE.format(logo=name), base_dir=tmp_path)
    assert not Region.objects.exists() and not Municipality.objects.exists()


def test_a_missing_logo_file_names_the_line_and_loads_nothing(tmp_path):
    with pytest.raises(RegionFileError, match="line 3: logo file 'nowhere.png' cannot be read"):
        region_load(text=FILE.format(logo="nowhere.png"), base_dir=tmp_path)
    assert not Region.objects.exists()


def test_the_command_names_the_file_and_line_of_a_missing_logo(tmp_path):
    bad = tmp_path / "region.yaml"
    bad.write_text(FILE.format(logo="missing.png"))
    with pytest.raises(Exception, match=r"region.yaml, line 3: logo file 'missing.png' cannot be read"):
        call_command("bootstrap_region", str(bad))


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "image/png"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "image/svg+xml"),
        ("logo.html", LOGO, "text/html"),
    ],
)
def test_a_hostile_upload_is_refused_on_the_model(name, content, content_type):
    region = RegionFactory()
    region.logo = SimpleUploadedFile(name, content, content_type=content_type)
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "logo" in error.value.message_dict


def test_the_coordinator_uploads_a_logo_in_the_admin_and_a_fake_image_is_refused(client):
    region = RegionFactory(name="Salten", slug="salten")
    client.force_login(CoordinatorFactory())
    url = f"/en/admin/network/region/{region.pk}/change/"
    form = {
        "name": "Salten",
        "slug": "salten",
        "contact_person-TOTAL_FORMS": "0",
        "contact_person-INITIAL_FORMS": "0",
        "municipalities-TOTAL_FORMS": "0",
        "municipalities-INITIAL_FORMS": "0",
    }
    fake = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, content_type="image/png")
    response = client.post(url, {**form, "logo": fake})
    assert response.status_code == 200 and "logo" in response.context["adminform"].form.errors
    assert not Region.objects.get().logo

    real = SimpleUploadedFile("salten.png", LOGO, content_type="image/png")
    response = client.post(url, {**form, "logo": real})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Region.objects.get().logo.name.startswith("region/")
