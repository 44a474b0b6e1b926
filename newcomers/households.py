"""Hooks for the coordinator's view of a household (see docs/architecture.md), so that the retention
app can show what the apps above `newcomers` know without importing them.

- `household_timeline_register(name, read)`: `read(profile=…)` returns the app's `TimelineEntry`s for
  the household (a constant number of queries), such as the mentors app's matches.
- `partner_job_search_register(read)`: `read(profiles=…, before=…)` returns {profile id: looking
  since} for the households whose partner has been looking for work since before `before`, in a
  constant number of queries. The default reads the household's own "looking for work" answer,
  counted from arrival; the careers app replaces it with the career profile's date.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from .models import Partner


@dataclass(frozen=True)
class TimelineEntry:
    when: dt.datetime | dt.date
    section: str  # a short key the template styles by: hire, onboarding, activity, mentor, career …
    title: str
    detail: str = ""
    # Only parts the newcomer agreed to share with the employer (checklist progress and attendance)
    # are shown to the employer's HR.
    employer_may_see: bool = False

    @property
    def moment(self) -> dt.datetime:
        """`when` as an aware datetime, so dates and times sort together (a date at midnight)."""
        if isinstance(self.when, dt.datetime):
            return self.when
        return timezone.make_aware(dt.datetime.combine(self.when, dt.time.min))


TIMELINE: dict[str, Callable[..., list[TimelineEntry]]] = {}


def household_timeline_register(name: str, read: Callable[..., list[TimelineEntry]]) -> None:
    TIMELINE[name] = read


def household_timeline_extra(*, profile) -> list[TimelineEntry]:
    entries = []
    for read in TIMELINE.values():
        entries.extend(read(profile=profile))
    return entries


def _looking_since_from_household(*, profiles, before: dt.date) -> dict[int, dt.date]:
    rows = Partner.objects.filter(
        profile__in=profiles, looking_for_work=True, profile__arrival_date__lt=before
    ).values_list("profile_id", "profile__arrival_date")
    return dict(rows)


PARTNER_JOB_SEARCH: list[Callable[..., dict[int, dt.date]]] = [_looking_since_from_household]


def partner_job_search_register(read: Callable[..., dict[int, dt.date]]) -> None:
    PARTNER_JOB_SEARCH[:] = [read]


def partner_looking_since(*, profiles, before: dt.date) -> dict[int, dt.date]:
    return PARTNER_JOB_SEARCH[0](profiles=profiles, before=before)


# The coordinator's page for one household (the retention app registers its URL name, which takes
# the profile's pk); the newcomer profile's admin page links to it.
HOUSEHOLD_PAGE: list[str] = []


def household_page_register(url_name: str) -> None:
    HOUSEHOLD_PAGE[:] = [url_name]


def household_page() -> str | None:
    return HOUSEHOLD_PAGE[0] if HOUSEHOLD_PAGE else None
