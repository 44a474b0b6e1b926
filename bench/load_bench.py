"""Load benchmark (issue #18): gunicorn (2 sync workers) on PostgreSQL and Redis, 10,000 activities and
50,000 sign-ups, under wrk; every page against two baselines of its own size, in interleaved rounds.

    .venv/bin/python bench/load_bench.py [--rounds 3] [--duration 5] [--wait-idle 600] [--reseed]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/portal_bench; the
database is created when missing, filled once and reused on later runs, --reseed fills it anew), Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/10; that database is emptied at the start: the cache,
the sessions' copies and Celery's queue, as in production) and wrk from Debian (`apt-get install -y wrk`).
A real Celery worker (prefork, concurrency 2, at the normal CPU priority) runs throughout.

Three phases, in this order (--phases chooses):

pages      For each page of the table below, in each of --rounds rounds: B1 (a bare Django view
           returning a fixed page of the page's size), B2 (a bare Django view rendering a template of
           365 {% translate %} tags, of the page's size) and the page, each --warmup + --duration
           seconds of wrk at --connections connections. Anonymous pages are requested without a
           cookie, logged-in ones with the session of a newcomer (with sign-ups) or of an HR person
           at a member company (with hires). Before measuring, every page must answer 200 (not a
           redirect to the login) with what it should show. Prints req/s, p50/p95, the page's req/s
           divided by B1's and B2's of the same round (medians over the rounds) and the targets.
signups    The month view under wrk for --signup-duration seconds without sign-ups, then as long
           while another thread POSTs a sign-up every 2 s (each by another logged-in newcomer, with
           the CSRF cookie and token of the activity's page) to activities of that month; p95 < 100 ms.
reminders  10,000 confirmed sign-ups for 20 activities starting within the reminder window (plus the
           bench activities' own that are due), no reminder recorded yet; the hourly task
           (events.tasks.reminders_send_due) is queued for the worker; the time until every due
           reminder is recorded in the outbox and until all are sent (EMAIL_URL dummymail://: the
           worker builds each message, records it as sent, and no SMTP server takes it), then the
           time of a second run with nothing left to send. Targets < 30 s and < 2 s. The activities,
           their sign-ups and the reminders are deleted afterwards.

Nothing fails on the numbers: the script prints them. gunicorn and the worker are stopped at the end
whatever happens (bench/harness.py, shared with bench/rush_bench.py).
"""

import argparse
import datetime as dt
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from harness import (
    BARE_PATH,
    FORWARDED_HTTPS,
    TOKEN_RE,
    OthersMeter,
    collect_static,
    configure,
    cookie_header,
    cookie_value,
    cpu_busy,
    database_backends,
    database_prepare,
    django_migrate,
    fetch,
    gunicorn_running,
    machine_description,
    request,
    sessions_create,
    sessions_delete,
    worker_start,
    worker_stop,
)

BENCH_DIR = Path(__file__).resolve().parent
LUA_SCRIPT = BENCH_DIR / "wrk_report.lua"
TITLE_PREFIX = "Bench activity"
EMAIL_DOMAIN = "bench.example.com"
TRANSLATED_PATH = "/en/bench/translated/"  # B2 (bench/bench_urls.py)
NEWCOMER_EMAIL = "arjun@demo.sondreviken.example"  # seed_demo's newcomer who finished onboarding
HR_EMAIL = "hr@alvheim.demo.sondreviken.example"  # seed_demo's HR person at a member company
HIRE_DOMAIN = "hires.bench.example.com"
BENCH_HIRES = 40  # besides seed_demo's 7 at the same company
NEWCOMER_SIGNUPS = 12  # besides the activity page's
SIGNUP_DOMAIN = "signups.bench.example.com"
SIGNUP_INTERVAL_S = 2.0
REMINDER_TITLE = "Reminder bench activity"
REMINDER_DOMAIN = "reminders.bench.example.com"
REMINDER_ACTIVITIES = 20
REMINDER_SIGNUPS = 10_000
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")
IDLE_BUSY = 0.15  # --wait-idle waits until the CPUs are at most this busy

