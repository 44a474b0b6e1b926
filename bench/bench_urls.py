"""The portal's URLs plus /<lang>/bench/bare/, a plain view for bench/load_bench.py's baseline, and
/<lang>/bench/bare-sign-up/<pk>/, the part of a sign-up that is not the sign-up (signup_profile.py).

The bare view goes through the same middleware and language prefix as the calendar and returns a
fixed HTML page of BENCH_BARE_BYTES bytes (the script sets it to the calendar list page's size), so
that the difference to the calendar is the calendar's own work: queries, templates, cache look-ups.
"""

import os

from django.conf.urls.i18n import i18n_patterns
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from network.urls import urlpatterns as portal_urlpatterns

_HEAD = (
    '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Bare page</title></head>\n<body>\n'
)
_TAIL = "</body>\n</html>\n"
_LINE = "<p>A fixed line of text, the same in every response of the bare benchmark view.</p>\n"


def _page(size: int) -> bytes:
    filler_size = max(size - len(_HEAD) - len(_TAIL), 0)
    filler = (_LINE * (filler_size // len(_LINE) + 1))[:filler_size]
    return (_HEAD + filler + _TAIL).encode()


PAGE = _page(int(os.environ.get("BENCH_BARE_BYTES", "20000")))


def bare(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


@login_required
@require_POST
def bare_signup(request, pk: int):
    """What every sign-up POST costs besides the sign-up: the middleware, the session, the user, the
    flash message and the redirect; no activity, no form, no transaction, no task."""
    messages.success(request, "You are signed up. A confirmation is on its way to your e-mail.")
    return redirect("events:detail", pk=pk)


urlpatterns = [
    *portal_urlpatterns,
    *i18n_patterns(
        path("bench/bare/", bare, name="bench_bare"),
        path("bench/bare-sign-up/<int:pk>/", bare_signup, name="bench_bare_signup"),
        prefix_default_language=True,
    ),
]
