"""The portal's URLs plus bench/load_bench.py's two baselines and /<lang>/bench/bare-sign-up/<pk>/,
the part of a sign-up that is not the sign-up (signup_profile.py).

B1, /<lang>/bench/bare/?bytes=N: a bare view through the same middleware and language prefix as the
pages, returning a fixed HTML page of N bytes (BENCH_BARE_BYTES without `bytes`), so that the
difference to a page of N bytes is the page's own work: queries, templates, cache look-ups.

B2, /<lang>/bench/translated/?bytes=N: a bare view rendering bench/templates/bench/translated.html,
365 {% translate %} tags and a filler (marked safe: nothing to escape) up to N bytes. No request
context (no context processors), no queries: the floor for a translated page of that size.
"""

import os

from django.conf.urls.i18n import i18n_patterns
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path
from django.utils.safestring import mark_safe
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


DEFAULT_BYTES = int(os.environ.get("BENCH_BARE_BYTES", "20000"))
MAX_BYTES = 4_000_000
_pages: dict[int, bytes] = {}
_fillers: dict[tuple[str, int], str] = {}
TRANSLATED_TEMPLATE = "bench/translated.html"


def _size(request) -> int:
    try:
        return min(max(int(request.GET.get("bytes", DEFAULT_BYTES)), 0), MAX_BYTES)
    except ValueError:
        return DEFAULT_BYTES


def bare(request):
    """B1: a fixed page of `bytes` bytes, built once per size."""
    size = _size(request)
    if size not in _pages:
        _pages[size] = _page(size)
    return HttpResponse(_pages[size], content_type="text/html; charset=utf-8")


def translated(request):
    """B2: the template's 365 {% translate %} tags rendered on every request, in the URL's language,
    with a filler that makes the page `bytes` bytes (measured once per language and size)."""
    size = _size(request)
    key = (request.LANGUAGE_CODE, size)
    if key not in _fillers:
        base = len(render_to_string(TRANSLATED_TEMPLATE, {"filler": ""}).encode())
        filler_size = max(size - base, 0)
        _fillers[key] = mark_safe((_LINE * (filler_size // len(_LINE) + 1))[:filler_size])  # noqa: S308
    html = render_to_string(TRANSLATED_TEMPLATE, {"filler": _fillers[key]})
    return HttpResponse(html, content_type="text/html; charset=utf-8")


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
        path("bench/translated/", translated, name="bench_translated"),
        path("bench/bare-sign-up/<int:pk>/", bare_signup, name="bench_bare_signup"),
        prefix_default_language=True,
    ),
]
