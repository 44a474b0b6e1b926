import io

import pytest

from network import seed as network_seed
from network.models import Municipality
from newcomers import seed as newcomers_seed
from newcomers.models import NewcomerProfile
from stories import seed as stories_seed
from stories.models import Story

pytestmark = pytest.mark.django_db


def test_the_demo_has_stories_municipality_pages_and_digest_readers(client):
    network_seed.seed()
    newcomers_seed.seed()
    stories_seed.seed(stdout=io.StringIO())
    stories_seed.seed(stdout=io.StringIO())  # a second run changes nothing
    assert Story.objects.count() == 3 and Story.objects.published().count() == 2
    assert NewcomerProfile.objects.filter(weekly_digest=True).count() == 2
    halden = Municipality.objects.get(slug="halden")
    assert halden.website_nb == "https://www.halden.kommune.no/" and halden.introduction_en
    html = client.get("/en/").content.decode()
    assert "Cricket on Fredriksten" in html and 'href="/en/municipalities/halden/"' in html
    page = client.get("/nb/municipalities/halden/").content.decode()
    assert "Fredriksten festning" in page and "Barnehager" in page
