"""Settings for the gunicorn that bench/load_bench.py and bench/rush_bench.py start (bench/harness.py),
and for those scripts: never for the site.

The project's settings (from the environment, as in production) with a URLconf that adds the
benchmark's bare view. The bare view is not in network.urls: every URL there is a page of the portal
(and the authorization-matrix test checks each one).
"""

import os

from network.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bench_urls"

if os.environ.get("BENCH_NO_CACHE") == "1":
    # `load_bench.py --no-cache`: every request renders, as on a cache miss.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# B2 of bench/load_bench.py renders bench/templates/bench/translated.html (bench/bench_urls.py).
TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]},  # noqa: F405
    *TEMPLATES[1:],  # noqa: F405
]
