"""The logged-in person's pages, served again from the cache until the data changes.

A logged-in page (the calendar with one's own sign-up box, the dashboard, HR's board) is the person's
own, so it cannot be shared like the anonymous calendar pages (`events.views.anonymous_page_cache`).
It can be kept for that one session: `personal_page_cache` stores the page under a key made of the
session, the signed-in user and the session's password hash, the CSRF cookie (the forms carry a token
made from it), the language, the address, and **the version of the data**, then serves it from the
cache until that version changes, for at most `SECONDS`.

The version changes on every write to the database, whoever makes it and however: `track_writes`
wraps every connection's queries (`connection.execute_wrappers`) and sees each INSERT, UPDATE or
DELETE, also those that signals never see (`QuerySet.update`, `bulk_create`, the admin, the worker's
tasks, raw SQL). Only tables that no page of the portal shows are left out (`untracked_tables`:
sessions, the mail outbox, mailings' recipients, beat's schedule, the admin's history). So a page is never served older than the
newest write: not a seat count after anyone's sign-up, not a name after an edit, not a session after
its password changed or its user was deactivated (both are writes to the user's row; the next request
then goes through Django's own checks, which log it out). Logging out deletes the session, so a
replayed cookie finds no user and no page.

The version changes when the write is committed, for every process; the connection that wrote sees
its change at once, before the commit (a request reading its own uncommitted write, a test inside
one transaction). Time passing changes pages too (a registration closes, "to come" becomes "past"):
`SECONDS` bounds that, as the anonymous pages' minute does.

The cost is that every write makes every cached personal page stale: this pays off when people read
far more than anyone writes, and a page right after a write costs a full render. Pages with a
one-time message, that set a cookie, or that answer anything but 200 are never stored.
"""

import functools
import hashlib
import re
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

VERSION_KEY = "network:pages:version"
SECONDS = 60


@functools.cache
def untracked_tables() -> frozenset[str]:
    """Tables that no page of the portal shows (only the admin does): writing them leaves the cached
    pages as they are. Each request may write its session, each mail sent marks its outbox row, and
    a mass mailing its recipients: without this, a busy outbox would keep every page stale."""
    from django.apps import apps
    from django.contrib.admin.models import LogEntry
    from django.contrib.sessions.models import Session

    from .models import MailingRecipient, OutgoingMail

    return frozenset(
        model._meta.db_table
        for model in apps.get_models()
        if model in (Session, LogEntry, OutgoingMail)
        or issubclass(model, MailingRecipient)
        or model._meta.app_label == "django_celery_beat"
    )


# The first word of a statement that reads or manages a transaction; anything else writes.
_READS = frozenset(
    {"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "SHOW", "EXPLAIN", "PRAGMA"}
)
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)


def writes_shown_data(sql: str) -> bool:
    """Whether this statement may change what a page shows."""
    first = sql.lstrip()[:10].split(None, 1)
    if not first or first[0].upper() in _READS:
        return False
    match = _WRITE.match(sql)
    return not (match and match.group(1).lower() in untracked_tables())


def version_bump() -> None:
    """Make every cached personal page stale. A new random value, not an increment: a lost key must
    not bring back a number whose pages are still cached."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _after_commit() -> None:
    connections[DEFAULT_DB_ALIAS].pages_stale = False
    version_bump()


def track_writes(execute, sql, params, many, context):
    """A query wrapper on every connection (`install`): a write marks the pages stale."""
    result = execute(sql, params, many, context)
    # A statement that is not plain text (psycopg's composed SQL) cannot be read: count it as a write.
    if not isinstance(sql, str) or writes_shown_data(sql):
        connection = context["connection"]
        if connection.in_atomic_block:
            connection.pages_stale = True  # this connection's own next read sees it
            if not any(callback is _after_commit for _sids, callback, _robust in connection.run_on_commit):
                connection.on_commit(_after_commit)
        else:
            version_bump()
    return result


def install(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: wrap the new connection's queries (once; a reconnect reuses
    the same wrapper object)."""
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, track_writes)


def version() -> str:
    connection = connections[DEFAULT_DB_ALIAS]
    if getattr(connection, "pages_stale", False):
        connection.pages_stale = False
        version_bump()
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        current = cache.get(VERSION_KEY) or ""
    return current


def _key(request) -> str | None:
    """The cache key of this request's page, or None if it must be rendered: not a GET, nobody
    logged in (by the session's own record), or a one-time message waiting."""
    if request.method != "GET":
        return None
    session = request.session
    user_id, password_hash = session.get(SESSION_KEY), session.get(HASH_SESSION_KEY)
    if not user_id or not password_hash or len(messages.get_messages(request)):
        return None
    parts = (
        version(),
        str(user_id),
        password_hash,
        session.session_key or "",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        get_language() or "",
        request.get_host(),
        request.get_full_path(),
    )
    return "network:pages:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _storable(request, response, user_id) -> bool:
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # Its forms' tokens are made from the CSRF cookie this browser sent (not a new one).
        and request.META.get("CSRF_COOKIE", "") == request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        and user is not None
        and user.is_authenticated
        and str(user.pk) == str(user_id)
        and response.get("Content-Type", "").startswith("text/html")
    )


def personal_page_cache(view):
    """Serve a logged-in person's GET of this page from the cache while the data is unchanged (see
    the module's docstring). Put it outermost: a page served from the cache reads no user and runs
    no query."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        key = _key(request)
        if key is None:
            return view(request, *args, **kwargs)
        content = cache.get(key)
        if content is not None:
            response = HttpResponse(content)
        else:
            response = view(request, *args, **kwargs)
            if _storable(request, response, request.session.get(SESSION_KEY)):
                cache.set(key, response.content, SECONDS)
        patch_cache_control(response, private=True)
        return response

    return wrapped
