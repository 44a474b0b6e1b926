"""The retention pages for the authorization matrix.

The survey link works without logging in, for whoever holds it (it is refused once answered). "I have
moved away" is the newcomer's own page; "left the region" is for HR of the hire's own company; the
dashboard and its CSV files are the coordinator's.
"""

from retention.services import link_token

ROLES = ("anonymous", "newcomer", "other_newcomer", "hr_a", "hr_b", "volunteer", "coordinator")
NEWCOMERS = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "newcomer": 200, "other_newcomer": 404}
HR_OF_THE_HIRE = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "hr_a": 200, "hr_b": 404}
COORDINATOR = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "coordinator": 200}


def setup(world) -> None:
    from tests.companies.factories import HireFactory

    from .factories import InvitationFactory

    world.retention_invitation = InvitationFactory()
    world.retention_hire = HireFactory(company=world.company_a)


URLS = {
    "retention:survey": (
        lambda w: {"token": link_token(invitation=w.retention_invitation)},
        dict.fromkeys(ROLES, 200),
    ),
    "retention:moved_away": (lambda w: {}, NEWCOMERS),
    "retention:hire_left": (lambda w: {"pk": w.retention_hire.pk}, HR_OF_THE_HIRE),
    "retention:dashboard": (lambda w: {}, COORDINATOR),
    "retention:dashboard_csv": (lambda w: {"key": "retention"}, COORDINATOR),
}
