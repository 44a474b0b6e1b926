import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connections
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .access import roles_for
from .models import ContactPerson, Municipality
from .panels import home_panels, municipality_panels
from .selectors import info_pages_for_municipality, municipality_get, region_get_cached
from .uploads import serve_upload

logger = logging.getLogger(__name__)


def home(request):
    return render(request, "network/home.html", {"panels": home_panels()})


def municipality_page(request, slug: str):
    """A municipality's page: what it is like to live there, its practical pages and (through the
    events app's panel) its coming activities."""
    municipality = municipality_get(slug=slug)
    if municipality is None:
        raise Http404
    sections = [
        (Municipality._meta.get_field(name).verbose_name, getattr(municipality, name))
        for name in Municipality.PAGE_SECTIONS
        if getattr(municipality, name)
    ]
    return render(
        request,
        "network/municipality.html",
        {
            "municipality": municipality,
            "sections": sections,
            "pages": info_pages_for_municipality(municipality=municipality),
            "panels": municipality_panels(municipality=municipality),
        },
    )


@login_required
def after_login(request):
    """Where a person lands after logging in: the page of their role."""
    return redirect(roles_for(request).landing)


def contact_photo(request, pk):
    """The contact person's photo is public; uploads are otherwise never served directly."""
    person = get_object_or_404(ContactPerson, pk=pk)
    return serve_upload(person.photo, download_name=f"{person.name}-photo")


def region_logo(request, pk):
    """The region's logo for the header of every page; public, like the region's name."""
    region = region_get_cached()
    if region is None or region.pk != pk or not region.logo:
        raise Http404
    response = serve_upload(region.logo, download_name=f"{region.slug}-logo")
    # The address changes with the file (?v=<stored name>), so a browser may keep it for a day.
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _check_database() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        logger.exception("healthz: database unreachable")
        return False


def _check_cache() -> bool:
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:  # noqa: BLE001
        logger.exception("healthz: cache unreachable")
        return False


def _check_broker() -> tuple[bool, str]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "eager"
    from network.celery import app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
        return True, "redis"
    except Exception:  # noqa: BLE001
        logger.exception("healthz: broker unreachable")
        return False, "redis"


@require_GET
def region_css(request):
    """The region's colours as CSS custom properties: a stylesheet of its own, because the strict
    CSP allows no inline style. The colour is validated as #rrggbb on the model."""
    region = region_get_cached()
    colour = region.primary_colour if region else ""
    body = f":root {{ --portal-navy: {colour}; }}\n" if colour else ""
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=600"
    return response


@never_cache
@require_GET
def healthz(request):
    """Reachability of the database, the cache and the Celery broker, for load balancers."""
    database = _check_database()
    cache_ok = _check_cache()
    broker_ok, broker_mode = _check_broker()
    healthy = database and cache_ok and broker_ok
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": database,
            "cache": cache_ok,
            "broker": broker_ok,
            "broker_mode": broker_mode,
        },
        status=200 if healthy else 503,
    )
