"""Sign-up rush: 200 newcomers press "Sign up" for 30 seats at the same moment, over HTTP to gunicorn.

    .venv/bin/python bench/rush_bench.py [--users 200] [--seats 30] [--runs 3] [--reseed]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/portal_rush; the
database is created when missing and migrated, --reseed drops it first). gunicorn runs as in
bench/load_bench.py (bench/harness.py: network.wsgi, 2 sync workers, DEBUG off, production
settings, requests carry X-Forwarded-Proto: https). Without REDIS_URL, Celery tasks run eagerly:
each sign-up renders its e-mail (text, HTML and the .ics) and sends it (to the console backend,
i.e. gunicorn's log) inside the request, as a server without Redis would.

Each run creates a fresh upcoming activity (audience everyone, registration open, --seats seats);
the --users newcomer users are created once and reused, each with a logged-in session written
straight into the session table. Every user GETs the activity page (the CSRF cookie and the form's
token), then all of them wait at a barrier and POST the sign-up form at once, one thread and one
connection each. The script prints the POSTs' latency (p50/p95/p99/max) and HTTP statuses, then
reads the database: the confirmed seats must be exactly --seats, the rest waiting with positions
1..n without gaps. Target: p95 < 1 s on 2 cores and the counts exact. Nothing fails on the
numbers: the script prints them.
"""

import argparse
import datetime as dt
import http.client
import math
import os
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from harness import (
    FORWARDED_HTTPS_HEADERS,
    TOKEN_RE,
    collect_static,
    configure,
    cookie_header,
    cookie_value,
    cpu_busy,
    database_prepare,
    django_migrate,
    gunicorn_running,
    machine_description,
    process_table,
    sessions_create,
    sessions_delete,
    worker_start,
    worker_stop,
)

TITLE_PREFIX = "Rush activity"
EMAIL_DOMAIN = "rush.bench.example.com"
TARGET_P95_S = 1.0

DATABASE_URL = configure("postgres://postgres@127.0.0.1:5432/portal_rush")


# --- data --------------------------------------------------------------------------------------


def rush_users(n: int) -> list:
    """The first n rush users (newcomers), created when missing and reused by later runs."""
    from network.models import User

    existing = User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).count()
    if existing < n:
        User.objects.bulk_create(
            [
                User(
                    email=f"rush{i:05d}@{EMAIL_DOMAIN}", password="!", kind=User.Kind.NEWCOMER, language="en"
                )
                for i in range(n)
            ],
            ignore_conflicts=True,
        )
    users = list(User.objects.filter(email__endswith="@" + EMAIL_DOMAIN).order_by("email")[:n])
    assert len(users) == n, (len(users), n)
    return users


def activity_create(seats: int, run: int):
    """A fresh upcoming activity with `seats` seats, open to everyone, registration open now.

    Earlier runs' activities (and their sign-ups and e-mails) are deleted first: the database
    holds the last run's, to look at, and no more.
    """
    from django.core.management import call_command
    from django.utils import timezone

    from events.models import Audience, Category, Event
    from network.models import Municipality, OutgoingMail

    Event.objects.filter(title_en__startswith=TITLE_PREFIX).delete()
    OutgoingMail.objects.filter(to__endswith="@" + EMAIL_DOMAIN).delete()
    if not Category.objects.exists() or not Municipality.objects.exists():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - region, categories …
    now = timezone.now()
    starts = (now + dt.timedelta(days=14)).replace(minute=0, second=0, microsecond=0)
    return Event.objects.create(
        title_en=f"{TITLE_PREFIX} {run} – Welcome to Norway evening",
        title_nb=f"{TITLE_PREFIX} {run} – Velkommen til Norge-kveld",
        summary_en="An evening for everyone who has just moved to the region.",
        summary_nb="En kveld for alle som nettopp har flyttet til regionen.",
        description_en="Talks, questions and coffee. " * 10,
        description_nb="Innlegg, spørsmål og kaffe. " * 10,
        venue_name="Kulturhuset",
        address="Storgata 1",
        organiser="Søndre Viken expat network",
        category=Category.objects.order_by("pk").first(),
        municipality=Municipality.objects.order_by("pk").first(),
        audience=Audience.EVERYONE,
        language="both",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        registration_opens_at=now - dt.timedelta(hours=1),
        registration_closes_at=starts - dt.timedelta(days=1),
        capacity=seats,
        price_nok=0,
    )