# The same environment for this process (seeding, checking) and for gunicorn and the worker:
# production-like, DEBUG off, Redis for the cache, the sessions and Celery.
DATABASE_URL = configure("postgres://postgres@127.0.0.1:5432/portal_bench", redis_url=REDIS_URL)
# The worker "sends" every mail through Django's dummy backend: built and recorded as sent, no SMTP.
os.environ["EMAIL_URL"] = "dummymail://"


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


# --- who is logged in ------------------------------------------------------------------------------


def detail_event_pk() -> int | None:
    """An upcoming bench activity with limited seats, sign-ups and a free seat: its page shows the
    seat counts, and the bench newcomer can hold a confirmed place without overbooking it."""
    from django.db.models import Count, F, Q, Sum
    from django.utils import timezone

    from events.models import Event, SignUp

    confirmed = Q(signups__status=SignUp.Status.CONFIRMED)
    return (
        Event.objects.filter(title_en__startswith=TITLE_PREFIX, capacity__isnull=False)
        .filter(starts_at__gte=timezone.now() + dt.timedelta(days=2))
        .annotate(
            n=Count("signups"),
            seats=Sum(1 + F("signups__extra_adults") + F("signups__extra_children"), filter=confirmed),
        )
        .filter(n__gt=0, seats__lt=F("capacity") - 1)
        .order_by("starts_at")
        .values_list("pk", flat=True)
        .first()
    )


def bench_people(detail_pk: int):
    """The bench newcomer (seed_demo's Arjun, onboarding done) with a place in the activity page's
    activity and NEWCOMER_SIGNUPS more to come, and the HR person (seed_demo's Ingrid at Alvheim, a
    member company) with BENCH_HIRES more hires at different stages. Idempotent."""
    from django.utils import timezone

    from companies.models import Company, Hire
    from events.models import Event, SignUp
    from network.models import User

    now = timezone.now()
    newcomer = User.objects.get(email=NEWCOMER_EMAIL)
    hr = User.objects.get(email=HR_EMAIL)
    SignUp.objects.get_or_create(
        event_id=detail_pk, user=newcomer, defaults={"status": SignUp.Status.CONFIRMED}
    )
    mine = SignUp.objects.filter(user=newcomer, event__starts_at__gt=now).count()
    if mine < NEWCOMER_SIGNUPS + 1:
        taken = SignUp.objects.filter(user=newcomer).values("event_id")
        events = (
            Event.objects.filter(title_en__startswith=TITLE_PREFIX, capacity__isnull=True)
            .filter(starts_at__gte=now + dt.timedelta(days=1))
            .exclude(pk__in=taken)
            .order_by("starts_at")[: NEWCOMER_SIGNUPS + 1 - mine]
        )
        SignUp.objects.bulk_create([SignUp(event=event, user=newcomer) for event in events])
    company = Company.objects.get(slug="alvheim-energiforskning")
    assert company.is_member, "the HR person's company must be a member"
    have = Hire.objects.filter(company=company, email__endswith="@" + HIRE_DOMAIN).count()
    today = timezone.localdate()
    hires = []
    for i in range(have, BENCH_HIRES):
        days = (i * 37) % 400
        step = i % 4  # registered, invited, accepted and arrived, onboarded
        hires.append(
            Hire(
                company=company,
                name=f"Bench hire {i}",
                email=f"hire{i}@{HIRE_DOMAIN}",
                position="Research engineer",
                start_date=today - dt.timedelta(days=days - 14),
                expected_arrival=today - dt.timedelta(days=days),
                registered_by=hr,
                created_at=now - dt.timedelta(days=days + 5),
                invited_at=now - dt.timedelta(days=days) if step >= 1 else None,
                accepted_at=now - dt.timedelta(days=max(days - 1, 0)) if step >= 2 else None,
                arrived_on=today - dt.timedelta(days=days) if step >= 2 else None,
                onboarded_at=now - dt.timedelta(days=max(days - 20, 0)) if step >= 3 else None,
            )
        )
    Hire.objects.bulk_create(hires)
    return newcomer, hr


# --- pages -----------------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    path: str
    who: str | None  # None (anonymous), "newcomer" or "hr"
    target: str  # "B1" or "B2": which baseline the target is a multiple of
    ratio: float
    contains: tuple[bytes, ...] = ()
    max_bytes: int | None = None
    keep: bool = False  # "keep": the target is to stay as it is (≥ 0.5 ×B1 since 2026-11-25)
    bytes: int = 0
    runs: list = field(default_factory=list)  # one {"B1": …, "B2": …, "page": …} per round

    def target_text(self) -> str:
        text = f">= {self.ratio:g} x{self.target}"
        if self.max_bytes:
            text += f", <= {self.max_bytes // 1000} KB"
        return ("keep: " if self.keep else "") + text


