"""Who stays: the dashboard and the signals page with 20,000 newcomers and ten years of check-ins.

    DEBUG=true .venv/bin/python bench/retention_bench.py [--newcomers 20000] [--requests 10]

Uses its own throwaway SQLite file (or BENCH_DATABASE_URL for PostgreSQL), never the dev database.
Fills with bulk_create, then prints median and p95 per page through the test client.
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
_tmp = tempfile.mkdtemp(prefix="retention-bench-")
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


def fill(n: int) -> int:
    from network.models import Municipality, User
    from newcomers.models import NewcomerProfile
    from retention.models import Answer, Departure, Invitation, Question, Response, Survey

    call_command("migrate", verbosity=0)
    rng = random.Random(42)
    today = timezone.localdate()
    now = timezone.now()
    from tests.network.factories import MunicipalityFactory

    municipalities = list(Municipality.objects.all()) or MunicipalityFactory.create_batch(8)
    users = User.objects.bulk_create(
        [User(email=f"bench{i}@example.com", password="!") for i in range(n)], batch_size=5000
    )
    profiles = NewcomerProfile.objects.bulk_create(
        [
            NewcomerProfile(
                user=user,
                arrival_date=today - dt.timedelta(days=rng.randint(30, 3650)),
                municipality=rng.choice(municipalities),
                data_consent_at=now,
                completed_at=now - dt.timedelta(days=rng.randint(0, 400)),
            )
            for user in users
        ],
        batch_size=5000,
    )
    survey = Survey.objects.get(slug="check-in")
    questions = {q.key: q for q in Question.objects.filter(survey=survey)}
    invitations, departures = [], []
    for profile in profiles:
        years = (today - profile.arrival_date).days // 365
        left_after = rng.choice([None, None, None, rng.randint(1, 10)])
        for year in range(1, min(years, 10) + 1):
            if left_after and year > left_after:
                break
            invitations.append(
                Invitation(
                    profile=profile,
                    survey=survey,
                    year=year,
                    sent_at=now - dt.timedelta(days=365 * (years - year)),
                    responded_at=now,
                )
            )
        if left_after and left_after <= years:
            departures.append(
                Departure(
                    profile=profile,
                    left_on=profile.arrival_date + dt.timedelta(days=365 * left_after),
                    source="check_in",
                )
            )
    invitations = Invitation.objects.bulk_create(invitations, batch_size=5000)
    Departure.objects.bulk_create(departures, batch_size=5000)
    responses = Response.objects.bulk_create(
        [
            Response(survey=survey, invitation=inv, year=inv.year, submitted_at=inv.sent_at)
            for inv in invitations
        ],
        batch_size=5000,
    )
    Answer.objects.bulk_create(
        [
            Answer(response=response, question=questions[key], scale=rng.randint(1, 5))
            for response in responses
            for key in ("stay_five_years", "making_friends")
        ],
        batch_size=5000,
    )
    return len(invitations)


def measure(client: Client, url: str, requests: int) -> tuple[float, float]:
    timings = []
    for _ in range(requests):
        cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newcomers", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args()
    setup_test_environment()
    started = time.perf_counter()
    check_ins = fill(args.newcomers)
    print(
        f"filled {args.newcomers} newcomers and {check_ins} check-ins in {time.perf_counter() - started:.1f} s"
    )
    from tests.network.factories import CoordinatorFactory

    client = Client()
    client.force_login(CoordinatorFactory())
    pages = {
        "dashboard (en)": "/en/retention/dashboard/",
        "signals, all (en)": "/en/retention/signals/",
        "signals, unlikely to stay (nb)": "/nb/retention/signals/?kind=unlikely_to_stay",
    }
    print(f"{'page':32} {'median ms':>10} {'p95 ms':>10}   ({args.requests} requests each)")
    for name, url in pages.items():
        median, p95 = measure(client, url, args.requests)
        print(f"{name:32} {median:10.1f} {p95:10.1f}")


if __name__ == "__main__":
    main()
