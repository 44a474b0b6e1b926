"""A small cache-based limit for forms that send mail or store messages (allauth limits its own)."""

import functools
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_ip(request) -> str:
    """The address of the person making the request, as far as our own proxies vouch for it.

    Each of the TRUSTED_PROXY_COUNT proxies in front of the portal appends the address it got the
    request from to X-Forwarded-For, so the client is that many entries from the right; anything
    further left was written by the client and is ignored. With no trusted proxy (the default) the
    header is ignored altogether. allauth's login limits use the same function (network.adapters).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            candidate = hops[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass  # not an address: a proxy we trust would not write that, so use the peer
    return remote


def ratelimit_post(*, scope: str, limit: int, seconds: int):
    """Answer 429 when one user (or address) posts more than `limit` times in `seconds`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                who = f"u{request.user.pk}" if request.user.is_authenticated else f"ip{client_ip(request)}"
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