def pages_for(detail_pk: int, newcomer_name: str, detail_title: str, my_title: str) -> list[Page]:
    logged_in = b"/accounts/logout/"
    return [
        Page("anonymous calendar list", "/en/events/", None, "B1", 0.5, (TITLE_PREFIX.encode(),), keep=True),
        Page(
            "anonymous month view",
            "/en/events/month/",
            None,
            "B1",
            0.5,
            (TITLE_PREFIX.encode(),),
            max_bytes=150_000,
        ),
        Page("anonymous ICS feed", "/en/events/feeds/calendar.ics", None, "B1", 0.5, (b"BEGIN:VCALENDAR",)),
        Page(
            "logged-in calendar list",
            "/en/events/",
            "newcomer",
            "B2",
            1.5,
            (logged_in, TITLE_PREFIX.encode()),
        ),
        Page(
            "logged-in activity page",
            f"/en/events/{detail_pk}/",
            "newcomer",
            "B2",
            1.5,
            (logged_in, detail_title.encode(), b"You are signed up."),
        ),
        Page(
            "logged-in my activities",
            "/en/events/mine/",
            "newcomer",
            "B2",
            1.5,
            (logged_in, my_title.encode()),
        ),
        Page(
            "newcomer dashboard", "/en/newcomers/", "newcomer", "B2", 1.5, (logged_in, newcomer_name.encode())
        ),
        Page("HR dashboard", "/en/companies/hr/", "hr", "B2", 1.0, (logged_in, b"Alvheim")),
        Page("onboarding board", "/en/companies/hr/hires/", "hr", "B2", 1.0, (logged_in, b"Chen Wei")),
    ]


def browser_cookies(base: str, session_keys: dict) -> dict:
    """What a browser sends after logging in: the session cookie and the CSRF cookie it got with
    the login form (the pages' forms carry tokens made from it). Fetched once per person from the
    home page, as the session's first page would set it."""
    from django.conf import settings

    browsers = {}
    for who, key in session_keys.items():
        answer = request(base, "GET", "/en/", {settings.SESSION_COOKIE_NAME: key})
        token = cookie_value(answer.headers, settings.CSRF_COOKIE_NAME)
        if answer.status != 200 or not token:
            sys.exit(f"the home page gave {who} no CSRF cookie ({answer.status})")
        browsers[who] = {settings.SESSION_COOKIE_NAME: key, settings.CSRF_COOKIE_NAME: token}
    return browsers


def page_check(base: str, page: Page, cookies: dict | None) -> None:
    """The page must answer 200 with what it shows (a logged-in page that redirects to the login
    would measure the redirect); sets its size for the baselines."""
    from html import escape

    answer = request(base, "GET", page.path, cookies)
    if answer.status != 200:
        sys.exit(f"{page.name}: {page.path} answered {answer.status} {answer.header('Location')}")
    body = answer.body
    missing = [
        text for text in page.contains if text not in body and escape(text.decode()).encode() not in body
    ]
    if missing:
        sys.exit(f"{page.name}: {page.path} does not show {missing!r}")
    if page.who is None and logged_in_marker(body):
        sys.exit(f"{page.name}: the anonymous page shows a logged-in menu")
    page.bytes = len(body)


def logged_in_marker(body: bytes) -> bool:
    return b"/accounts/logout/" in body


def drain(base: str) -> None:
    """Wait until gunicorn has worked off the requests wrk left in flight when it stopped.

    The sync workers still answer those (to closed connections); without this the next run would
    start behind them. Two requests pass through the FIFO backlog.
    """
    for _ in range(2):
        fetch(base + BARE_PATH)


