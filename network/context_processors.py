from django.utils.functional import SimpleLazyObject

from .selectors import region_get_current


def region(request):
    """The region (and through it the contact person) for the footer of every page, fetched once."""
    return {"region": SimpleLazyObject(region_get_current)}
