"""A small cache-based limit for forms that send mail or store messages (allauth limits its own)."""

import functools
import time

from django.core.cache import cache
from django.shortcuts import render


def _client_ip(request) -> str:
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def ratelimit_post(*, scope: str, limit: int, seconds: int):
    """Answer 429 when one user (or address) posts more than `limit` times in `seconds`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                who = f"u{request.user.pk}" if request.user.is_authenticated else f"ip{_client_ip(request)}"
                window = int(time.time() // seconds)
                key = f"ratelimit:{scope}:{who}:{window}"
                cache.add(key, 0, timeout=seconds)
                try:
                    count = cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.set(key, 1, timeout=seconds)
                    count = 1
                if count > limit:
                    return render(request, "429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
