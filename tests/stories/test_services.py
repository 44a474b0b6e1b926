import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from stories import services
from stories.models import Story, StoryPhoto
from tests.companies.factories import PNG_BYTES
from tests.network.factories import CoordinatorFactory, UserFactory
from tests.newcomers.factories import NewcomerProfileFactory

from .factories import StoryFactory, StoryPhotoFactory

pytestmark = pytest.mark.django_db


def _png(name="photo.png"):
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def _save(user, **kwargs):
    data = {
        "user": user,
        "title": "Sauna by the sea",
        "body": "We found the public sauna on Hvaler.",
        "language": "en",
        "consent": True,
        "submit": True,
    }
    return services.story_save(**{**data, **kwargs})


def test_a_newcomer_submits_a_story_in_their_language_with_consent_and_a_photo():
    user = NewcomerProfileFactory().user
    story = _save(user, photos=[services.NewPhoto(file=_png(), alt_text="  Steam over the water ")])
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED and story.consent_at is not None
    assert (story.title_en, story.title_nb) == ("Sauna by the sea", "")
    photo = story.photos.get()
    assert photo.alt_text == "Steam over the water" and photo.image.name.startswith("stories/photos/")
    assert not photo.image.name.endswith("photo.png")  # a generated name


def test_submitting_needs_consent_but_a_draft_does_not():
    user = NewcomerProfileFactory().user
    with pytest.raises(services.StoryError):
        _save(user, consent=False)
    draft = _save(user, consent=False, submit=False)
    assert draft.status == Story.Status.DRAFT and draft.consent_at is None


def test_only_households_write_stories():
    with pytest.raises(PermissionDenied):
        _save(UserFactory(kind="hr"))


def test_someone_elses_story_cannot_be_changed_and_a_published_one_only_after_unpublishing():
    story = StoryFactory(author=NewcomerProfileFactory().user)
    with pytest.raises(services.StoryError):
        _save(NewcomerProfileFactory().user, story_id=story.pk)
    with pytest.raises(services.StoryError):
        _save(story.author, story_id=story.pk)
    assert services.story_unpublish(user=story.author, story_id=story.pk)
    changed = _save(story.author, story_id=story.pk, language="nb", title="Badstue", body="Varmt.")
    assert (changed.title_nb, changed.title_en, changed.status) == ("Badstue", "", Story.Status.SUBMITTED)


def test_a_non_image_is_refused_and_nothing_is_saved():
    user = NewcomerProfileFactory().user
    fake = SimpleUploadedFile("photo.png", b"<html>not an image</html>", content_type="image/png")
    with pytest.raises(ValidationError):
        _save(user, photos=[services.NewPhoto(file=fake, alt_text="x")])
    assert not Story.objects.exists() and not StoryPhoto.objects.exists()


def test_at_most_three_photos():
    user = NewcomerProfileFactory().user
    photos = [services.NewPhoto(file=_png(), alt_text=f"Photo {n}") for n in range(4)]
    with pytest.raises(services.StoryError):
        _save(user, photos=photos)


def test_the_coordinator_publishes_only_submitted_stories_with_consent():
    coordinator = CoordinatorFactory()
    submitted = StoryFactory(status=Story.Status.SUBMITTED, published_at=None)
    published = services.story_publish(user=coordinator, story_id=submitted.pk)
    assert published.status == Story.Status.PUBLISHED and published.published_at is not None
    draft = StoryFactory(status=Story.Status.DRAFT, published_at=None)
    with pytest.raises(services.StoryError):
        services.story_publish(user=coordinator, story_id=draft.pk)
    no_consent = StoryFactory(status=Story.Status.SUBMITTED, published_at=None, consent_at=None)
    with pytest.raises(services.StoryError):
        services.story_publish(user=coordinator, story_id=no_consent.pk)
    with pytest.raises(PermissionDenied):
        services.story_publish(user=submitted.author, story_id=submitted.pk)


def test_the_author_unpublishes_at_once_but_not_someone_elses_story():
    story = StoryFactory()
    assert not services.story_unpublish(user=UserFactory(), story_id=story.pk)
    assert services.story_unpublish(user=story.author, story_id=story.pk)
    story.refresh_from_db()
    assert story.status == Story.Status.UNPUBLISHED
    assert not Story.objects.published().exists()


def test_withdrawing_deletes_the_story_and_its_photo_files(django_capture_on_commit_callbacks):
    photo = StoryPhotoFactory()
    storage, name = photo.image.storage, photo.image.name
    assert storage.exists(name)
    assert not services.story_withdraw(user=UserFactory(), story_id=photo.story_id)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.story_withdraw(user=photo.story.author, story_id=photo.story_id)
    assert not Story.objects.exists() and not storage.exists(name)


def test_a_published_story_needs_consent_in_the_database_too():
    from django.db import IntegrityError, transaction

    story = StoryFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.filter(pk=story.pk).update(consent_at=None)


def test_the_author_is_told_once_when_their_story_is_published_in_their_language():
    from network.models import OutgoingMail

    author = NewcomerProfileFactory(user__language="nb").user
    story = StoryFactory(author=author, status=Story.Status.SUBMITTED, published_at=None, title_en="Snow")
    services.story_publish(user=CoordinatorFactory(), story_id=story.pk)
    [sent] = OutgoingMail.objects.filter(key=f"stories:published:{story.pk}")
    assert sent.to == author.email and sent.subject == "Historien din er publisert"
    assert f"/nb/stories/{story.pk}/" in sent.body_text and "/nb/stories/mine/" in sent.body_text
    services.story_unpublish(user=author, story_id=story.pk)
    Story.objects.filter(pk=story.pk).update(status=Story.Status.SUBMITTED)
    services.story_publish(user=CoordinatorFactory(), story_id=story.pk)
    assert OutgoingMail.objects.filter(key__startswith="stories:published").count() == 1
