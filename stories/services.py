"""Changes to stories: the author writes, submits, unpublishes or withdraws; the coordinator publishes."""

from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.models import User
from network.services import absolute_url, mail_queue_template

from .models import MAX_PHOTOS, Story, StoryPhoto
from .privacy import photo_files_delete_after_commit

FOR_HOUSEHOLDS = _("Stories are written by newcomers and their partners.")
FOR_COORDINATOR = _("Only the coordinator publishes stories.")
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class StoryError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class NewPhoto:
    file: File
    alt_text: str


def _set_text(story: Story, *, title: str, body: str, language: str) -> None:
    """The author writes in one language: that language's fields get the text, the others are left
    for the coordinator's translation (emptied, so an edit never leaves an old translation behind)."""
    for code in LANGUAGE_CODES:
        setattr(story, f"title_{code}", title if code == language else "")
        setattr(story, f"body_{code}", body if code == language else "")


@transaction.atomic
def story_save(
    *,
    user: User,
    story_id: int | None = None,
    title: str,
    body: str,
    language: str,
    consent: bool,
    submit: bool,
    photos: list[NewPhoto] | tuple = (),
    remove_photo_ids: list[int] | tuple = (),
) -> Story:
    """Write a new story or change one not yet published; with `submit` it goes to the coordinator,
    which needs the author's consent to publish it (recorded with the time it was given)."""
    require(roles_of(user).household, FOR_HOUSEHOLDS)
    if language not in LANGUAGE_CODES:
        raise StoryError(_("Choose the language you wrote in."))
    if story_id is None:
        story = Story(author=user)
    else:
        story = Story.objects.select_for_update().filter(pk=story_id, author=user).first()
        if story is None:
            raise StoryError(_("This story is not yours, or no longer exists."))
        if story.status == Story.Status.PUBLISHED:
            raise StoryError(_("A published story cannot be changed. Unpublish it first."))
    if submit and not consent:
        raise StoryError(_("To send your story to the coordinator, agree that it may be published."))
    if story.pk and remove_photo_ids:
        removed = list(story.photos.filter(pk__in=remove_photo_ids))
        photo_files_delete_after_commit(removed)
        StoryPhoto.objects.filter(pk__in=[photo.pk for photo in removed]).delete()
    existing = story.photos.count() if story.pk else 0
    if existing + len(photos) > MAX_PHOTOS:
        raise StoryError(_("A story has at most %(max)s photos.") % {"max": MAX_PHOTOS})
    story.language = language
    _set_text(story, title=title, body=body, language=language)
    if consent and story.consent_at is None:
        story.consent_at = timezone.now()
    elif not consent:
        story.consent_at = None
    story.status = Story.Status.SUBMITTED if submit else Story.Status.DRAFT
    story.full_clean()
    story.save()
    last = max(story.photos.values_list("position", flat=True), default=-1)
    for position, photo in enumerate(photos, start=last + 1):
        row = StoryPhoto(story=story, image=photo.file, alt_text=photo.alt_text.strip(), position=position)
        row.full_clean()
        row.save()
    return story


@transaction.atomic
def story_unpublish(*, user: User, story_id: int) -> bool:
    """Take a story off the site at once: the author's right, and the coordinator's. Returns whether
    it was published."""
    roles = roles_of(user)
    stories = Story.objects.select_for_update().filter(pk=story_id, status=Story.Status.PUBLISHED)
    if not roles.coordinator:
        stories = stories.filter(author=user)
    story = stories.first()
    if story is None:
        return False
    story.status = Story.Status.UNPUBLISHED
    story.save(update_fields=["status", "updated_at"])
    return True


@transaction.atomic
def story_withdraw(*, user: User, story_id: int) -> bool:
    """The author takes a story back: it and its photos (the files too) are deleted."""
    story = Story.objects.select_for_update().filter(pk=story_id, author=user).first()
    if story is None:
        return False
    photo_files_delete_after_commit(list(story.photos.all()))
    story.delete()
    return True


@transaction.atomic
def story_publish(*, user: User, story_id: int) -> Story:
    """The coordinator approves a submitted story and publishes it (with the author's consent only)."""
    require(roles_of(user).coordinator, FOR_COORDINATOR)
    story = Story.objects.select_for_update().filter(pk=story_id).first()
    if story is None:
        raise StoryError(_("This story no longer exists."))
    if story.status != Story.Status.SUBMITTED:
        raise StoryError(_("Only stories the author has sent in can be published."))
    if story.consent_at is None:
        raise StoryError(_("The author has not agreed to publishing this story."))
    story.status = Story.Status.PUBLISHED
    story.published_at = story.published_at or timezone.now()
    story.full_clean()
    story.save(update_fields=["status", "published_at", "updated_at"])
    # The author hears of it once, with the way to take it down again.
    language = story.author.language
    mail_queue_template(
        key=f"stories:published:{story.pk}",
        user=story.author,
        template_prefix="stories/mail/published",
        context={
            "story": story,
            "url": absolute_url(reverse("stories:detail", kwargs={"pk": story.pk}), language=language),
            "mine_url": absolute_url(reverse("stories:mine"), language=language),
        },
    )
    return story
