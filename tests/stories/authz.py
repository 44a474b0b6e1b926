"""The stories pages for the authorization matrix.

The public pages show published stories to everyone; a story not published is a 404 for anyone but
its author (the world's newcomer) and the coordinator. The author's own pages are for households.
"""

from companies.services import link_token
from stories.digest import UNSUBSCRIBE_PURPOSE
from stories.models import Story
from tests.newcomers.factories import NewcomerProfileFactory

from .factories import StoryFactory, StoryPhotoFactory

ROLES = ("anonymous", "newcomer", "other_newcomer", "hr_a", "hr_b", "volunteer", "coordinator")
EVERYONE = dict.fromkeys(ROLES, 200)
HOUSEHOLDS = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "newcomer": 200, "other_newcomer": 200}
AUTHOR_AND_COORDINATOR = {**dict.fromkeys(ROLES, 404), "newcomer": 200, "coordinator": 200}
# The author's own story: another household's id is a 404, other roles are refused before the lookup.
OWN_STORY = {**HOUSEHOLDS, "other_newcomer": 404}
POST_ONLY = dict.fromkeys(ROLES, 405)


def setup(world) -> None:
    world.story_published = StoryFactory(author=world.newcomer)
    world.story_draft = StoryFactory(
        author=world.newcomer, status=Story.Status.SUBMITTED, published_at=None, title_en="Not yet"
    )
    world.story_draft_photo = StoryPhotoFactory(story=world.story_draft)
    world.digest_profile = NewcomerProfileFactory(weekly_digest=True)


URLS = {
    "stories:index": (lambda w: {}, EVERYONE),
    # Not published: only its author and the coordinator (a preview) see it or its photos (a
    # published one is public: tests/stories/test_views.py).
    "stories:detail": (lambda w: {"pk": w.story_draft.pk}, AUTHOR_AND_COORDINATOR),
    "stories:photo": (lambda w: {"pk": w.story_draft_photo.pk}, AUTHOR_AND_COORDINATOR),
    "stories:mine": (lambda w: {}, HOUSEHOLDS),
    "stories:create": (lambda w: {}, HOUSEHOLDS),
    "stories:edit": (lambda w: {"pk": w.story_draft.pk}, OWN_STORY),
    "stories:unpublish": (lambda w: {"pk": w.story_published.pk}, POST_ONLY),
    "stories:withdraw": (lambda w: {"pk": w.story_draft.pk}, POST_ONLY),
    # The digest's link works without logging in, for whoever holds it.
    "stories:digest_stop": (
        lambda w: {"token": link_token(purpose=UNSUBSCRIBE_PURPOSE, pk=w.digest_profile.pk)},
        EVERYONE,
    ),
}