def run_wrk(url: str, args, duration: float, cookie: str | None = None, latency: bool = True) -> dict:
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
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if latency:
        command.append("--latency")
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    result: dict = {"output": output}
    if match := re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M):
        result["rps"] = float(match.group(1))
    # Latencies from bench/wrk_report.lua, in microseconds: the --latency table has no p95.
    report = {key: int(value) for key, value in re.findall(r"^bench-report (\w+) (\d+)$", output, re.M)}
    for pct in (50, 90, 95, 99):
        result[f"p{pct}"] = report[f"p{pct}_us"] / 1000
    result["requests"] = report["requests"]
    result["errors"] = report["socket_errors"] + report["status_errors"]
    return result


def measure(base: str, path: str, args, cookie: str | None = None) -> dict:
    if args.warmup:
        run_wrk(base + path, args, args.warmup, cookie, latency=False)
        drain(base)
    return measured(lambda: run_wrk(base + path, args, args.duration, cookie), base)


def measured(run, base: str | None = None) -> dict:
    """run() with the share of the CPUs other people's processes took meanwhile (`others`)."""
    meter = OthersMeter()
    meter.start()
    result = run()
    if base:
        drain(base)
    meter.stop(database_backends())
    return {**result, "others": meter.share, "others_top": meter.top()}


def pages_phase(base: str, pages: list[Page], cookies: dict, args) -> None:
    for round_number in range(1, args.rounds + 1):
        busy = wait_idle(args.wait_idle_round)
        print(f"\nround {round_number} of {args.rounds} (CPU busy before it: {busy:.0%})")
        for page in pages:
            cookie = cookie_header(cookies[page.who]) if page.who else None
            runs = {
                "B1": measure(base, f"{BARE_PATH}?bytes={page.bytes}", args),
                "B2": measure(base, f"{TRANSLATED_PATH}?bytes={page.bytes}", args),
                "page": measure(base, page.path, args, cookie),
            }
            page.runs.append(runs)
            r = runs["page"]
            errors = sum(run["errors"] for run in runs.values())
            others = max(run["others"] for run in runs.values())
            print(
                f"  {page.name:26} B1 {runs['B1']['rps']:7.1f}  B2 {runs['B2']['rps']:7.1f}  page {r['rps']:7.1f} req/s"
                f"  p95 {r['p95']:7.1f} ms  x{r['rps'] / runs['B1']['rps']:.2f} B1  x{r['rps'] / runs['B2']['rps']:.2f} B2"
                + (f"  others {others:.0%}" + (f" ({r['others_top']})" if others > 0.05 else ""))
                + (f"  ERRORS {errors}" if errors else "")
            )
            if args.verbose:
                print(r["output"])


def pages_report(pages: list[Page]) -> list[tuple]:
    """The table of medians over the rounds; returns (name, met) per target."""
    med = statistics.median
    print(
        "\npages: medians over the rounds; xB1 and xB2 are the medians of each round's ratio of the page's "
        "req/s to the baseline's of the same size in the same round; others: the largest share of the CPUs "
        "other people's processes took during any of the page's, B1's or B2's runs"
    )
    header = (
        f"{'page':26} {'bytes':>9} {'B1 req/s':>9} {'B2 req/s':>9} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7}"
        f" {'xB1':>5} {'xB2':>5} {'others':>6}  {'target':28} result"
    )
    print(header)
    print("-" * len(header))
    outcomes = []
    for page in pages:
        rps = [run["page"]["rps"] for run in page.runs]
        x1 = med([run["page"]["rps"] / run["B1"]["rps"] for run in page.runs])
        x2 = med([run["page"]["rps"] / run["B2"]["rps"] for run in page.runs])
        met = (x1 if page.target == "B1" else x2) >= page.ratio
        if page.max_bytes:
            met = met and page.bytes <= page.max_bytes
        errors = sum(run[kind]["errors"] for run in page.runs for kind in run)
        others = max(run[kind]["others"] for run in page.runs for kind in run)
        outcomes.append((page.name, met))
        print(
            f"{page.name:26} {page.bytes:9,d} {med([run['B1']['rps'] for run in page.runs]):9.1f}"
            f" {med([run['B2']['rps'] for run in page.runs]):9.1f} {med(rps):8.1f}"
            f" {med([run['page']['p50'] for run in page.runs]):7.1f} {med([run['page']['p95'] for run in page.runs]):7.1f}"
            f" {x1:5.2f} {x2:5.2f} {others:6.0%}  {page.target_text():28} {'met' if met else 'MISSED'}"
            + (f"  ({errors} failed requests)" if errors else "")
        )
    print(
        "(xB1 per round: "
        + "; ".join(
            f"{page.name}: " + ", ".join(f"{run['page']['rps'] / run['B1']['rps']:.2f}" for run in page.runs)
            for page in pages
        )
        + ")"
    )
    return outcomes


