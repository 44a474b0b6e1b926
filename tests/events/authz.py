"""The events pages for the authorization matrix (see tests/quality/world.py)."""

from events.models import Audience

from .factories import EventFactory, SignUpFactory

EVERYONE = {
    "anonymous": 200,
    "newcomer": 200,
    "other_newcomer": 200,
    "hr_a": 200,
    "hr_b": 200,
    "volunteer": 200,
    "coordinator": 200,
}
LOGGED_IN = {**EVERYONE, "anonymous": 302}
# Only the person who holds the sign-up may open it; everyone else gets a 404, coordinators too
# (they manage sign-ups in the admin).
OWNER_ONLY = {
    "anonymous": 302,
    "newcomer": 200,
    "other_newcomer": 404,
    "hr_a": 404,
    "hr_b": 404,
    "volunteer": 404,
    "coordinator": 404,
}


def setup(world) -> None:
    world.event = EventFactory(audience=Audience.NEWCOMERS)
    world.company_event = EventFactory(audience=Audience.COMPANIES)
    world.signup = SignUpFactory(event=world.event, user=world.newcomer)


URLS = {
    "events:list": (lambda w: {}, EVERYONE),
    "events:month": (lambda w: {"year": 2030, "month": 5}, EVERYONE),
    "events:detail": (lambda w: {"pk": w.event.pk}, EVERYONE),
    "events:ics": (lambda w: {"pk": w.event.pk}, EVERYONE),
    # The sign-up page explains to those who may not take part why not, so it answers 200.
    "events:signup": (lambda w: {"pk": w.company_event.pk}, LOGGED_IN),
    "events:cancel": (lambda w: {"pk": w.signup.pk}, OWNER_ONLY),
    "events:my": (lambda w: {}, LOGGED_IN),
}
