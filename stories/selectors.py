"""Reads for the stories pages, the home page's panel and the author's own list (constant queries)."""

from django.db.models import Prefetch, QuerySet

from network.access import roles_of

from .models import Story, StoryPhoto

HOME_STORIES = 3


def _int(value) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _with_photos(queryset: QuerySet[Story]) -> QuerySet[Story]:
    return queryset.select_related("author").prefetch_related(
        Prefetch("photos", queryset=StoryPhoto.objects.order_by("position", "pk"))
    )


def stories_published() -> QuerySet[Story]:
    """Published stories, newest first, with their authors and photos (two queries however many)."""
    return _with_photos(Story.objects.published().order_by("-published_at", "-pk"))


def story_get_public(*, pk) -> Story | None:
    pk = _int(pk)
    return stories_published().filter(pk=pk).first() if pk else None


def story_get_viewable(*, pk, user) -> Story | None:
    """A story for its page: a published one for anyone; the author's own and, for the
    coordinator, any story in any state (a preview)."""
    pk = _int(pk)
    if pk is None:
        return None
    story = _with_photos(Story.objects.filter(pk=pk)).first()
    if story is None:
        return None
    if story.is_published and story.author.is_active:
        return story
    if user.is_authenticated and (story.author_id == user.pk or roles_of(user).coordinator):
        return story
    return None


def stories_for_author(*, user) -> list[Story]:
    return list(_with_photos(Story.objects.filter(author=user).order_by("-created_at", "-pk")))


def story_get_for_author(*, pk, user) -> Story | None:
    pk = _int(pk)
    if pk is None:
        return None
    return _with_photos(Story.objects.filter(pk=pk, author=user)).first()


def photo_get_viewable(*, pk, user) -> StoryPhoto | None:
    """A photo of a published story for anyone; of any story for its author and the coordinator."""
    pk = _int(pk)
    if pk is None:
        return None
    photo = StoryPhoto.objects.select_related("story__author").filter(pk=pk).first()
    if photo is None:
        return None
    if photo.story.is_published and photo.story.author.is_active:
        return photo
    if user.is_authenticated and (photo.story.author_id == user.pk or roles_of(user).coordinator):
        return photo
    return None


def home_panel() -> dict | None:
    """The three latest stories for the home page (network's home panel), or nothing without any."""
    stories = list(stories_published()[:HOME_STORIES])
    return {"stories": stories} if stories else None
