"""Where a sign-up POST's CPU goes: in one process, through Django's test client, production-like.

    .venv/bin/python bench/signup_profile.py                  # 200 sign-ups, then 200 bare POSTs
    .venv/bin/python bench/signup_profile.py --profile 25     # and cProfile's top 25 of the sign-ups

The settings are rush_bench.py's (bench/harness.py: DEBUG off, PostgreSQL at BENCH_DATABASE_URL,
default portal_rush) with Redis (BENCH_PROFILE_REDIS_URL, default redis://127.0.0.1:6379/8) for the
cache, the sessions and Celery: the tasks are queued, not run, so the e-mails cost nothing here (the
queue is emptied at the end). It signs up --users rush users (their sessions written as rush_bench.py
does, then read once so that the session cache is warm, as the activity page's GET leaves it) for a
fresh activity with --seats seats, one POST after the other, and prints per POST: the queries, this
process's CPU time and that of its PostgreSQL backend. Then the same for the bare sign-up
(/en/bench/bare-sign-up/<pk>/: the middleware, the session, the user, the flash message and the
redirect, nothing else), which is the floor under any sign-up. gunicorn adds HTTP parsing and, with
both CPUs busy, more CPU time for the same work (see README.md).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import rush_bench  # noqa: E402 - sets the environment (harness.configure) before Django loads
from harness import collect_static, database_prepare, django_migrate  # noqa: E402

REDIS_URL = os.environ.get("BENCH_PROFILE_REDIS_URL", "redis://127.0.0.1:6379/8")


def backend_ticks() -> int:
    """CPU time of this process's PostgreSQL backend so far, in clock ticks."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def post_all(client, session_keys, path, profile=None) -> tuple[list[float], float, float]:
    """POST the sign-up form once per session; wall times, and CPU ms per POST of this process and
    of its PostgreSQL backend."""
    from django.conf import settings

    walls = []
    ticks, cpu = backend_ticks(), time.process_time()
    for key in session_keys:
        client.cookies.clear()
        client.cookies[settings.SESSION_COOKIE_NAME] = key
        started = time.perf_counter()
        if profile:
            profile.enable()
        response = client.post(path, {"extra_adults": "0", "extra_children": "0"})
        if profile:
            profile.disable()
        walls.append(time.perf_counter() - started)
        assert response.status_code == 302, (path, response.status_code)
    cpu = (time.process_time() - cpu) / len(session_keys) * 1000
    pg = (backend_ticks() - ticks) / os.sysconf("SC_CLK_TCK") / len(session_keys) * 1000
    return sorted(walls), cpu, pg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="sign-ups, and bare POSTs (default 200)")
    parser.add_argument("--seats", type=int, default=30, help="seats of the activity (default 30)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print cProfile's top N")
    args = parser.parse_args()
    os.environ["REDIS_URL"] = REDIS_URL  # read when Django sets up, in django_migrate
    database_prepare(rush_bench.DATABASE_URL)
    django_migrate()
    collect_static()

    import redis
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from events.models import Event

    # cached_db sessions: written to the database and to the cache, as after the page's GET.
    keys = rush_bench.sessions_create(rush_bench.rush_users(args.users + 1))
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
    try:
        event = rush_bench.activity_create(args.seats, 0)
        signup_path = reverse("events:signup", kwargs={"pk": event.pk})
        client.cookies[settings.SESSION_COOKIE_NAME] = keys[0]
        with CaptureQueriesContext(connection) as queries:
            client.post(signup_path, {"extra_adults": "0", "extra_children": "0"})
        print(f"queries of one sign-up POST: {len(queries)}")
        for query in queries.captured_queries:
            print("   ", " ".join(query["sql"].split())[:110])
        profile = cProfile.Profile() if args.profile else None
        for label, path, prof in (
            ("sign-up", signup_path, profile),
            ("bare sign-up", reverse("bench_bare_signup", kwargs={"pk": event.pk}), None),
        ):
            walls, cpu, pg = post_all(client, keys[1:], path, prof)
            print(
                f"{label:13s} {len(walls)} POSTs: wall p50 {walls[len(walls) // 2] * 1000:.1f} ms"
                f"{' (under cProfile)' if prof else ''}; CPU per POST: Django {cpu:.1f} ms,"
                f" PostgreSQL {pg:.1f} ms"
            )
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    finally:
        Event.objects.filter(title_en__startswith=rush_bench.TITLE_PREFIX).delete()
        rush_bench.sessions_delete(keys, REDIS_URL)
        redis.Redis.from_url(REDIS_URL).delete("celery")  # the queued mail tasks: nobody runs them


if __name__ == "__main__":
    main()
