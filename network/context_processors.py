from django.utils.functional import SimpleLazyObject

from .selectors import region_get_cached


def region(request):
    """The region (and through it the contact person) for the footer of every page, from the cache."""
    return {"region": SimpleLazyObject(region_get_cached)}
