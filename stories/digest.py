"""The weekly digest: the coming two weeks' activities that fit a person, new stories and new
practical pages, mailed once per ISO week to those who asked for it at onboarding.

What fits (`digest_for`, a pure function over rows read once for everyone by `digest_material`):
- an activity for newcomers, families or everyone, starting in the next DIGEST_DAYS days,
- held in the person's language (their mail language) or in both,
- in their municipality, or anywhere in the region when its category is one of their interests
  (`INTEREST_CATEGORIES` maps an interest to the activity categories that serve it),
- and, for a household with children, one that offers childcare or is for families.
New stories and practical pages are those published (pages: changed) in the past week; a page
about another municipality is left out. A person with nothing to tell gets no mail.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.services import InvitationError, link_read, link_token
from events.models import Audience, Event
from network.models import InfoPage
from network.services import absolute_url, mail_queue_template, unsubscribe_headers
from newcomers.models import NewcomerProfile

from .models import Story

DIGEST_DAYS = 14
NEW_SINCE_DAYS = 7
# An interest (newcomers' Interest.slug) serves the activity categories (events' Category.slug) of
# the same slug and these.
INTEREST_CATEGORIES = {
    "kids": {"family"},
    "outdoors": {"get-to-know-your-city", "sports"},
    "networking": {"social"},
    "food": {"social"},
}
DIGEST_AUDIENCES = (Audience.NEWCOMERS, Audience.FAMILIES, Audience.EVERYONE)
UNSUBSCRIBE_PURPOSE = "stories-digest-stop"
UNSUBSCRIBE_LINK_DAYS = 365


@dataclass
class Material:
    """What is new for everyone this week, read once (three queries)."""

    events: list = field(default_factory=list)
    stories: list = field(default_factory=list)
    pages: list = field(default_factory=list)


@dataclass
class Digest:
    events: list
    stories: list
    pages: list

    @property
    def is_empty(self) -> bool:
        return not (self.events or self.stories or self.pages)


def digest_material(*, now: dt.datetime | None = None) -> Material:
    now = now or timezone.now()
    since = now - dt.timedelta(days=NEW_SINCE_DAYS)
    return Material(
        events=list(
            Event.objects.select_related("category", "municipality")
            .filter(
                status=Event.Status.PUBLISHED,
                audience__in=DIGEST_AUDIENCES,
                starts_at__gte=now,
                starts_at__lt=now + dt.timedelta(days=DIGEST_DAYS),
            )
            .order_by("starts_at", "pk")
        ),
        stories=list(Story.objects.published().filter(published_at__gte=since).order_by("-published_at")),
        pages=list(
            InfoPage.objects.published()
            .select_related("municipality")
            .filter(updated_at__gte=since)
            .order_by("topic", "title")
        ),
    )


def _categories_for(interest_slugs: set[str]) -> set[str]:
    categories = set(interest_slugs)
    for slug in interest_slugs:
        categories |= INTEREST_CATEGORIES.get(slug, set())
    return categories


def _event_fits(event, *, municipality_id, categories: set[str], language: str, has_children: bool) -> bool:
    if event.language not in (language, "both"):
        return False
    if has_children and not (event.childcare_offered or event.audience == Audience.FAMILIES):
        return False
    here = municipality_id is None or event.municipality_id == municipality_id
    return here or event.category.slug in categories


def digest_for(*, profile: NewcomerProfile, material: Material, interest_slugs: set[str]) -> Digest:
    """One person's digest from this week's material (no queries of its own)."""
    categories = _categories_for(interest_slugs)
    municipality_id = profile.municipality_id
    events = [
        event
        for event in material.events
        if _event_fits(
            event,
            municipality_id=municipality_id,
            categories=categories,
            language=profile.user.language,
            has_children=profile.has_children,
        )
    ]
    pages = [
        page
        for page in material.pages
        if page.municipality_id is None or municipality_id is None or page.municipality_id == municipality_id
    ]
    stories = [story for story in material.stories if story.author_id != profile.user_id]
    return Digest(events=events, stories=stories, pages=pages)


def digest_recipients():
    """Everyone who asked for the digest, with what `digest_for` reads (two queries)."""
    return (
        NewcomerProfile.objects.filter(weekly_digest=True, user__is_active=True)
        .select_related("user")
        .prefetch_related("interests")
        .order_by("pk")
    )


def unsubscribe_url(profile: NewcomerProfile) -> str:
    token = link_token(purpose=UNSUBSCRIBE_PURPOSE, pk=profile.pk)
    return absolute_url(
        reverse("stories:digest_stop", kwargs={"token": token}), language=profile.user.language
    )


def _links(digest: Digest, language: str) -> dict:
    def url(name, **kwargs):
        return absolute_url(reverse(name, kwargs=kwargs), language=language)

    return {
        "events": [(event, url("events:detail", pk=event.pk)) for event in digest.events],
        "stories": [(story, url("stories:detail", pk=story.pk)) for story in digest.stories],
        "pages": [(page, url("info:page", slug=page.slug)) for page in digest.pages],
    }


def weekly_digest_send(*, now: dt.datetime | None = None) -> int:
    """Mail each person who asked for it their digest: at most once per ISO week (the outbox key, so
    a second run or a retried task sends nothing), and not at all with nothing to tell."""
    now = now or timezone.now()
    year, week, _day = timezone.localdate(now).isocalendar()
    material = digest_material(now=now)
    sent = 0
    for profile in digest_recipients():
        digest = digest_for(
            profile=profile,
            material=material,
            interest_slugs={interest.slug for interest in profile.interests.all()},
        )
        if digest.is_empty:
            continue
        language = profile.user.language
        stop_url = unsubscribe_url(profile)
        with transaction.atomic():
            queued = mail_queue_template(
                key=f"stories:digest:{profile.user_id}:{year}-W{week:02d}",
                user=profile.user,
                template_prefix="stories/mail/digest",
                context={
                    **_links(digest, language),
                    "calendar_url": absolute_url(reverse("events:list"), language=language),
                    "unsubscribe_url": stop_url,
                },
                headers=unsubscribe_headers(stop_url),
            )
        sent += queued is not None
    return sent


def profile_from_unsubscribe_token(*, token: str) -> NewcomerProfile:
    pk = link_read(token=token, purpose=UNSUBSCRIBE_PURPOSE, days=UNSUBSCRIBE_LINK_DAYS)
    profile = NewcomerProfile.objects.filter(pk=pk).first()
    if profile is None:
        raise InvitationError(_("This account no longer exists."))
    return profile


@transaction.atomic
def weekly_digest_stop(*, profile: NewcomerProfile) -> None:
    NewcomerProfile.objects.filter(pk=profile.pk).update(weekly_digest=False)
