"""Load benchmark: gunicorn (2 sync workers) on PostgreSQL with 10,000 events and 50,000 sign-ups, under wrk.

    .venv/bin/python bench/load_bench.py [--duration 30] [--connections 20] [--reseed]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/portal_bench; the
database is created when missing, filled once and reused on later runs, --reseed fills it anew) and
wrk from Debian (`apt-get install -y wrk`). For each page it runs wrk for --duration seconds at
--connections concurrent connections, after a short warm-up, and prints requests/s, p50/p95/p99 and
the ratio of each page's requests/s to the bare view's:

    (a) a bare Django view returning a fixed page of the calendar page's size (bench/bench_urls.py)
    (b) the calendar list page        /en/events/
    (c) an event detail page          /en/events/<pk>/
    (d) the public ICS feed           /en/events/feeds/calendar.ics

Targets: each ratio >= 0.5 and the calendar's p95 < 50 ms on 2 cores. gunicorn runs with DEBUG off,
the project's production settings and bench/bench_settings.py (which only adds the bare view's URL);
it is stopped at the end whatever happens (bench/harness.py, shared with bench/rush_bench.py).
Nothing fails on the numbers: the script prints them.
"""

import argparse
import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import (
    BARE_PATH,
    FORWARDED_HTTPS,
    collect_static,
    configure,
    cpu_busy,
    database_prepare,
    django_migrate,
    fetch,
    gunicorn_running,
    machine_description,
)

BENCH_DIR = Path(__file__).resolve().parent
LUA_SCRIPT = BENCH_DIR / "wrk_report.lua"
TITLE_PREFIX = "Bench activity"
EMAIL_DOMAIN = "bench.example.com"

# The same environment for this process (seeding) and for gunicorn: production-like, DEBUG off.
DATABASE_URL = configure("postgres://postgres@127.0.0.1:5432/portal_bench")


def bench_counts() -> tuple[int, int]:
    from events.models import Event, SignUp

    events = Event.objects.filter(title_en__startswith=TITLE_PREFIX).count()
    signups = SignUp.objects.filter(user__email__endswith="@" + EMAIL_DOMAIN).count()
    return events, signups


