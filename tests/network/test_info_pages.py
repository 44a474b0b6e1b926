import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from network.models import InfoPage
from tests.network.factories import CoordinatorFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def _page(**kwargs):
    defaults = {
        "topic": InfoPage.Topic.HEALTH,
        "title_nb": "Fastlege",
        "title_en": "Your GP",
        "body_nb": "Alle har rett til en fastlege.",
        "body_en": "Everyone has the right to a regular doctor.",
        "last_reviewed": timezone.localdate(),
    }
    defaults.update(kwargs)
    defaults.setdefault("slug", defaults["title_en"].lower().replace(" ", "-"))
    return InfoPage.objects.create(**defaults)


def test_index_groups_pages_by_topic_in_both_languages(client):
    _page()
    _page(
        topic=InfoPage.Topic.SCHOOLS,
        title_nb="Barnehager i Sarpsborg",
        title_en="Kindergartens in Sarpsborg",
        municipality=MunicipalityFactory(name="Sarpsborg"),
    )
    html = client.get("/en/info/").content.decode()
    assert "Health" in html and "Your GP" in html
    assert "Kindergartens in Sarpsborg</a> (Sarpsborg)" in html
    html = client.get("/nb/info/").content.decode()
    assert "Praktisk informasjon" in html and "Fastlege" in html and "Barnehager og skoler" in html


def test_page_shows_its_text_and_review_date_and_falls_back_to_norwegian(client):
    page = _page(body_en="")
    html = client.get(f"/en/info/{page.slug}/").content.decode()
    assert "Alle har rett til en fastlege." in html
    assert "Last reviewed" in html


def test_unpublished_and_unknown_pages_are_404(client):
    page = _page(published=False)
    assert client.get(f"/en/info/{page.slug}/").status_code == 404
    assert client.get("/en/info/no-such-page/").status_code == 404


def test_search_finds_pages_in_the_current_language(client):
    _page()
    _page(
        topic=InfoPage.Topic.TAX,
        title_nb="Skattekort",
        title_en="Tax card",
        body_nb="Bestill skattekort.",
        body_en="Order a tax card.",
    )
    html = client.get("/en/info/search/?q=tax").content.decode()
    assert "Tax card" in html and "Your GP" not in html
    assert "1 page found." in html
    html = client.get("/nb/info/search/?q=skattekort").content.decode()
    assert "Skattekort" in html
    assert client.get("/en/info/search/?q=<script>").status_code == 200
    assert client.get("/en/info/search/?q=%00%00<script>").status_code == 400


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgres_full_text_search_stems_words(client):
    _page(title_en="Doctors and hospitals", body_en="Hospitals in the region treat emergencies.")
    html = client.get("/en/info/search/?q=hospital").content.decode()
    assert "Doctors and hospitals" in html


@pytest.mark.parametrize("count", [2, 20])
def test_info_pages_use_a_constant_number_of_queries(client, django_assert_max_num_queries, count):
    for n in range(count):
        _page(slug=f"page-{n}", title_en=f"Page {n}", municipality=MunicipalityFactory())
    with django_assert_max_num_queries(4):
        assert client.get("/en/info/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/en/info/search/?q=page").status_code == 200


def test_admin_flags_pages_not_reviewed_for_a_year(client):
    _page(title_en="Fresh page")
    _page(title_en="Old page", last_reviewed=timezone.localdate() - dt.timedelta(days=400))
    client.force_login(CoordinatorFactory())
    html = client.get("/en/admin/network/infopage/").content.decode()
    assert "1 page has not been reviewed for 12 months." in html
    html = client.get("/en/admin/network/infopage/?review=due").content.decode()
    assert "Old page" in html and "Fresh page" not in html


def test_info_page_reads_are_selectors_like_the_other_apps():
    from network.selectors import info_page_get, info_pages_published, info_pages_search

    shown = _page()
    hidden = _page(title_en="Draft", published=False)
    assert list(InfoPage.objects.published()) == [shown]
    assert list(info_pages_published()) == [shown]
    assert info_page_get(slug=hidden.slug) is None
    assert info_page_get(slug=hidden.slug, preview=True) == hidden
    assert info_pages_search(query="doctor", language="en") == [shown]
    assert info_pages_search(query="draft", language="en") == []
