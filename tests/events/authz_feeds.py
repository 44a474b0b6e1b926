"""The calendar feeds for the authorization matrix (see tests/quality/world.py)."""

from .factories import CalendarTokenFactory

EVERYONE = dict.fromkeys(
    ("anonymous", "newcomer", "other_newcomer", "hr_a", "hr_b", "volunteer", "coordinator"), 200
)
# The token views change state, so a GET is refused (405) after the login check (302).
POST_ONLY = {**dict.fromkeys(EVERYONE, 405), "anonymous": 302}


def setup(world) -> None:
    world.calendar_token = CalendarTokenFactory(user=world.newcomer)


URLS = {
    "events:feed": (lambda w: {}, EVERYONE),
    # The secret token is the credential (calendar apps cannot log in), so anyone holding it gets the feed.
    "events:feed_personal": (lambda w: {"token": w.calendar_token.token}, EVERYONE),
    "events:feed_token_regenerate": (lambda w: {}, POST_ONLY),
    "events:feed_token_revoke": (lambda w: {}, POST_ONLY),
}
