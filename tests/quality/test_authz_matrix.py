"""Every project URL answers each role as its app declares (tests/<app>/authz*.py).

A URL name without an entry fails the test, so a new page cannot ship without deciding who may
see it. Each app's `setup(world)` creates its objects; `URLS` maps a URL name to (kwargs builder,
{role: expected status of a GET}).
"""

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import close_download

from .world import ROLES, build_world

TESTS = Path(__file__).resolve().parent.parent
PROJECT_NAMESPACES = {
    "events",
    "newcomers",
    "companies",
    "info",
    "mentors",
    "housing",
    "careers",
    "retention",
    "stories",
    "appointments",
    "reports",
}

EVERYONE = dict.fromkeys(ROLES, 200)
STAFF_ONLY_ADMIN = {**dict.fromkeys(ROLES, 302), "coordinator": 200}
FOUNDATION = {
    "home": (lambda w: {}, EVERYONE),
    # Sends each role to its own page.
    "after_login": (lambda w: {}, dict.fromkeys(ROLES, 302)),
    "healthz": (lambda w: {}, EVERYONE),
    # The photo view answers 404 when the contact person has no photo, for everyone alike.
    "contact_photo": (lambda w: {"pk": 999999}, dict.fromkeys(ROLES, 404)),
    "account_login": (lambda w: {}, {**dict.fromkeys(ROLES, 302), "anonymous": 200}),
    "account_signup": (lambda w: {}, {**dict.fromkeys(ROLES, 302), "anonymous": 200}),
    "account_reset_password": (lambda w: {}, EVERYONE),
    "account_email": (lambda w: {}, {**dict.fromkeys(ROLES, 200), "anonymous": 302}),
    "account_change_password": (lambda w: {}, {**dict.fromkeys(ROLES, 200), "anonymous": 302}),
    "admin:index": (lambda w: {}, STAFF_ONLY_ADMIN),
    "admin:network_user_changelist": (lambda w: {}, STAFF_ONLY_ADMIN),
    "admin:events_event_changelist": (lambda w: {}, STAFF_ONLY_ADMIN),
    "admin:newcomers_newcomerprofile_changelist": (lambda w: {}, STAFF_ONLY_ADMIN),
    "admin:companies_company_changelist": (lambda w: {}, STAFF_ONLY_ADMIN),
    "admin:mentors_volunteer_changelist": (lambda w: {}, STAFF_ONLY_ADMIN),
    "admin:mentors_mentorrequest_changelist": (lambda w: {}, STAFF_ONLY_ADMIN),
}


def _app_modules():
    for path in sorted(TESTS.glob("*/authz*.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.{path.stem}")


def _entries() -> dict:
    entries = dict(FOUNDATION)
    for module in _app_modules():
        entries.update(module.URLS)
    return entries


def _project_url_names(resolver=None, namespace=None) -> set[str]:
    """URL names of the project's own views (third-party includes such as allauth's are left out)."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_name, "__name__", pattern.urlconf_name)
            third_party = isinstance(module, str) and module.split(".")[0] not in {
                "network",
                "events",
                "newcomers",
                "companies",
                "mentors",
                "housing",
                "careers",
                "retention",
                "stories",
                "appointments",
                "reports",
            }
            if pattern.namespace == "admin" or third_party:
                continue
            names |= _project_url_names(pattern, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_project_url_has_an_entry():
    missing = sorted(_project_url_names() - set(_entries()))
    assert not missing, f"URLs without an authorization matrix entry: {missing}"


def test_every_entry_names_all_roles():
    incomplete = {
        name: sorted(set(ROLES) - set(expected))
        for name, (_k, expected) in _entries().items()
        if set(expected) != set(ROLES)
    }
    assert not incomplete, incomplete


@pytest.mark.django_db
def test_each_role_gets_the_expected_status(client):
    world = build_world()
    for module in _app_modules():
        module.setup(world)
    failures = []
    urls = [
        (name, reverse(name, kwargs=kwargs(world)), expected)
        for name, (kwargs, expected) in _entries().items()
    ]
    # Role by role, logged in once each (a login per request was most of this test's time). Each
    # answer is checked to have been given to that role: a page that logged the person out would
    # otherwise have the next pages tested as anonymous.
    for role in ROLES:
        user = world.user(role)
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, url, expected in sorted(urls):
            response = client.get(url)
            close_download(response)  # file downloads stream: close them, as a server would
            seen_as = response.wsgi_request.user
            assert seen_as.pk == (user.pk if user is not None else None), f"{name} was asked as {seen_as}"
            status = response.status_code
            if status != expected[role]:
                failures.append(f"{name} ({url}) as {role}: {status}, expected {expected[role]}")
            if user is not None and "_auth_user_id" not in client.session:
                client.force_login(user)  # that page logged the person out: the next starts logged in
    assert not failures, "\n".join(failures)
    assert settings.ROOT_URLCONF == "network.urls"
