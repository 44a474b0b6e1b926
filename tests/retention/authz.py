"""The retention pages for the authorization matrix.

The survey link works without logging in, for whoever holds it (it is refused once answered). "I have
moved away" is the newcomer's own page; "left the region" is for HR of the hire's own company; the
dashboard and its CSV files are the coordinator's.
"""

import datetime as dt

from django.utils import timezone

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
    # The newcomer works at company A and shares with the employer; no activity for a year is a signal.
    profile = world.newcomer.newcomer_profile if hasattr(world.newcomer, "newcomer_profile") else None
    if profile is None:
        from tests.newcomers.factories import NewcomerProfileFactory

        profile = NewcomerProfileFactory(user=world.newcomer)
    profile.arrival_date = timezone.localdate() - dt.timedelta(days=400)
    profile.share_progress_with_employer = True
    profile.save()
    world.retention_profile = profile
    world.retention_case_hire = HireFactory(company=world.company_a, user=world.newcomer)


URLS = {
    "retention:survey": (
        lambda w: {"token": link_token(invitation=w.retention_invitation)},
        dict.fromkeys(ROLES, 200),
    ),
    "retention:survey_thanks": (lambda w: {}, dict.fromkeys(ROLES, 200)),
    "retention:moved_away": (lambda w: {}, NEWCOMERS),
    "retention:hire_left": (lambda w: {"pk": w.retention_hire.pk}, HR_OF_THE_HIRE),
    "retention:dashboard": (lambda w: {}, COORDINATOR),
    "retention:dashboard_csv": (lambda w: {"key": "retention"}, COORDINATOR),
    "retention:signals": (lambda w: {}, COORDINATOR),
    "retention:signal_contacted": (
        lambda w: {"pk": w.retention_profile.pk, "kind": "no_activity"},
        COORDINATOR,
    ),
    "retention:household": (lambda w: {"pk": w.retention_profile.pk}, COORDINATOR),
    "retention:hr_signals": (
        lambda w: {},
        {**dict.fromkeys(ROLES, 403), "anonymous": 302, "hr_a": 200, "hr_b": 200},
    ),
    "retention:hire_case": (lambda w: {"pk": w.retention_case_hire.pk}, HR_OF_THE_HIRE),
}
