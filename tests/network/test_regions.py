"""Loading a whole region from one YAML file (network/regions.py, `manage.py bootstrap_region`)."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from events.models import Category
from network.models import ContactPerson, InfoPage, Municipality, Region, TravelTime
from network.regions import RegionFileError, region_load
from newcomers.models import ChecklistItem

pytestmark = pytest.mark.django_db

REGIONS = Path(__file__).resolve().parents[2] / "docs" / "regions"
MODELS = (Region, Municipality, TravelTime, ContactPerson, InfoPage, Category, ChecklistItem)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_salten_loads_on_an_empty_database_and_a_second_run_changes_nothing():
    report = region_load(text=(REGIONS / "salten.yaml").read_text(), base_dir=REGIONS)
    assert report.created and not report.warnings
    region = Region.objects.get()
    assert region.name == "Salten" and region.from_email == "Salten tilflytternettverk <post@salten.example>"
    names = set(Municipality.objects.values_list("name", flat=True))
    assert names == {
        "Bodø",
        "Fauske",
        "Saltdal",
        "Sørfold",
        "Steigen",
        "Beiarn",
        "Gildeskål",
        "Meløy",
        "Hamarøy",
    }
    assert Municipality.objects.get(slug="bodo").neighbours.filter(slug="fauske").exists()
    permit = ChecklistItem.objects.get(title_en="Apply for a residence permit")
    assert (permit.for_nordic, permit.for_eu, permit.for_other) == (False, False, True)
    before = counts()
    again = region_load(text=(REGIONS / "salten.yaml").read_text(), base_dir=REGIONS)
    assert again.created == [] and again.updated == []
    assert counts() == before


def test_example_loads_every_key():
    region_load(text=(REGIONS / "example.yaml").read_text(), base_dir=REGIONS)
    page = InfoPage.objects.get(slug="example-housing")
    assert page.municipality.slug == "north-town" and page.title_en == "Finding a home"
    assert Municipality.objects.get(slug="north-town").schools_en.startswith("Introductory")


def test_blekinge_without_swedish_configured_loads_and_warns_about_sv():
    report = region_load(text=(REGIONS / "blekinge.yaml").read_text(), base_dir=REGIONS)
    assert Municipality.objects.count() == 5
    assert any("'sv' is not configured" in warning for warning in report.warnings)
    assert Region.objects.get().tagline_en.startswith("Work, live and stay")


BAD = [
    ("name: X\nslug: x\nmunicipalities: [\n", "line 4: not valid YAML"),
    ("name: X\nslug: x\ncolour: red\nmunicipalities: []\n", "line 3: unknown key 'colour'"),
    (
        "name: X\nslug: x\nmunicipalities:\n  - {slug: a, name: A, number: '9901'}\nneighbours:\n  - [a, nowhere]\n",
        "line 6: unknown municipality 'nowhere'",
    ),
    (
        "name: X\nslug: x\nmunicipalities:\n  - {slug: a, name: A, number: '9901'}\n"
        "practical_pages:\n  - {slug: p, topic: tax, title: T, body: B, municipality: atlantis}\n",
        "line 6: unknown municipality 'atlantis'",
    ),
    ("name: X\nslug: x\nmunicipalities:\n  - {slug: a, name: A}\n", "line 4: 'number' is required"),
    (
        "name: X\nslug: x\nmunicipalities:\n  - slug: a\n    name: A\n    number: 0301\n",
        "line 6: quote the municipality number",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_file_names_the_line_and_leaves_nothing_behind(text, message):
    with pytest.raises(RegionFileError, match=message):
        region_load(text=text)
    assert set(counts().values()) == {0}


def test_the_command_prints_what_it_did_and_fails_with_the_message(tmp_path, capsys):
    call_command("bootstrap_region", str(REGIONS / "example.yaml"))
    assert "created municipality North Town" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: X\nslug: x\nmunicipalities:\n  - {slug: a, name: A, number: '1'}\nneighbours: [[a, b]]\n"
    )
    with pytest.raises(CommandError, match="line 5: unknown municipality 'b'"):
        call_command("bootstrap_region", str(bad))
    assert not Municipality.objects.filter(slug="a").exists()


def test_salten_portal_names_salten_and_its_municipalities_in_the_calendar_filter(client):
    region_load(text=(REGIONS / "salten.yaml").read_text(), base_dir=REGIONS)
    html = client.get("/en/events/").content.decode()
    assert "Salten" in html and "Søndre Viken" not in html
    for name in ("Bodø", "Hamarøy", "Meløy"):
        assert name in html
