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


def test_a_photo_removed_in_admin_takes_its_file_with_it(client, django_capture_on_commit_callbacks):
    photo = StoryPhotoFactory()
    story = photo.story
    storage, name = photo.image.storage, photo.image.name
    client.force_login(CoordinatorFactory(is_superuser=True))
    data = {
        "author": story.author_id,
        "language": "en",
        "title_nb": "",
        "title_en": story.title_en,
        "body_nb": "",
        "body_en": story.body_en,
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "1",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-id": photo.pk,
        "photos-0-story": story.pk,
        "photos-0-alt_text": photo.alt_text,
        "photos-0-position": "0",
        "photos-0-DELETE": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/admin/stories/story/{story.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert not story.photos.exists() and not storage.exists(name)


def test_the_stories_own_language_is_required_in_admin_not_norwegian(client):
    story = StoryFactory()
    client.force_login(CoordinatorFactory(is_superuser=True))
    data = {
        "author": story.author_id,
        "language": "en",
        "title_nb": "Min første vinter",
        "title_en": "",
        "body_nb": "",
        "body_en": story.body_en,
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    response = client.post(f"/en/admin/stories/story/{story.pk}/change/", data)
    assert response.status_code == 200
    assert "title_en" in response.context["adminform"].form.errors
    data["title_en"] = "My first winter"
    assert client.post(f"/en/admin/stories/story/{story.pk}/change/", data).status_code == 302
    story.refresh_from_db()
    assert (story.title_nb, story.title_en, story.body_nb) == ("Min første vinter", "My first winter", "")
