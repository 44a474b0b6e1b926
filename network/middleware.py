"""Checks every request passes before any view sees it."""

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _


class RejectNulBytesMiddleware:
    """Answer 400 to a NUL character in the query string or a form value.

    No legitimate input has one, PostgreSQL's text columns cannot store one (a filter or a save with
    it raises deep inside a view, as a 500), and it has been used to smuggle input past checks.
    Uploaded files are bytes and are checked by content instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            raise BadRequest(_("The request contained a NUL character."))
        return self.get_response(request)


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in data.lists())
