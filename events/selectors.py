"""Reads for the activity calendar. Seat counts are computed in SQL, never per row in Python."""

import datetime as dt
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from network.languages import CEFR_ORDER

from .models import Audience, Event, EventLanguage, EventMessage, SignUp

CACHE_VERSION_KEY = "events:calendar:version"


def calendar_cache_version(*scopes: str) -> str:
    """The data version of a calendar page, part of its cache key: the calendar's own version (any
    change of an activity or a category changes it) and the version of each scope the page shows
    (`calendar_scopes`: a sign-up changes only those of its activity). One round trip to the cache.

    A new version is a random one, never a counter from 1: if a key is lost (a cache restarted or
    culled), a counter would start again at a number whose pages may still be cached."""
    keys = [CACHE_VERSION_KEY, *(f"{CACHE_VERSION_KEY}:{scope}" for scope in scopes)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, new_calendar_version(), timeout=None)
            found[key] = cache.get(key) or new_calendar_version()
    return ".".join(found[key] for key in keys)


def calendar_scopes(event: Event) -> tuple[str, ...]:
    """What shows an activity's seat counts and sign-up state: its own page, the lists, and the
    month pages of its start and end."""
    return (
        f"event:{event.pk}",
        "lists",
        *(f"month:{month}" for month in _months(event.starts_at, event.ends_at)),
    )


def _months(start: dt.datetime, end: dt.datetime) -> list[str]:
    """Each month from `start` to `end` (local time) as YYYY-MM; an activity spanning three months
    shows in all three month views."""
    month = timezone.localtime(start).date().replace(day=1)
    last = timezone.localtime(end).date().replace(day=1)
    months = []
    while month <= last and len(months) < 24:
        months.append(month.strftime("%Y-%m"))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def new_calendar_version() -> str:
    return uuid.uuid4().hex


# Where the apps above know a person's Norwegian level (the newcomer's profile, the partner's career
# profile): name -> function() -> a subquery of that level for the user OuterRef("pk"). The
# calendar's "where I can practise Norwegian at my level" reads the highest level any of them knows.
NORWEGIAN_LEVEL_SOURCES: dict[str, Callable[[], Subquery]] = {}


def norwegian_level_register(name: str, function: Callable[[], Subquery]) -> None:
    NORWEGIAN_LEVEL_SOURCES[name] = function


def norwegian_level_of(*, user) -> str:
    """The person's Norwegian (CEFR) level as the apps above know it; "" when none does.

    One query however many apps know it; none for a visitor who is not logged in.
    """
    if not user.is_authenticated or not NORWEGIAN_LEVEL_SOURCES:
        return ""
    subqueries = {f"level_{name}": read() for name, read in NORWEGIAN_LEVEL_SOURCES.items()}
    row = get_user_model().objects.filter(pk=user.pk).annotate(**subqueries).values_list(*subqueries).first()
    levels = [level for level in row or () if level]
    return max(levels, key=lambda level: CEFR_ORDER.get(level, 0), default="")