def fill(n_events: int, n_signups: int, n_users: int) -> None:
    """seed_demo (region, municipalities, categories …), then the bench events, users and sign-ups."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from events.models import Category, Event, SignUp
    from network.models import Municipality, User

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    categories = list(Category.objects.all())
    municipalities = list(Municipality.objects.all())
    rng = random.Random(42)
    now = timezone.now()
    events = []
    for i in range(n_events):
        starts = now + dt.timedelta(hours=rng.randint(1, 24 * 365))
        childcare = rng.random() < 0.2
        events.append(
            Event(
                title_nb=f"{TITLE_PREFIX} {i} – byvandring og kaffe",
                title_en=f"{TITLE_PREFIX} {i} – city walk and coffee",
                summary_nb="Bli kjent med byen sammen med andre nye i regionen.",
                summary_en="Get to know the city together with other newcomers in the region.",
                description_nb="Vi møtes ved inngangen og går en rolig runde i sentrum. " * 4,
                description_en="We meet at the entrance and take an easy walk through the centre. " * 4,
                venue_name=f"Bibliotek {i % 40}",
                address=f"Storgata {i % 90 + 1}",
                organiser="Søndre Viken expat network",
                category=rng.choice(categories),
                municipality=rng.choice(municipalities),
                language=rng.choice(["en", "nb", "both"]),
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                capacity=rng.choice([None, 10, 20, 50]),
                price_nok=rng.choice([0, 0, 100]),
                childcare_offered=childcare,
                childcare_capacity=rng.choice([None, 8]) if childcare else None,
            )
        )
    Event.objects.bulk_create(events, batch_size=2000)
    users = User.objects.bulk_create(
        [User(email=f"user{i}@{EMAIL_DOMAIN}", password="!") for i in range(n_users)], batch_size=2000
    )
    bench_events = list(Event.objects.filter(title_en__startswith=TITLE_PREFIX).values_list("pk", "capacity"))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(n_signups, len(bench_events) * len(users)):
        pairs.add((rng.randrange(len(bench_events)), rng.randrange(len(users))))
    # Sign-ups in order per event: confirmed while there are seats, then the waiting list.
    seats_taken: dict[int, int] = {}
    waiting: dict[int, int] = {}
    signups = []
    for event_index, user_index in sorted(pairs):
        event_id, capacity = bench_events[event_index]
        extra_adults = 1 if rng.random() < 0.2 else 0
        seats = 1 + extra_adults
        signup = SignUp(event_id=event_id, user_id=users[user_index].pk, extra_adults=extra_adults)
        if capacity is not None and seats_taken.get(event_id, 0) + seats > capacity:
            waiting[event_id] = waiting.get(event_id, 0) + 1
            signup.status, signup.waitlist_position = SignUp.Status.WAITING, waiting[event_id]
        else:
            seats_taken[event_id] = seats_taken.get(event_id, 0) + seats
        signups.append(signup)
    SignUp.objects.bulk_create(signups, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def setup_database(args) -> None:
    database_prepare(DATABASE_URL, args.reseed)
    django_migrate()
    from django.core.management import call_command
    from django.db import connections

    if bench_counts() == (args.events, args.signups):
        print(f"reusing {args.events} events and {args.signups} sign-ups in the bench database")
        return
    if bench_counts() != (0, 0):
        print(f"bench database holds {bench_counts()} (events, sign-ups), not the sizes asked for: refilling")
        connections.close_all()
        database_prepare(DATABASE_URL, reseed=True)
        call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill(args.events, args.signups, args.users)
    print(f"filled {args.events} events and {args.signups} sign-ups in {time.perf_counter() - started:.1f} s")


def calendar_page_size() -> int:
    """Bytes of the calendar list page, rendered in this process, for the bare view's fixed page."""
    from django.test import Client

    response = Client().get("/en/events/", secure=True, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, response.status_code
    return len(response.content)


def detail_event_pk() -> int:
    """An upcoming bench activity with limited seats and sign-ups: the detail page shows both."""
    from django.db.models import Count
    from django.utils import timezone

    from events.models import Event

    return (
        Event.objects.filter(title_en__startswith=TITLE_PREFIX, capacity__isnull=False)
        .filter(starts_at__gte=timezone.now() + dt.timedelta(days=1))
        .annotate(n=Count("signups"))
        .filter(n__gt=0)
        .order_by("starts_at")
        .values_list("pk", flat=True)
        .first()
    )


def drain(base: str) -> None:
    """Wait until gunicorn has worked off the requests wrk left in flight when it stopped.

    The sync workers still answer those (to closed connections); without this the next page's
    run would start behind them (2 s of ICS feeds). Two requests pass through the FIFO backlog.
    """
    for _ in range(2):
        fetch(base + BARE_PATH)


def run_wrk(url: str, args, duration: int, latency: bool = True) -> dict:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-H",
        FORWARDED_HTTPS,
        "-s",
        str(LUA_SCRIPT),
    ]
    if latency:
        command.append("--latency")
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    result: dict = {"output": output}
    if match := re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M):
        result["rps"] = float(match.group(1))
    # Latencies from bench/wrk_report.lua, in microseconds: the --latency table has no p95 and
    # rounds to three digits (enough to print a p99 below the p95 with few, slow requests).
    report = {key: int(value) for key, value in re.findall(r"^bench-report (\w+) (\d+)$", output, re.M)}
    for pct in (50, 90, 95, 99):
        result[f"p{pct}"] = report[f"p{pct}_us"] / 1000
    result["requests"] = report["requests"]
    result["errors"] = report["socket_errors"] + report["status_errors"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds of wrk per page (default 30)")
    parser.add_argument("--connections", type=int, default=20, help="concurrent connections (default 20)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of wrk before each page's run")
    parser.add_argument("--reseed", action="store_true", help="drop the bench database and fill it anew")
    parser.add_argument("--verbose", action="store_true", help="print wrk's own report for each page")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--signups", type=int, default=50_000)
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="run gunicorn with Django's dummy cache (every request renders)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")

    setup_database(args)
    collect_static()
    bare_bytes = calendar_page_size()
    event_pk = detail_event_pk()
    if event_pk is None:
        sys.exit("no upcoming bench activity with sign-ups left (the data has aged): run with --reseed")
    if args.no_cache:
        os.environ["BENCH_NO_CACHE"] = "1"
    pages = {
        "(a) bare view": BARE_PATH,
        "(b) calendar list": "/en/events/",
        "(c) event detail": f"/en/events/{event_pk}/",
        "(d) ICS feed": "/en/events/feeds/calendar.ics",
    }
    busy = cpu_busy()
    if busy > 0.1:
        print(
            f"\nWARNING: {busy:.0%} of the CPUs were busy before the benchmark started: other processes "
            "will take CPU time from gunicorn and PostgreSQL, and the numbers will be low."
        )
    log_path = Path(tempfile.gettempdir()) / "portal-load-bench-gunicorn.log"
    results = {}
    with gunicorn_running(log_path, {"BENCH_BARE_BYTES": str(bare_bytes)}) as server:
        base = server.base
        wrk_version = " ".join(
            subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[:2]
        )
        print()
        print(*machine_description(wrk_version), sep="\n")
        print(f"CPU busy before the start (other processes): {busy:.0%}")
        print(
            f"load: wrk, {args.connections} connections, {args.threads} thread(s), {args.duration} s per page "
            f"after {args.warmup} s warm-up; cache: {'dummy (off)' if args.no_cache else 'local memory'}"
        )
        print()
        for name, path in pages.items():
            status, size = fetch(base + path)
            if status != 200:
                sys.exit(f"{name}: {path} answered {status}; gunicorn log: {log_path}")
            if args.warmup:
                run_wrk(base + path, args, args.warmup, latency=False)
                drain(base)
            results[name] = {**run_wrk(base + path, args, args.duration), "path": path, "bytes": size}
            drain(base)
            r = results[name]
            print(f"  ran {name:20} {r['rps']:8.1f} req/s  p95 {r['p95']:7.1f} ms  errors {r['errors']}")
            if args.verbose:
                print(r["output"])

    baseline = results["(a) bare view"]["rps"]
    print()
    header = f"{'page':20} {'path':32} {'bytes':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'ratio':>6} {'requests':>9}"
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        print(
            f"{name:20} {r['path']:32} {r['bytes']:7d} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} "
            f"{r['p99']:8.1f} {r['rps'] / baseline:6.2f} {r['requests']:9d}"
        )
    errors = sum(r["errors"] for r in results.values())
    if errors:
        print(f"\nWARNING: {errors} failed requests (socket errors or non-2xx/3xx answers); see wrk's output")
    print("\ntargets (2 cores):")
    for name, r in list(results.items())[1:]:
        ratio = r["rps"] / baseline
        print(f"  {name:20} ratio {ratio:5.2f} >= 0.5   {'met' if ratio >= 0.5 else 'MISSED'}")
    p95 = results["(b) calendar list"]["p95"]
    print(f"  {'(b) calendar list':20} p95 {p95:5.1f} ms < 50 ms   {'met' if p95 < 50 else 'MISSED'}")


if __name__ == "__main__":
    main()
