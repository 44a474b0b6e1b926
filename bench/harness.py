"""What the gunicorn benchmarks (load_bench.py, rush_bench.py) share.

A PostgreSQL database of their own (created when missing, migrated), the production-like
environment (DEBUG off, bench/bench_settings.py; without Redis the file cache under a temporary folder
and eager Celery tasks, with `redis_url` Redis for the cache, the sessions and Celery), gunicorn as
production runs it (network.wsgi, 2 sync workers) on a free port of 127.0.0.1, stopped whatever
happens, a real Celery worker, and logged-in sessions. Call `configure()` before anything imports Django.
"""

import contextlib
import datetime as dt
import http.client
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
WORKERS = 2
# Behind the production proxy every request arrives as HTTPS; without this header the (production)
# settings would answer each request with a redirect to https://.
FORWARDED_HTTPS = "X-Forwarded-Proto: https"
FORWARDED_HTTPS_HEADERS = dict([FORWARDED_HTTPS.split(": ")])
BARE_PATH = "/en/bench/bare/"  # bench/bench_urls.py; also how we know gunicorn is up
STATIC_ROOT = Path(tempfile.gettempdir()) / "portal-load-bench-static"


def configure(default_database_url: str, redis_url: str | None = None) -> str:
    """Set this process's environment as gunicorn's (production-like, DEBUG off); return the database URL.

    BENCH_DATABASE_URL chooses the database, otherwise `default_database_url`. gunicorn inherits
    this environment, so the script (seeding, checking) and the server see the same settings. With
    `redis_url`, the cache, the sessions and Celery use Redis as in production (tasks then need a
    worker: `worker_start`); without it, the file cache and eager tasks.
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    database_url = os.environ.get("BENCH_DATABASE_URL", default_database_url)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or "load-bench-only-" + "k" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "STATIC_ROOT": str(STATIC_ROOT),
            "LOG_LEVEL": "WARNING",
        }
    )
    # The file cache (shared by gunicorn's workers) and Celery tasks run eagerly, as with no Redis
    # configured; the cache in a folder of its own, emptied for each run.
    os.environ.pop("REDIS_URL", None)
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    cache_dir = Path(tempfile.gettempdir()) / "portal-bench-cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    os.environ["CACHE_DIR"] = str(cache_dir)
    # A `kill` of the script still stops gunicorn (through the `finally` in `gunicorn_running`).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return database_url


def database_prepare(database_url: str, reseed: bool = False) -> None:
    """Create the bench database when missing (drop it first with `reseed`)."""
    import psycopg

    url = urllib.parse.urlsplit(database_url)
    name = url.path.lstrip("/")
    maintenance = urllib.parse.urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reseed:
            print(f"dropping database {name}")
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            print(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def django_migrate() -> None:
    """Set Django up in this process and migrate the bench database."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def collect_static() -> None:
    """WhiteNoise's manifest of the static files, as production serves them."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, int]:
    """GET a URL as behind the proxy: (status, bytes of the body)."""
    request = urllib.request.Request(url, headers=FORWARDED_HTTPS_HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
            return response.status, len(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, 0


def start_gunicorn(port: int, log_path: Path, extra_env: dict | None = None) -> subprocess.Popen:
    command = [
        str(GUNICORN),
        "network.wsgi:application",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(ROOT),
        "--log-level",
        "warning",
    ]
    env = {**os.environ, **(extra_env or {})}
    with open(log_path, "wb") as log:
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)


def wait_ready(process: subprocess.Popen, base: str, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}; its log:\n{log_path.read_text()}")
        try:
            if fetch(base + BARE_PATH)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer {BARE_PATH} within {timeout:.0f} s; its log: {log_path}")


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass(frozen=True)
class Server:
    base: str  # http://127.0.0.1:<port>
    pid: int  # gunicorn's master process; the workers are its children


@contextlib.contextmanager
def gunicorn_running(log_path: Path, extra_env: dict | None = None) -> Iterator[Server]:
    """gunicorn on a free port of 127.0.0.1 for the duration of the block.

    It is stopped at the end of the block, also on an error, Ctrl-C or `kill` (see `configure`).
    """
    if not GUNICORN.exists():
        sys.exit(f"{GUNICORN} is missing: make install")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start_gunicorn(port, log_path, extra_env)
    try:
        wait_ready(process, base, log_path)
        yield Server(base, process.pid)
    finally:
        stop_gunicorn(process)


def cpu_busy(seconds: float = 2.0) -> float:
    """Share of all CPUs busy over a short interval (from /proc/stat): other load skews the numbers."""

    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = values[3] + values[4]  # idle + iowait
        return sum(values[:8]), idle

    total1, idle1 = sample()
    time.sleep(seconds)
    total2, idle2 = sample()
    return 1 - (idle2 - idle1) / max(total2 - total1, 1)


def machine_description(extra_software: str = "") -> list[str]:
    """Date, CPUs and memory, and the versions that matter; Django must be set up."""
    import django
    import gunicorn
    from django.db import connection

    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0].split()[0]
    software = (
        f"software: Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {gunicorn.__version__} ({WORKERS} sync workers), PostgreSQL {pg_version}"
    )
    return [
        f"date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"machine: {len(os.sched_getaffinity(0))} CPUs ({model}), "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        software + (f", {extra_software}" if extra_software else ""),
    ]


# --- logged-in visitors ---------------------------------------------------------------------------

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def sessions_create(users) -> list[str]:
    """A logged-in session per user, as django.contrib.auth.login would store it; their keys."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for user in users:
        session = store_class()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def sessions_delete(keys: list[str], redis_url: str | None = None) -> None:
    """Delete the sessions; with `redis_url` also the copies gunicorn's cached_db sessions keep in Redis."""
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key__in=keys).delete()
    if redis_url:
        from network.cache import RedisCache

        RedisCache(redis_url, {"KEY_PREFIX": "network"}).delete_many([KEY_PREFIX + key for key in keys])