def _signup_sum(expression, status: str):
    """A correlated subquery summing `expression` over an event's sign-ups in one status."""
    return Coalesce(
        Subquery(
            SignUp.objects.filter(event=OuterRef("pk"), status=status)
            .order_by()
            .values("event")
            .annotate(total=Sum(expression))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _signup_count(status: str, **extra):
    return Coalesce(
        Subquery(
            SignUp.objects.filter(event=OuterRef("pk"), status=status, **extra)
            .order_by()
            .values("event")
            .annotate(total=Count("pk"))
            .values("total"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def event_annotate_seats(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Add seats_taken, waiting_count and childcare_taken (confirmed sign-ups only) to each event
    (`Event.seats_left` follows from them)."""
    confirmed = SignUp.Status.CONFIRMED
    return queryset.annotate(
        seats_taken=_signup_sum(1 + F("extra_adults") + F("extra_children"), confirmed),
        childcare_taken=_signup_sum(F("childcare_children"), confirmed),
        waiting_count=_signup_count(SignUp.Status.WAITING),
    )


def event_queryset_public() -> QuerySet[Event]:
    """Events as the calendar shows them: with category, municipality and seat counts, in one query."""
    return event_annotate_seats(
        Event.objects.select_related("category", "municipality").order_by("starts_at", "pk")
    )


def _pk(value):
    return getattr(value, "pk", value)


def event_list_filtered(*, filters: dict, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Events matching the calendar filters (the cleaned data of `events.forms.EventFilterForm`).

    Keys (all optional): municipality, category (instance or pk), audience, language (an
    `EventLanguage` code, or "en"/"nb" for that language at any level), practice_level (a CEFR
    level: where one can practise Norwegian at it), free_only, childcare, date_from, date_to (dates). Without date_from only events that
    have not ended are listed, so the default is "upcoming first".
    """
    queryset = event_queryset_public()
    if municipality := filters.get("municipality"):
        queryset = queryset.filter(municipality_id=_pk(municipality))
    if category := filters.get("category"):
        queryset = queryset.filter(category_id=_pk(category))
    if audience := filters.get("audience"):
        # Exactly that audience: "Companies and HR" lists the company network's meetings, not every
        # public activity too ("Everyone" is a choice of its own).
        queryset = queryset.filter(audience=audience)
    if language := filters.get("language"):
        queryset = queryset.filter(language__in=_languages_for(language))
    if level := filters.get("practice_level"):
        queryset = queryset.filter(language__in=EventLanguage.for_practice(level))
    if filters.get("free_only"):
        queryset = queryset.filter(price_nok=0)
    if filters.get("childcare"):
        queryset = queryset.filter(childcare_offered=True)
    date_from, date_to = filters.get("date_from"), filters.get("date_to")
    if date_from:
        queryset = queryset.filter(ends_at__gte=_day_start(date_from))
    else:
        queryset = queryset.filter(ends_at__gte=now or timezone.now())
    if date_to:
        queryset = queryset.filter(starts_at__lt=_day_start(date_to + dt.timedelta(days=1)))
    return queryset


def _languages_for(language: str) -> list[str]:
    # "In English" and "in Norwegian" include bilingual activities, which suit either.
    if language == "en":
        return [EventLanguage.ENGLISH, EventLanguage.BOTH]
    if language == "nb":
        return [*EventLanguage.norwegian(), EventLanguage.BOTH]
    return [language]


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def event_list_for_month(*, year: int, month: int, filters: dict) -> QuerySet[Event]:
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    month_filters = {**filters, "date_from": first, "date_to": last}
    if filters.get("date_from"):
        month_filters["date_from"] = max(first, filters["date_from"])
    if filters.get("date_to"):
        month_filters["date_to"] = min(last, filters["date_to"])
    return event_list_filtered(filters=month_filters)


def event_get_public(*, pk: int) -> Event | None:
    return event_queryset_public().filter(pk=pk).first()


# What the sign-up rules and the sign-up form read of an activity (events.services.signup_create).
EVENT_SIGNUP_FIELDS = (
    "status",
    "starts_at",
    "ends_at",  # with starts_at, the month pages a sign-up changes (calendar_scopes)
    "registration_opens_at",
    "registration_closes_at",
    "audience",
    "capacity",
    "childcare_capacity",
    "childcare_offered",
    "price_nok",
)


def event_get_for_signup(*, pk: int) -> Event | None:
    """The activity's fields that a sign-up reads, without seat counts or related rows (the service
    counts the seats under the event's lock); anything else is loaded when first read."""
    try:
        return Event.objects.only(*EVENT_SIGNUP_FIELDS).get(pk=pk)
    except Event.DoesNotExist:
        return None


def event_list_upcoming(
    *, municipality_id: int | None = None, audiences: list[str] | None = None, limit: int = 3
) -> list[Event]:
    """The next published events that have not started (for dashboards and the welcome pack)."""
    queryset = event_queryset_public().filter(status=Event.Status.PUBLISHED, starts_at__gte=timezone.now())
    if municipality_id is not None:
        queryset = queryset.filter(municipality_id=municipality_id)
    if audiences:
        queryset = queryset.filter(audience__in=audiences)
    return list(queryset[:limit])


def signup_list_upcoming_for_user(*, user, limit: int | None = None) -> list[SignUp]:
    """A person's sign-ups (confirmed or waiting) for events that have not ended, soonest first."""
    queryset = (
        SignUp.objects.filter(user=user, event__ends_at__gte=timezone.now())
        .exclude(status=SignUp.Status.CANCELLED)
        .select_related("event", "event__category", "event__municipality")
        .order_by("event__starts_at", "pk")
    )
    if limit is not None:
        queryset = queryset[:limit]
    return list(queryset)


def signup_list_past_for_user(*, user, limit: int = 50) -> list[SignUp]:
    return list(
        SignUp.objects.filter(user=user, event__ends_at__lt=timezone.now())
        .select_related("event", "event__category", "event__municipality")
        .order_by("-event__starts_at", "-pk")[:limit]
    )


def signup_get_for_user(*, pk: int, user) -> SignUp | None:
    """A sign-up the user holds, or made for a colleague; None for anybody else's."""
    return (
        SignUp.objects.select_related("event", "user")
        .filter(Q(user=user) | Q(signed_up_by=user), pk=pk)
        .first()
    )


def signup_active_for(*, event: Event, user) -> SignUp | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return SignUp.objects.filter(event=event, user=user).exclude(status=SignUp.Status.CANCELLED).first()


def attended_count_for_users(*, user_ids) -> dict[int, int]:
    """How many events each user took part in: marked attended, or confirmed for an event now over.

    An explicit `attended=False` (a no-show) does not count. One query for all users.
    """
    rows = (
        SignUp.objects.filter(user_id__in=list(user_ids))
        .filter(
            Q(attended=True)
            | Q(attended__isnull=True, status=SignUp.Status.CONFIRMED, event__ends_at__lt=timezone.now())
        )
        .exclude(event__status=Event.Status.CANCELLED)
        .order_by()
        .values("user_id")
        .annotate(total=Count("event", distinct=True))
    )
    return {row["user_id"]: row["total"] for row in rows}


def reminder_hours() -> int:
    """How long before an activity its participants are reminded (EVENTS_REMINDER_HOURS)."""
    return getattr(settings, "EVENTS_REMINDER_HOURS", 24)


def signups_due_for_reminder(*, now: dt.datetime | None = None) -> QuerySet[SignUp]:
    """Confirmed sign-ups of published activities that start within the reminder window."""
    now = now or timezone.now()
    return (
        SignUp.objects.filter(
            status=SignUp.Status.CONFIRMED,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + dt.timedelta(hours=reminder_hours()),
        )
        .select_related("user", "event__municipality", "event__category")
        .order_by("event__starts_at", "pk")
    )


MUNICIPALITY_PAGE_EVENTS = 6


def municipality_panel(*, municipality) -> dict:
    """The coming public activities in a municipality, for its page (network's municipality panel)."""
    return {
        "municipality": municipality,
        "events": event_list_upcoming(
            municipality_id=municipality.pk,
            audiences=[Audience.NEWCOMERS, Audience.FAMILIES, Audience.EVERYONE],
            limit=MUNICIPALITY_PAGE_EVENTS,
        ),
    }


def event_message_audience(*, event_ids: list[int], audience: str) -> list[tuple]:
    """Who a message to these activities' people reaches, as (user, the activity they are in), each
    person once (their earliest activity of the selection), in one query."""

    signups = SignUp.objects.filter(event_id__in=event_ids, user__is_active=True)
    if audience == EventMessage.Audience.CONFIRMED:
        signups = signups.filter(status=SignUp.Status.CONFIRMED)
    elif audience == EventMessage.Audience.WAITING:
        signups = signups.filter(status=SignUp.Status.WAITING)
    elif audience == EventMessage.Audience.ATTENDED:
        signups = signups.filter(attended=True)
    else:
        signups = signups.filter(status__in=[SignUp.Status.CONFIRMED, SignUp.Status.WAITING])
    people: dict[int, tuple] = {}
    for signup in signups.select_related("user").order_by("event__starts_at", "pk"):
        people.setdefault(signup.user_id, (signup.user, signup.event_id))
    return sorted(people.values(), key=lambda pair: (pair[0].get_full_name().lower(), pair[0].pk))
