"""The network's own pages beyond the foundation's (tests/quality/test_authz_matrix.py)."""

from tests.quality.world import ROLES

# The admin's login page for everyone but the coordinator (active staff).
STAFF_ONLY_ADMIN = {**dict.fromkeys(ROLES, 302), "coordinator": 200}


def setup(world) -> None:
    pass


URLS = {
    "admin_translation_status": (lambda w: {}, STAFF_ONLY_ADMIN),
}
