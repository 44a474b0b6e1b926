"""The network's own pages beyond the foundation's (tests/quality/test_authz_matrix.py)."""

from tests.network.factories import MunicipalityFactory

ROLES = ("anonymous", "newcomer", "other_newcomer", "hr_a", "hr_b", "volunteer", "coordinator")


def setup(world) -> None:
    world.municipality_page = MunicipalityFactory(slug="authz-town")


URLS = {
    # A municipality's page is public.
    "municipality": (lambda w: {"slug": w.municipality_page.slug}, dict.fromkeys(ROLES, 200)),
    # The region's colours are public, like the rest of the look.
    "region_css": (lambda w: {}, dict.fromkeys(ROLES, 200)),
    # So is its logo; a region without one (as here) answers 404 to everyone alike.
    "region_logo": (lambda w: {"pk": 999999}, dict.fromkeys(ROLES, 404)),
    # The admin's translation overview: the login page for everyone but the coordinator.
    "admin_translation_status": (lambda w: {}, {**dict.fromkeys(ROLES, 302), "coordinator": 200}),
}
