"""The portal's URLs plus /<lang>/bench/bare/, a plain view for bench/load_bench.py's baseline.

The bare view goes through the same middleware and language prefix as the calendar and returns a
fixed HTML page of BENCH_BARE_BYTES bytes (the script sets it to the calendar list page's size), so
that the difference to the calendar is the calendar's own work: queries, templates, cache look-ups.
"""

import os

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

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


urlpatterns = [
    *portal_urlpatterns,
    *i18n_patterns(path("bench/bare/", bare, name="bench_bare"), prefix_default_language=True),
]