def cookie_value(headers: list[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == "set-cookie" and value.startswith(name + "="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return None


def cookie_header(cookies: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


@dataclass
class Answer:
    status: int
    body: bytes
    headers: list[tuple[str, str]]

    def header(self, name: str) -> str:
        return next((value for key, value in self.headers if key.lower() == name.lower()), "")


def request(
    base: str,
    method: str,
    path: str,
    cookies: dict | None = None,
    body: str | None = None,
    headers: dict | None = None,
    timeout: float = 30,
) -> Answer:
    """One request as behind the proxy, with these cookies; redirects are not followed (a logged-in
    page that redirects to the login is a 302 here, not the login page's 200)."""
    url = urllib.parse.urlsplit(base)
    all_headers = {**FORWARDED_HTTPS_HEADERS, **(headers or {})}
    if cookies:
        all_headers["Cookie"] = cookie_header(cookies)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        return Answer(response.status, response.read(), response.getheaders())
    finally:
        conn.close()


# --- a real Celery worker -------------------------------------------------------------------------

WORKER_PRIORITY = (
    ["chrt", "--idle", "0", "nice", "-n", "19"] if shutil.which("chrt") else ["nice", "-n", "19"]
)


def worker_start(
    extra_env: dict, log_path: Path, concurrency: int | None = None, idle: bool = True
) -> subprocess.Popen:
    """A Celery worker with gunicorn's environment (REDIS_URL for the broker must be in it).

    `concurrency` None: one process (`--pool=solo`); otherwise prefork with that many processes.
    With `idle` it runs at the lowest priority there is (Linux's SCHED_IDLE through `chrt --idle`, and
    nice 19): it takes a CPU only when neither gunicorn nor PostgreSQL wants it, as a worker on a
    machine of its own would not take their CPU. At nice 10 it still took about 30% of the 2 CPUs
    during rush_bench's rush. Without `idle`, at the normal priority: when the worker is what is
    measured (load_bench.py's reminders), it must not wait for other people's processes.
    """
    pool = ["--pool=solo"] if concurrency is None else ["--pool=prefork", f"--concurrency={concurrency}"]
    log = open(log_path, "wb")  # noqa: SIM115 - the worker writes to it until it stops
    return subprocess.Popen(
        [
            *(WORKER_PRIORITY if idle else []),
            sys.executable,
            "-m",
            "celery",
            "-A",
            "network",
            "worker",
            *pool,
            "-l",
            "warning",
        ],
        env={**os.environ, **extra_env},
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def worker_stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


# --- who else used the CPUs ---------------------------------------------------------------------


def process_table() -> dict[int, tuple[str, int, int]]:
    """Every process: (name, parent pid, CPU time so far in clock ticks), from /proc."""
    table = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        table[int(stat.parent.name)] = (name, int(fields[1]), int(fields[11]) + int(fields[12]))
    return table


class OthersMeter:
    """How much CPU other people's processes took between `start()` and `stop()`, as a share of all CPUs.

    Ours: this script and every process below it (gunicorn and its workers, the Celery worker, wrk),
    the PostgreSQL backends connected to the bench database and Redis. A process that started and
    ended in between is missed, so the share is a lower bound.
    """

    def _sample(self) -> tuple[dict, tuple[int, int]]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return process_table(), (sum(values[:8]), sum(values[:8]) - values[3] - values[4])

    def start(self) -> None:
        self.first, self.first_machine = self._sample()

    def stop(self, database_backends: set[int] = frozenset()) -> None:
        self.last, self.last_machine = self._sample()
        ours = {os.getpid(), *database_backends}
        changed = True
        while changed:  # everything below this script
            before = len(ours)
            ours |= {pid for pid, (_, parent, _) in self.last.items() if parent in ours}
            changed = len(ours) != before
        tick = os.sysconf("SC_CLK_TCK")
        self.others = sorted(
            (
                (f"{name} (pid {pid})", (ticks - self.first.get(pid, (name, 0, 0))[2]) / tick)
                for pid, (name, _, ticks) in self.last.items()
                if pid not in ours and name != "redis-server"
            ),
            key=lambda item: -item[1],
        )
        total = (self.last_machine[0] - self.first_machine[0]) / tick
        self.share = sum(seconds for _, seconds in self.others if seconds > 0) / max(total, 1e-9)

    def top(self, n: int = 2) -> str:
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.others[:n] if seconds > 0)


def database_backends() -> set[int]:
    """The PostgreSQL backends connected to this process's database (gunicorn's, the worker's, ours)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        return {row[0] for row in cursor.fetchall()}