def database_counts(event) -> dict:
    """What the rush left in the database for this activity."""
    from django.db.models import Count, F, Sum

    from events.models import SignUp
    from network.models import OutgoingMail

    signups = SignUp.objects.filter(event=event)
    by_status = {
        row["status"]: row
        for row in signups.values("status").annotate(
            n=Count("pk"), seats=Sum(1 + F("extra_adults") + F("extra_children"))
        )
    }
    positions = list(
        signups.filter(status=SignUp.Status.WAITING)
        .order_by("waitlist_position")
        .values_list("waitlist_position", flat=True)
    )
    keys = [
        f"events:signup:{pk}:{kind}"
        for pk in signups.values_list("pk", flat=True)
        for kind in ("confirmed", "waiting")
    ]
    mails = OutgoingMail.objects.filter(key__in=keys)

    def get(status, key):
        return by_status.get(status, {}).get(key) or 0

    return {
        "total": signups.count(),
        "users": signups.values("user").distinct().count(),
        "confirmed": get(SignUp.Status.CONFIRMED, "n"),
        "confirmed_seats": get(SignUp.Status.CONFIRMED, "seats"),
        "waiting": get(SignUp.Status.WAITING, "n"),
        "cancelled": get(SignUp.Status.CANCELLED, "n"),
        "positions": positions,
        "mails": mails.count(),
        "mails_sent": mails.filter(sent_at__isnull=False).count(),
    }


# --- the rush ----------------------------------------------------------------------------------


@dataclass
class Result:
    get_status: int | None = None
    status: int | None = None
    location: str = ""
    seconds: float | None = None
    error: str = ""


