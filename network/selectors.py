from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext

from .models import InfoPage, Municipality, OutgoingMail, Region, TravelTime


def region_get_current() -> Region | None:
    """The region this portal serves, with its contact person and municipalities."""
    return (
        Region.objects.select_related("contact_person")
        .prefetch_related(Prefetch("municipalities", queryset=municipality_list()))
        .order_by("pk")
        .first()
    )


REGION_CACHE_KEY = "network:region"
REGION_CACHE_SECONDS = 600


def region_get_cached() -> Region | None:
    """The region for the layout of every page, from the cache: it changes rarely, and fetching it
    with its contact person and municipalities was half the time of a cached calendar page.
    Saving a region, municipality or contact person empties the entry (network/apps.py)."""
    region = cache.get(REGION_CACHE_KEY)
    if region is None:
        region = region_get_current() or False
        cache.set(REGION_CACHE_KEY, region, REGION_CACHE_SECONDS)
    return region or None


def region_name() -> str:
    """The region's name for feeds, mails and titles; a neutral word before any region is loaded."""
    region = region_get_cached()
    return region.name if region else gettext("the region")


def region_title() -> str:
    """The portal's title, for the admin's header and the browser's tab."""
    return gettext("%(region)s expat network") % {"region": region_name()}


def region_cache_clear(**kwargs) -> None:
    cache.delete(REGION_CACHE_KEY)


def municipality_list() -> QuerySet[Municipality]:
    """The region's municipalities in the coordinator's order, for every list and choice of them."""
    return Municipality.objects.order_by("position", "name")


def municipality_get(*, slug: str) -> Municipality | None:
    """A municipality for its page, by slug."""
    return Municipality.objects.filter(slug=slug).first()


# --- information pages ---------------------------------------------------------------------------


def info_pages_published() -> QuerySet[InfoPage]:
    return InfoPage.objects.published().select_related("municipality")


def info_pages_for_municipality(*, municipality: Municipality) -> list[InfoPage]:
    """The published practical pages about one municipality, by topic (one query)."""
    return list(
        InfoPage.objects.published().filter(municipality=municipality).order_by("topic", "position", "title")
    )


def info_page_get(*, slug: str, preview: bool = False) -> InfoPage | None:
    """A page by its slug; with `preview` (for coordinators) an unpublished one too."""
    pages = InfoPage.objects.select_related("municipality") if preview else info_pages_published()
    return pages.filter(slug=slug).first()


def info_pages_search(*, query: str, language: str, limit: int = 50) -> list[InfoPage]:
    """Full-text search on PostgreSQL (ranked, stemmed per language); a simple match elsewhere."""
    fields = [f"title_{language}", f"summary_{language}", f"body_{language}"]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        config = "norwegian" if language == "nb" else "english"
        vector = SearchVector(*fields, config=config)
        search = SearchQuery(query, config=config, search_type="websearch")
        return list(
            info_pages_published()
            .annotate(rank=SearchRank(vector, search))
            .filter(rank__gt=0)
            .order_by("-rank")[:limit]
        )
    condition = Q()
    for word in query.split()[:10]:
        word_condition = Q()
        for field in fields:
            word_condition |= Q(**{f"{field}__icontains": word})
        condition &= word_condition
    return list(info_pages_published().filter(condition).order_by("topic", "title")[:limit])


def person_needles(*, email: str, names) -> list[str]:
    """A person's address and names as searched for in stored text (longest first; too short to be
    telling is left out)."""
    return sorted({n.strip() for n in (email, *names) if n and len(n.strip()) >= 3}, key=len, reverse=True)


def outgoing_mail_about(*, email: str, names) -> QuerySet[OutgoingMail]:
    """Stored mail sent to a person or naming them (to their employer, the contact person, a partner):
    what their data export shows and what their erasure scrubs."""
    mentions = Q(to__iexact=email) if email else Q(pk__in=[])
    for needle in person_needles(email=email, names=names):
        mentions |= (
            Q(key__icontains=needle)
            | Q(subject__icontains=needle)
            | Q(body_text__icontains=needle)
            | Q(body_html__icontains=needle)
        )
    return OutgoingMail.objects.filter(mentions).order_by("created_at")


# --- travel times between municipalities -----------------------------------------------------------

# Getting about inside one municipality: a small constant, whatever the mode.
SAME_MUNICIPALITY_MINUTES = 10
TRAVEL_MODES = ("car", "transit")


def travel_table() -> dict[tuple[int, int], tuple[int, int | None]]:
    """All travel times as {(origin id, destination id): (car, transit)}, both directions (one query)."""
    table = {}
    for origin, destination, car, transit in TravelTime.objects.values_list(
        "origin_id", "destination_id", "car_minutes", "transit_minutes"
    ):
        table[(origin, destination)] = table[(destination, origin)] = (car, transit)
    return table


def travel_minutes(*, origin, destination, mode: str, table: dict | None = None) -> int | None:
    """Minutes from one municipality (or its id) to another by "car" or "transit"; None if unknown.

    The same municipality is `SAME_MUNICIPALITY_MINUTES`; a pair is looked up in either direction.
    Pass `table` (from `travel_table()`) to answer many questions with one query.
    """
    if mode not in TRAVEL_MODES:
        raise ValueError(mode)
    origin_id = getattr(origin, "pk", origin)
    destination_id = getattr(destination, "pk", destination)
    if origin_id is None or destination_id is None:
        return None
    if origin_id == destination_id:
        return SAME_MUNICIPALITY_MINUTES
    if table is None:
        table = travel_table()
    times = table.get((origin_id, destination_id))
    if times is None:
        return None
    return times[0] if mode == "car" else times[1]


def municipalities_within(*, origin, minutes: int, mode: str) -> set[int]:
    """The ids of the municipalities reachable from `origin` within `minutes` by `mode` (one query)."""
    table = travel_table()
    origin_id = getattr(origin, "pk", origin)
    reachable = {origin_id} if minutes >= SAME_MUNICIPALITY_MINUTES else set()
    for (a, b), _times in table.items():
        if a == origin_id:
            found = travel_minutes(origin=a, destination=b, mode=mode, table=table)
            if found is not None and found <= minutes:
                reachable.add(b)
    return reachable
