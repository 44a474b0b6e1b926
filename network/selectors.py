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


def municipality_list():
    return Municipality.objects.order_by("position", "name")