def rush(
    base: str,
    event_pk: int,
    session_keys: list[str],
    timeout: float,
    cpu: "CpuMeter",
    post_path: str | None = None,
) -> tuple[list[Result], float]:
    """Every session GETs the activity page, then all POST the sign-up form at once (to `post_path`
    instead, when given: the bare sign-up).

    Returns each user's result and the wall time from the barrier's release to the last answer.
    The CPU meter reads its first sample between the GETs and the POSTs (from this thread, while
    the others wait) and its second when all POSTs are answered. A connection is opened only
    after the barrier: a sync worker that accepted a connection waits for its request, and idle
    connections opened early would hold both workers.
    """
    from django.conf import settings

    url = urllib.parse.urlsplit(base)
    origin = f"https://{url.netloc}"  # what a browser sends on the HTTPS site behind the proxy
    detail_path = f"/en/events/{event_pk}/"
    signup_path = f"/en/events/{event_pk}/sign-up/"
    results = [Result() for _ in session_keys]
    parties = len(session_keys) + 1  # the users and this thread
    got_pages = threading.Barrier(parties)
    released = [0.0]
    go = threading.Barrier(parties, action=lambda: released.__setitem__(0, time.perf_counter()))

    def user(index: int, session_key: str) -> None:
        result = results[index]
        cookies = {settings.SESSION_COOKIE_NAME: session_key}
        body = None
        try:
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
            conn.request(
                "GET", detail_path, headers={**FORWARDED_HTTPS_HEADERS, "Cookie": cookie_header(cookies)}
            )
            response = conn.getresponse()
            html = response.read().decode()
            conn.close()
            result.get_status = response.status
            csrf_cookie = cookie_value(response.getheaders(), settings.CSRF_COOKIE_NAME)
            token = TOKEN_RE.search(html)
            if response.status != 200 or csrf_cookie is None or token is None or signup_path not in html:
                result.error = f"GET {response.status}: no sign-up form or CSRF token"
            else:
                cookies[settings.CSRF_COOKIE_NAME] = csrf_cookie
                body = urllib.parse.urlencode(
                    {"csrfmiddlewaretoken": token.group(1), "extra_adults": "0", "extra_children": "0"}
                )
        except OSError as exc:
            result.error = f"GET: {exc!r}"
        try:
            got_pages.wait()
            go.wait()
        except threading.BrokenBarrierError:
            result.error = result.error or "barrier broken"
            return
        if body is None:
            return
        headers = {
            **FORWARDED_HTTPS_HEADERS,
            "Cookie": cookie_header(cookies),
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": origin + detail_path,
        }
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
            conn.request("POST", post_path or signup_path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            result.seconds = time.perf_counter() - started
            result.status = response.status
            result.location = response.getheader("Location", "")
            conn.close()
        except OSError as exc:
            result.seconds = time.perf_counter() - started
            result.error = f"POST: {exc!r}"

    threads = [
        threading.Thread(target=user, args=(i, key), daemon=True) for i, key in enumerate(session_keys)
    ]
    for thread in threads:
        thread.start()
    try:
        got_pages.wait()
        cpu.start()
        go.wait()
    except BaseException:
        got_pages.abort()
        go.abort()
        raise
    for thread in threads:
        thread.join()
    cpu.stop()
    last = max((released[0] + r.seconds for r in results if r.seconds is not None), default=released[0])
    return results, last - released[0]


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least pct % of the values at or below it."""
    return sorted_values[max(math.ceil(pct / 100 * len(sorted_values)) - 1, 0)]


# --- who used the CPUs ------------------------------------------------------------------------


def _machine_ticks() -> tuple[int, int]:
    """(all, busy) CPU time of the machine so far, in clock ticks (from /proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    total = sum(values[:8])
    return total, total - values[3] - values[4]  # minus idle and iowait


def _process_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks


def _all_process_ticks() -> dict[int, tuple[str, int]]:
    """Every process's name and CPU time so far, in clock ticks."""
    return {pid: (name, ticks) for pid, (name, _parent, ticks) in process_table().items()}


def _kernel_ticks() -> tuple[int, int, int]:
    """irq, softirq and steal time of all CPUs so far (from /proc/stat), in clock ticks."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return values[5], values[6], values[7]


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(stat.parent.name))
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return children


def _bench_backends() -> list[int]:
    """The PostgreSQL backends connected to the bench database (gunicorn's, this script's)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        return [row[0] for row in cursor.fetchall()]


class CpuMeter:
    """Where the CPU time went between `start()` and `stop()`: gunicorn, PostgreSQL, this script, others.

    The rush itself keeps both cores busy, so the machine's load alone says little: what matters
    is how much of it was not ours (another agent's tests, a browser), and what one sign-up costs.
    PostgreSQL's shared background processes (WAL writer, checkpointer) count as others.
    """

    def __init__(self, gunicorn_pid: int):
        self.gunicorn_pid = gunicorn_pid

    def _sample(self) -> dict:
        gunicorn = [self.gunicorn_pid, *_children(self.gunicorn_pid)]
        return {
            "machine": _machine_ticks(),
            "gunicorn": {pid: _process_ticks(pid) for pid in gunicorn},
            "postgres": {pid: _process_ticks(pid) for pid in _bench_backends()},
            "script": _process_ticks(os.getpid()),
            "processes": _all_process_ticks(),
            "kernel": _kernel_ticks(),
        }

    def other_processes(self, ours: set[int], labels: dict, top: int = 3) -> list[tuple[str, float]]:
        """The busiest processes that are not ours (name, CPU seconds), and the CPU time the kernel
        spent outside any process (interrupts, and the loopback network's soft interrupts) or
        the hypervisor took (steal)."""
        tick = os.sysconf("SC_CLK_TCK")
        first, last = self.first["processes"], self.last["processes"]
        # A process started in between used all its time in between; one that ended is missed.
        used = [
            (labels.get(pid, f"{name} (pid {pid})"), (ticks - first.get(pid, (name, 0))[1]) / tick)
            for pid, (name, ticks) in last.items()
            if pid not in ours and ticks > first.get(pid, (name, 0))[1]
        ]
        kernel = [
            (name, (after - before) / tick)
            for name, before, after in zip(
                ("irq", "softirq", "steal"), self.first["kernel"], self.last["kernel"], strict=True
            )
            if after > before
        ]
        return sorted(used + kernel, key=lambda item: -item[1])[:top]

    def start(self) -> None:
        self.first = self._sample()

    def stop(self) -> None:
        self.last = self._sample()

    def seconds(self) -> dict:
        """CPU seconds of each part, and the machine's (all CPUs', busy or not) wall ticks."""
        tick = os.sysconf("SC_CLK_TCK")
        first, last = self.first, self.last

        def used(part):
            return sum(ticks - first[part].get(pid, 0) for pid, ticks in last[part].items()) / tick

        machine_total = (last["machine"][0] - first["machine"][0]) / tick
        machine_busy = (last["machine"][1] - first["machine"][1]) / tick
        ours = {
            "gunicorn": used("gunicorn"),
            "postgres": used("postgres"),
            "script": (last["script"] - first["script"]) / tick,
        }
        return {
            **ours,
            "machine": machine_total,
            "busy": machine_busy,
            "others": max(machine_busy - sum(ours.values()), 0),
        }


def wait_idle(max_seconds: float) -> float:
    """Wait up to max_seconds for the CPUs to be idle (at most 10% busy); the last share measured."""
    deadline = time.monotonic() + max_seconds
    while True:
        busy = cpu_busy(1.0)
        if busy <= 0.1 or time.monotonic() >= deadline:
            return busy


def run_once(server, run: int, args, session_keys: list[str]) -> dict:
    event = activity_create(args.seats, run)
    busy = wait_idle(args.wait_idle)
    cpu = CpuMeter(server.pid)
    bare_path = f"/en/bench/bare-sign-up/{event.pk}/" if args.bare else None
    results, wall = rush(server.base, event.pk, session_keys, args.timeout, cpu, bare_path)
    used = cpu.seconds()
    others = used["others"] / max(used["machine"], 1e-9)
    counts = database_counts(event)
    deadline = time.monotonic() + (0 if args.bare else getattr(args, "mail_wait", 0))
    while counts["mails_sent"] < len(results) and time.monotonic() < deadline:
        time.sleep(1)  # the worker sends the e-mails after the rush
        counts = database_counts(event)

    latencies = sorted(r.seconds for r in results if r.seconds is not None and not r.error)
    statuses = Counter(r.status if r.status is not None else "none" for r in results)
    errors = Counter(r.error for r in results if r.error)
    expected_location = f"/en/events/{event.pk}/"
    off_target = sum(1 for r in results if r.status == 302 and r.location != expected_location)
    n = len(session_keys)
    expected_confirmed = min(args.seats, n)  # parties of one: one seat each
    expected_waiting = n - expected_confirmed
    counts_exact = (
        counts["total"] == n
        and counts["users"] == n
        and counts["confirmed_seats"] == expected_confirmed
        and counts["confirmed"] == expected_confirmed
        and counts["waiting"] == expected_waiting
        and counts["cancelled"] == 0
        and counts["positions"] == list(range(1, expected_waiting + 1))
    )
    all_redirected = statuses.get(302, 0) == n and not off_target and not errors
    stats = {
        "count": len(latencies),
        "p50": percentile(latencies, 50) if latencies else math.nan,
        "p95": percentile(latencies, 95) if latencies else math.nan,
        "p99": percentile(latencies, 99) if latencies else math.nan,
        "max": latencies[-1] if latencies else math.nan,
        "wall": wall,
    }
    p95_met = stats["p95"] < TARGET_P95_S and len(latencies) == n
    if args.bare:
        counts_exact = None  # nobody signed up
    met = p95_met and counts_exact is not False and all_redirected

    print(f"\nrun {run}: activity {event.pk}, {args.seats} seats, {n} users")
    per_post = {part: used[part] / n * 1000 for part in ("gunicorn", "postgres", "script")}
    print(
        f"  CPU           busy just before: {busy:.0%}; during the POSTs {used['busy'] / max(used['machine'], 1e-9):.0%}"
        f" of {len(os.sched_getaffinity(0))} CPUs, other processes {others:.0%}; per sign-up:"
        f" gunicorn {per_post['gunicorn']:.1f} ms, PostgreSQL {per_post['postgres']:.1f} ms,"
        f" this client {per_post['script']:.1f} ms"
    )
    ours = {*cpu.last["gunicorn"], *cpu.last["postgres"], os.getpid()}
    print(
        "  others' CPU   "
        + (
            ", ".join(f"{name} {seconds:.2f} s" for name, seconds in cpu.other_processes(ours, args.labels))
            or "none"
        )
        + f" (of {used['machine']:.2f} s on all CPUs)"
    )
    if busy > 0.1 or others > 0.1:
        print(
            "  WARNING: other processes were using the CPUs; they take time from gunicorn and PostgreSQL "
            "and the latencies will be high"
        )
    print(
        f"  POST latency  count {stats['count']}  p50 {stats['p50'] * 1000:7.0f} ms  p95 {stats['p95'] * 1000:7.0f} ms"
        f"  p99 {stats['p99'] * 1000:7.0f} ms  max {stats['max'] * 1000:7.0f} ms"
        f"  (all answered {wall:.2f} s after the barrier: {n / wall if wall else 0:.0f} sign-ups/s)"
    )
    print(
        "  HTTP statuses "
        + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=str))
        + (f"  ({off_target} redirected elsewhere than the activity page)" if off_target else "")
    )
    for error, count in errors.most_common():
        print(f"  ERROR ×{count}: {error}")
    positions = counts["positions"]
    gaps = positions != list(range(1, len(positions) + 1))
    print(
        f"  database      confirmed {counts['confirmed']} ({counts['confirmed_seats']} seats; expected {expected_confirmed})"
        f"  waiting {counts['waiting']} (expected {expected_waiting})"
        f"  positions {positions[0] if positions else '-'}..{positions[-1] if positions else '-'}"
        f" {'WITH GAPS OR DUPLICATES' if gaps else 'without gaps'}"
        f"  cancelled {counts['cancelled']}  sign-ups {counts['total']} by {counts['users']} users"
    )
    print(
        f"  e-mails       recorded {counts['mails']}, sent {counts['mails_sent']}"
        f" ({'by the worker, counted after the rush' if args.mail_wait else 'eager Celery, inside the request'})"
    )
    print(
        f"  target        p95 {stats['p95'] * 1000:.0f} ms < {TARGET_P95_S * 1000:.0f} ms: {'met' if p95_met else 'MISSED'};"
        f" counts exact: {'not checked (--bare)' if counts_exact is None else 'yes' if counts_exact else 'NO'};"
        " every POST redirected to the activity: "
        f"{'yes' if all_redirected else 'NO'}  =>  {'MET' if met else 'MISSED'}"
    )
    return {
        **stats,
        **{f"cpu_{k}": v for k, v in per_post.items()},
        "counts_exact": counts_exact,
        "all_redirected": all_redirected,
        "met": met,
        "others": others,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="concurrent sign-ups (default 200)")
    parser.add_argument("--seats", type=int, default=30, help="seats of the activity (default 30)")
    parser.add_argument("--runs", type=int, default=3, help="rushes, each on a fresh activity (default 3)")
    parser.add_argument(
        "--timeout", type=float, default=120, help="socket timeout per request in s (default 120)"
    )
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0,
        metavar="SECONDS",
        help="before each run, wait up to this long for the CPUs to be at most 10%% busy (default 0)",
    )
    parser.add_argument("--reseed", action="store_true", help="drop the rush database and create it anew")
    parser.add_argument(
        "--worker",
        action="store_true",
        help="production-like: Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/9) for the cache and "
        "Celery, and a Celery worker (SCHED_IDLE, nice 19) that renders and sends the e-mails outside the requests",
    )
    parser.add_argument(
        "--bare",
        action="store_true",
        help="POST to the bare sign-up (/en/bench/bare-sign-up/<pk>/: middleware, session, user, flash "
        "message and redirect, no sign-up): the floor under the rush; the counts are not checked",
    )
    args = parser.parse_args()
    if args.users < 1 or args.seats < 1 or args.runs < 1:
        sys.exit("--users, --seats and --runs must be at least 1")

    database_prepare(DATABASE_URL, args.reseed)
    django_migrate()
    collect_static()
    users = rush_users(args.users)
    session_keys = sessions_create(users)
    log_path = Path(tempfile.gettempdir()) / "portal-rush-bench-gunicorn.log"
    summary = []
    extra_env = {"EMAIL_URL": "consolemail://"}
    worker = None
    if args.worker:
        extra_env["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
        worker = worker_start(extra_env, Path(tempfile.gettempdir()) / "portal-rush-bench-worker.log")
    try:
        # Mail goes to gunicorn's log (the console backend), whatever EMAIL_URL this shell has.
        with gunicorn_running(log_path, extra_env) as server:
            print()
            print(*machine_description(), sep="\n")
            print(
                f"rush: {args.users} threads, one connection each, POST at once after a barrier; "
                f"{args.seats} seats; {args.runs} run(s); gunicorn log: {log_path}"
            )
            print(
                "note: Redis and a Celery worker (SCHED_IDLE, nice 19): the e-mails are rendered and sent by the worker"
                if args.worker
                else "note: no REDIS_URL, so Celery runs eagerly: each sign-up renders and sends its e-mail "
                "inside the request (after its transaction has committed)"
            )
            args.mail_wait = 120 if args.worker else 0
            args.labels = {worker.pid: "the Celery worker"} if worker is not None else {}
            for run in range(1, args.runs + 1):
                summary.append(run_once(server, run, args, session_keys))
    finally:
        sessions_delete(session_keys, extra_env.get("REDIS_URL"))
        if worker is not None:
            worker_stop(worker)

    if len(summary) > 1:
        print("\nsummary:")
        header = f"{'run':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'wall s':>7} {'others':>7} {'CPU ms/sign-up':>15}  counts  target"
        print(header)
        print("-" * len(header))
        for run, s in enumerate(summary, start=1):
            print(
                f"{run:4d} {s['p50'] * 1000:8.0f} {s['p95'] * 1000:8.0f} {s['p99'] * 1000:8.0f} {s['max'] * 1000:8.0f}"
                f" {s['wall']:7.2f} {s['others']:7.0%} {s['cpu_gunicorn'] + s['cpu_postgres']:15.1f}  {'-' if s['counts_exact'] is None else 'exact' if s['counts_exact'] else 'WRONG':6}  "
                f"{'met' if s['met'] else 'MISSED'}"
            )
        print(
            "(CPU ms/sign-up: gunicorn's and PostgreSQL's CPU time during the POSTs, divided by the sign-ups)"
        )
        print(f"target met in {sum(s['met'] for s in summary)} of {len(summary)} runs")


if __name__ == "__main__":
    main()
