"""What the stories app holds about a person, for their data export and their erasure.

Joined through the newcomers app's privacy registry in StoriesConfig.ready, so the erasure stays one
transaction across every app.
"""

from django.db import transaction

from .models import Story, StoryPhoto


def _iso(value):
    return value.isoformat() if value else None


def person_export(*, user) -> list[dict]:
    stories = Story.objects.filter(author=user).prefetch_related("photos").order_by("created_at")
    return [
        {
            "title_nb": story.title_nb,
            "title_en": story.title_en,
            "story_nb": story.body_nb,
            "story_en": story.body_en,
            "written_in": story.language,
            "status": story.status,
            "consent_to_publish_at": _iso(story.consent_at),
            "published_at": _iso(story.published_at),
            "created_at": _iso(story.created_at),
            "photos": [photo.alt_text for photo in story.photos.all()],
        }
        for story in stories
    ]


def photo_files_delete_after_commit(photos) -> None:
    """Delete the photos' files once the transaction that removed their rows has committed."""
    for photo in photos:
        storage, name = photo.image.storage, photo.image.name
        if name:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


@transaction.atomic
def person_erase(*, user) -> None:
    """Remove the person's stories (published or not) and their photos' files."""
    photo_files_delete_after_commit(list(StoryPhoto.objects.filter(story__author=user)))
    Story.objects.filter(author=user).delete()