# --- sign-ups during reads -------------------------------------------------------------------------


def signup_users(n: int) -> list:
    from network.models import User

    User.objects.bulk_create(
        [
            User(email=f"signup{i:03d}@{SIGNUP_DOMAIN}", password="!", kind=User.Kind.NEWCOMER, language="en")
            for i in range(n)
        ],
        ignore_conflicts=True,
    )
    users = list(User.objects.filter(email__endswith="@" + SIGNUP_DOMAIN).order_by("email")[:n])
    assert len(users) == n
    return users


def month_activities(n: int) -> list[int]:
    """Bench activities of this month (local time) that start in more than a day, open to all, without
    a seat limit or childcare: each sign-up is a confirmed place, and it changes this month's calendar
    version."""
    from django.utils import timezone

    from events.models import Event

    now = timezone.now()
    first = timezone.localdate().replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    end = timezone.make_aware(dt.datetime.combine(following, dt.time.min))
    pks = list(
        Event.objects.filter(title_en__startswith=TITLE_PREFIX, capacity__isnull=True, audience="everyone")
        .filter(childcare_offered=False)  # the form then asks about the children
        .filter(
            starts_at__gte=now + dt.timedelta(days=1), starts_at__lt=end, registration_closes_at__isnull=True
        )
        .values_list("pk", flat=True)
    )
    random.Random(7).shuffle(pks)
    return pks[:n]


def signups_phase(base: str, month_path: str, args) -> dict:
    """The month view under wrk, first alone, then with a sign-up POSTed every 2 s."""
    from django.conf import settings

    from events.models import SignUp

    n = int(args.signup_duration / SIGNUP_INTERVAL_S) + 2
    users = signup_users(n)
    SignUp.objects.filter(user__in=users).delete()  # the last run's: each run signs up anew
    events = month_activities(n)
    if len(events) < n:
        sys.exit(f"only {len(events)} activities of this month to sign up to: run with --reseed")
    keys = sessions_create(users)
    origin = f"https://{urllib.parse.urlsplit(base).netloc}"
    forms = []  # (path, cookies, body, event pk) per user, from the activity page as a browser gets them
    for key, event_pk in zip(keys, events, strict=True):
        cookies = {settings.SESSION_COOKIE_NAME: key}
        answer = request(base, "GET", f"/en/events/{event_pk}/", cookies)
        token = TOKEN_RE.search(answer.body.decode())
        csrf = cookie_value(answer.headers, settings.CSRF_COOKIE_NAME)
        signup_path = f"/en/events/{event_pk}/sign-up/"
        if answer.status != 200 or token is None or csrf is None or signup_path.encode() not in answer.body:
            sys.exit(
                f"sign-ups: /en/events/{event_pk}/ has no sign-up form for a logged-in newcomer ({answer.status})"
            )
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1), "extra_adults": "0", "extra_children": "0"}
        )
        forms.append((signup_path, {**cookies, settings.CSRF_COOKIE_NAME: csrf}, body, event_pk))

    posts: list[tuple[int, float, str]] = []
    stop = threading.Event()

    def sign_up_every_2_s() -> None:
        started = time.monotonic()
        for i, (path, cookies, body, _event_pk) in enumerate(forms):
            if stop.wait(max(started + (i + 0.5) * SIGNUP_INTERVAL_S - time.monotonic(), 0)):
                return
            t0 = time.perf_counter()
            answer = request(
                base,
                "POST",
                path,
                cookies,
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + path,
                },
            )
            posts.append((answer.status, (time.perf_counter() - t0) * 1000, answer.header("Location")))

    results = {}
    for label in ("without sign-ups", "with a sign-up every 2 s"):
        run_wrk(base + month_path, args, args.warmup or 1, latency=False)
        drain(base)
        thread = None
        if label.startswith("with "):
            thread = threading.Thread(target=sign_up_every_2_s, daemon=True)
            thread.start()
        results[label] = measured(lambda: run_wrk(base + month_path, args, args.signup_duration))
        if thread:
            stop.set()
            thread.join()
        drain(base)
        r = results[label]
        print(
            f"  month view {label:26} {r['rps']:7.1f} req/s  p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms"
            f"  errors {r['errors']}  others {r['others']:.0%} {r['others_top']}"
        )
    made = SignUp.objects.filter(user__in=users, status=SignUp.Status.CONFIRMED).count()
    redirected = sum(1 for status, _, location in posts if status == 302 and "/sign-up/" not in location)
    sessions_delete(keys, REDIS_URL)
    latencies = sorted(ms for _, ms, _ in posts)
    return {
        **results,
        "posts": len(posts),
        "redirected": redirected,
        "signups": made,
        "post_p50": statistics.median(latencies) if latencies else float("nan"),
        "post_max": latencies[-1] if latencies else float("nan"),
    }


