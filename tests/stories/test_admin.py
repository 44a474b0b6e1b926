import pytest

from stories.models import Story
from tests.network.factories import CoordinatorFactory

from .factories import StoryFactory, StoryPhotoFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_coordinator_reads_and_edits_stories_with_both_languages(client, language):
    story = StoryPhotoFactory().story
    client.force_login(CoordinatorFactory(is_superuser=True))
    for url in (f"/{language}/admin/stories/story/", f"/{language}/admin/stories/story/{story.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "title_nb" in response.content.decode() and "title_en" in response.content.decode()


def test_the_publish_action_publishes_with_consent_and_says_what_it_skipped(client):
    ready = StoryFactory(status=Story.Status.SUBMITTED, published_at=None, title_en="Ready")
    no_consent = StoryFactory(
        status=Story.Status.SUBMITTED, published_at=None, consent_at=None, title_en="Wait"
    )
    client.force_login(CoordinatorFactory(is_superuser=True))
    response = client.post(
        "/en/admin/stories/story/",
        {"action": "publish", "_selected_action": [ready.pk, no_consent.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 story was published." in html and "Not published: “Wait”" in html
    ready.refresh_from_db()
    no_consent.refresh_from_db()
    assert ready.status == Story.Status.PUBLISHED and no_consent.status == Story.Status.SUBMITTED


def test_the_unpublish_action_takes_stories_off_the_site(client):
    story = StoryFactory()
    client.force_login(CoordinatorFactory(is_superuser=True))
    response = client.post(
        "/nb/admin/stories/story/", {"action": "unpublish", "_selected_action": [story.pk]}, follow=True
    )
    assert "1 historie ble tatt av nettstedet." in response.content.decode()
    story.refresh_from_db()
    assert story.status == Story.Status.UNPUBLISHED
