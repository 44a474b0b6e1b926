from django.utils.functional import SimpleLazyObject

from .access import roles_for
from .selectors import region_get_cached


def region(request):
    """The region (and through it the contact person) for the footer of every page, from the cache."""
    return {"region": SimpleLazyObject(region_get_cached)}


def roles(request):
    """The visitor's roles (network.access) for menus and templates, read only if a template asks."""
    return {"roles": SimpleLazyObject(lambda: roles_for(request))}
