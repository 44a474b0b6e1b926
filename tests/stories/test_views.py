import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from network.uploads import MB
from stories.models import Story
from tests.companies.factories import PNG_BYTES
from tests.conftest import close_download
from tests.network.factories import CoordinatorFactory, UserFactory
from tests.newcomers.factories import NewcomerProfileFactory

from .factories import StoryFactory, StoryPhotoFactory

pytestmark = pytest.mark.django_db


def test_the_stories_page_in_both_languages(client):
    StoryFactory(title_en="Ice bathing", title_nb="Isbading", body_nb="Kaldt, men godt.")
    english = client.get("/en/stories/").content.decode()
    assert "Newcomers&#x27; stories" in english or "Newcomers' stories" in english
    assert "Ice bathing" in english
    norwegian = client.get("/nb/stories/").content.decode()
    assert "Tilflytternes historier" in norwegian and "Isbading" in norwegian


def test_a_story_page_shows_its_photos_with_alt_text_and_says_when_it_is_untranslated(client):
    photo = StoryPhotoFactory(alt_text="Children on a sledge")
    html = client.get(f"/nb/stories/{photo.story.pk}/").content.decode()
    assert photo.story.title_en in html
    assert 'alt="Children on a sledge"' in html
    assert "Denne historien er fortalt på engelsk." in html
    response = client.get(f"/en/stories/photos/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    close_download(response)


@pytest.mark.parametrize("status", [Story.Status.DRAFT, Story.Status.SUBMITTED, Story.Status.UNPUBLISHED])
def test_a_story_not_published_is_a_404_for_the_public_and_other_newcomers(client, status):
    story = StoryFactory(status=status, published_at=None)
    photo = StoryPhotoFactory(story=story)
    assert client.get(f"/en/stories/{story.pk}/").status_code == 404
    assert client.get(f"/en/stories/photos/{photo.pk}/").status_code == 404
    client.force_login(NewcomerProfileFactory().user)
    assert client.get(f"/en/stories/{story.pk}/").status_code == 404
    client.force_login(story.author)
    assert client.get(f"/en/stories/{story.pk}/").status_code == 200
    client.force_login(CoordinatorFactory())
    assert client.get(f"/en/stories/{story.pk}/").status_code == 200


def test_the_story_of_an_account_being_erased_is_hidden(client):
    story = StoryFactory(author=UserFactory(is_active=False))
    assert client.get(f"/en/stories/{story.pk}/").status_code == 404


def test_the_home_page_shows_the_three_latest_stories(client):
    import datetime as dt

    from django.utils import timezone

    for days in range(5):
        StoryFactory(title_en=f"Story {days} days old", published_at=timezone.now() - dt.timedelta(days=days))
    StoryFactory(title_en="Still a draft", status=Story.Status.SUBMITTED, published_at=None)
    html = client.get("/en/").content.decode()
    assert all(f"Story {days} days old" in html for days in range(3))
    assert "Story 3 days old" not in html and "Still a draft" not in html


def test_the_home_page_has_no_stories_panel_without_stories(client):
    html = client.get("/en/").content.decode()
    assert "Newcomers tell" not in html


def _post(client, **extra):
    data = {"title": "Dugnad", "body": "Coffee and cake.", "language": "en", "consent": "on", "submit": "1"}
    return client.post("/en/stories/mine/new/", {**data, **extra})


def test_a_newcomer_writes_a_story_with_a_photo(client):
    user = NewcomerProfileFactory().user
    client.force_login(user)
    assert client.get("/nb/stories/mine/new/").status_code == 200
    photo = SimpleUploadedFile("sledge.png", PNG_BYTES, content_type="image/png")
    response = _post(client, photo_1=photo, alt_1="A sledge")
    assert response.status_code == 302 and response["Location"] == "/en/stories/mine/"
    story = Story.objects.get(author=user)
    assert story.status == Story.Status.SUBMITTED and story.photos.get().alt_text == "A sledge"
    mine = client.get("/en/stories/mine/").content.decode()
    assert "Dugnad" in mine and "Waiting for the coordinator" in mine


def test_a_photo_needs_a_description(client):
    client.force_login(NewcomerProfileFactory().user)
    photo = SimpleUploadedFile("sledge.png", PNG_BYTES, content_type="image/png")
    response = _post(client, photo_1=photo)
    assert response.status_code == 200
    assert response.context["form"].errors["alt_1"] and not Story.objects.exists()


def test_a_non_image_upload_is_a_form_error(client):
    client.force_login(NewcomerProfileFactory().user)
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not a photo", content_type="image/png")
    response = _post(client, photo_1=fake, alt_1="x")
    assert response.status_code == 200
    assert "This file type is not accepted" in str(response.context["form"].errors["photo_1"])
    assert not Story.objects.exists()


def test_an_oversized_upload_is_a_form_error(client):
    client.force_login(NewcomerProfileFactory().user)
    big = SimpleUploadedFile("photo.png", PNG_BYTES + b"\x00" * (5 * MB + 1), content_type="image/png")
    response = _post(client, photo_1=big, alt_1="x")
    assert response.status_code == 200
    assert "too large" in str(response.context["form"].errors["photo_1"])
    assert not Story.objects.exists()


def test_submitting_without_consent_is_a_form_error(client):
    client.force_login(NewcomerProfileFactory().user)
    response = client.post(
        "/nb/stories/mine/new/", {"title": "T", "body": "B", "language": "nb", "submit": "1"}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Story.objects.exists()


def test_the_author_unpublishes_now_and_withdraws(client):
    story = StoryFactory(author=NewcomerProfileFactory().user)
    client.force_login(story.author)
    assert client.post(f"/en/stories/mine/{story.pk}/unpublish/").status_code == 302
    assert client.get(f"/en/stories/{story.pk}/").status_code == 200  # the author still sees it
    client.logout()
    assert client.get(f"/en/stories/{story.pk}/").status_code == 404
    client.force_login(story.author)
    assert client.post(f"/en/stories/mine/{story.pk}/withdraw/").status_code == 302
    assert not Story.objects.exists()


def test_someone_elses_story_cannot_be_edited_unpublished_or_withdrawn(client):
    story = StoryFactory(author=NewcomerProfileFactory().user)
    client.force_login(NewcomerProfileFactory().user)
    assert client.get(f"/en/stories/mine/{story.pk}/edit/").status_code == 404
    client.post(f"/en/stories/mine/{story.pk}/unpublish/")
    client.post(f"/en/stories/mine/{story.pk}/withdraw/")
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED


def _many(count):
    for _ in range(count):
        StoryPhotoFactory()


@pytest.mark.parametrize("count", [1, 15])
def test_the_stories_list_has_a_query_budget(client, django_assert_max_num_queries, count):
    _many(count)
    client.get("/en/stories/")  # the region is cached for the layout
    with django_assert_max_num_queries(5):
        assert client.get("/en/stories/").status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_the_home_page_budget_holds_with_stories(client, django_assert_max_num_queries, count):
    _many(count)
    client.get("/en/")
    with django_assert_max_num_queries(4):
        assert client.get("/en/").status_code == 200


def test_a_partner_writes_a_story_too(client):
    from tests.careers.factories import PartnerFactory

    partner = PartnerFactory().user
    client.force_login(partner)
    assert _post(client).status_code == 302
    assert Story.objects.get().author == partner


def test_other_roles_cannot_write_stories(client):
    client.force_login(UserFactory(kind="hr"))
    assert _post(client).status_code == 403
    assert not Story.objects.exists()


def test_the_author_removes_a_photo_and_adds_another_while_editing(
    client, django_capture_on_commit_callbacks
):
    story = StoryFactory(
        author=NewcomerProfileFactory().user, status=Story.Status.SUBMITTED, published_at=None
    )
    old = StoryPhotoFactory(story=story, alt_text="Old photo")
    storage, name = old.image.storage, old.image.name
    client.force_login(story.author)
    page = client.get(f"/en/stories/mine/{story.pk}/edit/").content.decode()
    assert "Old photo" in page and "Remove these photos" in page
    new = SimpleUploadedFile("new.png", PNG_BYTES, content_type="image/png")
    data = {"title": "T", "body": "B", "language": "en", "consent": "on", "submit": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/stories/mine/{story.pk}/edit/",
            {**data, "remove_photos": [old.pk], "photo_1": new, "alt_1": "New photo"},
        )
    assert response.status_code == 302
    assert list(story.photos.values_list("alt_text", flat=True)) == ["New photo"]
    assert not storage.exists(name)


def test_a_photo_of_another_story_cannot_be_removed(client):
    other = StoryPhotoFactory()
    story = StoryFactory(author=NewcomerProfileFactory().user, status=Story.Status.DRAFT, published_at=None)
    StoryPhotoFactory(story=story)
    client.force_login(story.author)
    data = {"title": "T", "body": "B", "language": "en", "draft": "1", "remove_photos": [other.pk]}
    response = client.post(f"/en/stories/mine/{story.pk}/edit/", data)
    assert response.status_code == 200 and "remove_photos" in response.context["form"].errors
    assert other.story.photos.exists()
