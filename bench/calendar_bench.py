"""Calendar page timing with 10,000 events and 50,000 sign-ups, through Django's test client.

    DEBUG=true .venv/bin/python bench/calendar_bench.py [--events 10000] [--signups 50000] [--requests 200]

Uses its own throwaway SQLite file (or BENCH_DATABASE_URL for PostgreSQL), never the dev database.
Prints median and p95 per page; the cache is cleared before every request so each one renders.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DEBUG", "true")
_tmp = tempfile.mkdtemp(prefix="calendar-bench-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402


def fill(n_events: int, n_signups: int) -> None:
    from events.models import Category, Event, SignUp
    from network.models import Municipality, User

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    categories = list(Category.objects.all())
    municipalities = list(Municipality.objects.all())
    rng = random.Random(42)
    now = timezone.now()
    events = []
    for i in range(n_events):
        starts = now + dt.timedelta(hours=rng.randint(1, 24 * 365))
        events.append(
            Event(
                title_nb=f"Aktivitet {i}",
                title_en=f"Activity {i}",
                summary_nb="Kort beskrivelse",
                summary_en="Short description",
                category=rng.choice(categories),
                municipality=rng.choice(municipalities),
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                capacity=rng.choice([None, 10, 20, 50]),
                price_nok=rng.choice([0, 0, 100]),
            )
        )
    Event.objects.bulk_create(events, batch_size=2000)
    users = User.objects.bulk_create(
        [User(email=f"bench{i}@example.com", password="!") for i in range(n_signups // 10)], batch_size=2000
    )
    event_ids = list(Event.objects.values_list("pk", flat=True))
    signups, seen = [], set()
    while len(signups) < n_signups:
        pair = (rng.choice(event_ids), rng.choice(users).pk)
        if pair in seen:
            continue
        seen.add(pair)
        signups.append(SignUp(event_id=pair[0], user_id=pair[1]))
    SignUp.objects.bulk_create(signups, batch_size=5000)


def measure(client: Client, url: str, requests: int) -> tuple[float, float]:
    timings = []
    for _ in range(requests):
        cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--signups", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    setup_test_environment()
    started = time.perf_counter()
    fill(args.events, args.signups)
    print(f"filled {args.events} events and {args.signups} sign-ups in {time.perf_counter() - started:.1f} s")
    from events.models import Event

    event = Event.objects.order_by("starts_at").first()
    client = Client()
    pages = {
        "calendar list (en)": "/en/events/",
        "calendar list, filtered (nb)": "/nb/events/?free_only=on&childcare=",
        "month view (en)": "/en/events/month/",
        "event detail (en)": f"/en/events/{event.pk}/",
    }
    print(f"{'page':32} {'median ms':>10} {'p95 ms':>10}   ({args.requests} requests each, cache cleared)")
    for name, url in pages.items():
        median, p95 = measure(client, url, args.requests)
        print(f"{name:32} {median:10.1f} {p95:10.1f}")


if __name__ == "__main__":
    main()