# --- reminders -------------------------------------------------------------------------------------


def reminder_mails():
    from network.models import OutgoingMail

    return OutgoingMail.objects.filter(key__startswith="events:signup:", key__endswith=":reminder")


def reminders_prepare() -> int:
    """REMINDER_SIGNUPS confirmed sign-ups of REMINDER_ACTIVITIES activities starting within the
    reminder window, and no reminder recorded yet for anyone; returns how many sign-ups are due."""
    from django.utils import timezone

    from events.models import Category, Event, SignUp
    from events.selectors import reminder_hours, signups_due_for_reminder
    from network.models import Municipality, User

    reminders_clean_up()
    have = User.objects.filter(email__endswith="@" + REMINDER_DOMAIN).count()
    User.objects.bulk_create(
        [
            User(
                email=f"reminder{i:05d}@{REMINDER_DOMAIN}",
                password="!",
                kind=User.Kind.NEWCOMER,
                language=("en", "nb")[i % 2],
            )
            for i in range(have, REMINDER_SIGNUPS)
        ],
        batch_size=2000,
    )
    users = list(
        User.objects.filter(email__endswith="@" + REMINDER_DOMAIN)
        .order_by("email")
        .values_list("pk", flat=True)
    )
    now = timezone.now()
    window = reminder_hours()
    category, municipality = (
        Category.objects.order_by("pk").first(),
        Municipality.objects.order_by("pk").first(),
    )
    events = Event.objects.bulk_create(
        [
            Event(
                title_en=f"{REMINDER_TITLE} {i} – language café",
                title_nb=f"{REMINDER_TITLE} {i} – språkkafé",
                summary_en="Practise Norwegian over coffee.",
                summary_nb="Øv på norsk over en kopp kaffe.",
                venue_name="Biblioteket",
                address="Storgata 1",
                organiser="Søndre Viken expat network",
                category=category,
                municipality=municipality,
                starts_at=now + dt.timedelta(hours=1 + (window - 2) * i / REMINDER_ACTIVITIES),
                ends_at=now + dt.timedelta(hours=3 + (window - 2) * i / REMINDER_ACTIVITIES),
            )
            for i in range(REMINDER_ACTIVITIES)
        ]
    )
    per_event = REMINDER_SIGNUPS // REMINDER_ACTIVITIES
    SignUp.objects.bulk_create(
        [
            SignUp(event=events[i // per_event], user_id=user)
            for i, user in enumerate(users[:REMINDER_SIGNUPS])
        ],
        batch_size=5000,
    )
    reminder_mails().delete()  # also the bench activities' own due sign-ups: every run sends all anew
    return signups_due_for_reminder().count()


def reminders_clean_up() -> None:
    from events.models import Event

    reminder_mails().delete()
    Event.objects.filter(title_en__startswith=REMINDER_TITLE).delete()


def _seconds(value: float | None) -> str:
    return "more than the timeout" if value is None else f"{value:.1f} s"


def reminders_phase(args) -> dict:
    from events.tasks import reminders_send_due

    due = reminders_prepare()
    busy = wait_idle(args.wait_idle_round)
    print(f"  {due:,d} sign-ups due a reminder, none recorded; CPU busy: {busy:.0%}")
    mails = reminder_mails()
    meter = OthersMeter()
    meter.start()
    started = time.perf_counter()
    result = reminders_send_due.delay()
    recorded_s = sent_s = None
    deadline = started + args.reminder_timeout
    while time.perf_counter() < deadline:
        recorded = mails.count()
        sent = mails.filter(sent_at__isnull=False).count()
        now = time.perf_counter() - started
        if recorded_s is None and recorded >= due:
            recorded_s = now
        if sent >= due:
            sent_s = now
            break
        time.sleep(0.2)
    meter.stop(database_backends())
    handed_out = result.get(timeout=10)
    print(
        f"  other people's processes took {meter.share:.0%} of the CPUs meanwhile ({meter.top(3) or 'none'})"
    )
    if sent_s is None:
        # Left in the queue, the rest would delay the second run: it measures a run with nothing to send.
        from network.celery import app

        purged = app.control.purge()
        time.sleep(5)  # the tasks the worker had already taken
        print(f"  timeout: {purged} queued tasks purged before the second run")
    print(
        f"  first run: the task handed out {handed_out:,d}; recorded {recorded:,d} in {_seconds(recorded_s)},"
        f" sent {sent:,d} in {_seconds(sent_s)}"
    )
    rerun_s, second = float("nan"), None
    if recorded >= due:
        time.sleep(1)
        started = time.perf_counter()
        second = reminders_send_due.delay().get(timeout=120)
        rerun_s = time.perf_counter() - started
        print(
            f"  second run: handed out {second}, in {rerun_s:.2f} s (queueing, the worker's query, the result)"
        )
    else:
        print("  second run: not measured (the first had not recorded every reminder)")
    totals = {"due": due, "recorded": recorded, "sent": sent, "handed_out": handed_out}
    reminders_clean_up()
    return {
        **totals,
        "recorded_s": recorded_s,
        "sent_s": sent_s,
        "rerun_s": rerun_s,
        "rerun_handed_out": second,
    }


# --- main ------------------------------------------------------------------------------------------


def wait_idle(max_seconds: float) -> float:
    """Wait up to max_seconds for the CPUs to be at most IDLE_BUSY busy; the last share measured."""
    deadline = time.monotonic() + max_seconds
    while True:
        busy = cpu_busy(2.0)
        if busy <= IDLE_BUSY or time.monotonic() >= deadline:
            return busy
        print(f"  waiting for idle CPUs: {busy:.0%} busy")


def redis_flush() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--phases", default="pages,signups,reminders", help="comma-separated (default all three)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the pages (default 3)")
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per run (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of wrk before each run (default 1)")
    parser.add_argument("--connections", type=int, default=20, help="concurrent connections (default 20)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument(
        "--signup-duration", type=int, default=30, help="seconds of each sign-up run (default 30)"
    )
    parser.add_argument(
        "--reminder-timeout", type=float, default=240, help="seconds to wait for the reminders"
    )
    parser.add_argument(
        "--wait-idle", type=float, default=0, metavar="SECONDS", help="wait up to this long for idle CPUs"
    )
    parser.add_argument(
        "--wait-idle-round",
        type=float,
        default=120,
        metavar="SECONDS",
        help="before each round and phase, wait up to this long for idle CPUs (default 120)",
    )
    parser.add_argument("--reseed", action="store_true", help="drop the bench database and fill it anew")
    parser.add_argument("--verbose", action="store_true", help="print wrk's own report for each page")
    parser.add_argument(
        "--no-cache", action="store_true", help="gunicorn with Django's dummy cache: every request renders"
    )
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--signups", type=int, default=50_000)
    parser.add_argument("--users", type=int, default=5_000)
    args = parser.parse_args()
    if args.no_cache:
        os.environ["BENCH_NO_CACHE"] = "1"  # bench/bench_settings.py, read by gunicorn and this process
    phases = set(args.phases.split(","))
    if phases - {"pages", "signups", "reminders"}:
        sys.exit(f"unknown phases: {phases - {'pages', 'signups', 'reminders'}}")
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")

    redis_flush()
    setup_database(args)
    collect_static()
    reminders_clean_up()  # an interrupted run's
    from events.models import Event, SignUp

    detail_pk = detail_event_pk()
    if detail_pk is None:
        sys.exit(
            "no upcoming bench activity with sign-ups and a free seat left (the data has aged): run with --reseed"
        )
    newcomer, hr = bench_people(detail_pk)
    my_title = (
        SignUp.objects.filter(user=newcomer, event__title_en__startswith=TITLE_PREFIX)
        .order_by("event__starts_at")
        .values_list("event__title_en", flat=True)
        .first()
    )
    pages = pages_for(detail_pk, newcomer.first_name, Event.objects.get(pk=detail_pk).title_en, my_title)
    session_keys = dict(zip(("newcomer", "hr"), sessions_create([newcomer, hr]), strict=True))

    busy = wait_idle(args.wait_idle)
    log_dir = Path(tempfile.gettempdir())
    # At the normal priority: the reminders measure it; during the reads it only sends the sign-ups' mails.
    worker = worker_start({}, log_dir / "portal-load-bench-worker.log", concurrency=2, idle=False)
    outcomes: list[tuple[str, bool]] = []
    signups = reminders = None
    try:
        wrk_version = " ".join(
            subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[:2]
        )
        print()
        print(*machine_description(wrk_version), sep="\n")
        print(f"CPU busy before the start (other processes): {busy:.0%}")
        print(
            f"load: wrk, {args.connections} connections, {args.threads} thread(s), {args.rounds} round(s) of "
            f"{args.warmup:g} s warm-up + {args.duration:g} s per run; Redis {REDIS_URL} for the cache, the sessions "
            "and Celery; a Celery worker (prefork, concurrency 2, normal priority)"
        )
        if {"pages", "signups"} & phases:
            with gunicorn_running(log_dir / "portal-load-bench-gunicorn.log") as server:
                browsers = browser_cookies(server.base, session_keys)
                for page in pages:
                    page_check(server.base, page, browsers[page.who] if page.who else None)
                print(
                    "\npages (each answered 200 with what it shows): "
                    + ", ".join(f"{page.name} {page.path} {page.bytes:,d} bytes" for page in pages)
                )
                if "pages" in phases:
                    pages_phase(server.base, pages, browsers, args)
                if "signups" in phases:
                    busy = wait_idle(args.wait_idle_round)
                    print(f"\nsign-ups during reads ({args.signup_duration:g} s each; CPU busy: {busy:.0%})")
                    signups = signups_phase(server.base, pages[1].path, args)
        if "reminders" in phases:
            print("\nreminders (gunicorn stopped; the worker alone)")
            reminders = reminders_phase(args)
    finally:
        sessions_delete(list(session_keys.values()), REDIS_URL)
        worker_stop(worker)

    if "pages" in phases:
        outcomes += pages_report(pages)
    if signups:
        with_signups = signups["with a sign-up every 2 s"]
        met = with_signups["p95"] < 100 and signups["redirected"] == signups["posts"] == signups["signups"]
        print(
            f"\nsign-ups during reads: month view p95 {with_signups['p95']:.1f} ms with a sign-up every 2 s "
            f"({signups['without sign-ups']['p95']:.1f} ms without); {signups['posts']} POSTs, {signups['redirected']} "
            f"redirected to the activity, {signups['signups']} confirmed places; POST p50 {signups['post_p50']:.0f} ms, "
            f"max {signups['post_max']:.0f} ms; target p95 < 100 ms: {'met' if met else 'MISSED'}"
        )
        outcomes.append(("month view p95 during sign-ups", met))
    if reminders:
        first_met = (
            reminders["sent_s"] is not None
            and reminders["sent_s"] < 30
            and reminders["recorded"] == reminders["due"]
        )
        rerun_met = reminders["rerun_handed_out"] == 0 and reminders["rerun_s"] < 2
        print(
            f"\nreminders: {reminders['due']:,d} due; all recorded in {reminders['recorded_s'] or float('nan'):.1f} s, "
            f"sent in {reminders['sent_s'] or float('nan'):.1f} s: target < 30 s {'met' if first_met else 'MISSED'}; "
            f"re-run with nothing to send {reminders['rerun_s']:.2f} s: target < 2 s {'met' if rerun_met else 'MISSED'}"
        )
        outcomes += [("reminders < 30 s", first_met), ("reminder re-run < 2 s", rerun_met)]
    print(
        f"\ntargets met: {sum(met for _, met in outcomes)} of {len(outcomes)}"
        + "".join(f"\n  MISSED: {name}" for name, met in outcomes if not met)
    )


if __name__ == "__main__":
    main()
