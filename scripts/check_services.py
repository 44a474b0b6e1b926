"""Fail early, naming the server, when CI's PostgreSQL or Redis cannot be reached."""

import os
import socket
import sys
from urllib.parse import urlparse

SERVICES = {
    "PostgreSQL": os.environ.get("CI_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal"),
    "Redis": os.environ.get("CI_REDIS_URL", "redis://127.0.0.1:6379/0"),
}
DEFAULT_PORTS = {"postgres": 5432, "postgresql": 5432, "redis": 6379}


def reachable(url: str) -> bool:
    parsed = urlparse(url)
    port = parsed.port or DEFAULT_PORTS.get(parsed.scheme, 0)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", port), timeout=3):
            return True
    except OSError:
        return False


def main() -> int:
    missing = [name for name, url in SERVICES.items() if not reachable(url)]
    for name in missing:
        print(f"ERROR: CI=true but {name} is not reachable at {SERVICES[name]}.", file=sys.stderr)
    if missing:
        print("The PostgreSQL run and the Celery worker tests cannot run; failing.", file=sys.stderr)
        return 1
    print("PostgreSQL and Redis are reachable: running the suite on PostgreSQL with a Celery worker.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
