from django.core.cache import cache
from django.db.models import Prefetch

from .models import Municipality, Region


def region_get_current() -> Region | None:
    """The region this portal serves, with its contact person and municipalities."""
    return (
        Region.objects.select_related("contact_person")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("position", "name"))
        )
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


def region_cache_clear(**kwargs) -> None:
    cache.delete(REGION_CACHE_KEY)


def municipality_list():
    return Municipality.objects.order_by("position", "name")
