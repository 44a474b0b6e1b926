"""The mentor scheme's pages for the authorization matrix (see tests/quality/world.py).

`world.volunteer` is an approved volunteer with an active match with `world.newcomer`:

- the about page is public; applying needs an account (anyone logged in may offer to volunteer,
  the coordinator too); the volunteer's page is theirs, others are sent to the application form;
- asking for a mentor is for households (newcomers and partners): HR, volunteers and the
  coordinator get 403;
- a match's "end" page is for its two parties only: everyone else gets 404, as if it did not exist;
- the mailed links (answer a proposal, a follow-up) need no login: the signed token is the
  permission, so every role sees the same page;
- the rest only take POST (login first where the view needs it).
"""

from mentors.models import FollowUp, Side
from mentors.services._common import link_token

from .factories import ActiveMatchFactory, MentorRequestFactory

ROLES = ("anonymous", "newcomer", "other_newcomer", "hr_a", "hr_b", "volunteer", "coordinator")
EVERYONE = dict.fromkeys(ROLES, 200)
LOGGED_IN = {**EVERYONE, "anonymous": 302}
# Without an application the volunteer's page sends one to the application form.
VOLUNTEER_ONLY = {**dict.fromkeys(ROLES, 302), "volunteer": 200}
HOUSEHOLDS = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "newcomer": 200, "other_newcomer": 200}
PARTIES = {**dict.fromkeys(ROLES, 404), "anonymous": 302, "newcomer": 200, "volunteer": 200}
POST_ONLY_LOGGED_IN = {**dict.fromkeys(ROLES, 405), "anonymous": 302}
POST_ONLY = dict.fromkeys(ROLES, 405)


def setup(world) -> None:
    request = MentorRequestFactory(user=world.newcomer, status="matched")
    world.mentor_match = ActiveMatchFactory(request=request, volunteer=world.volunteer.volunteer)
    world.mentor_follow_up = FollowUp.objects.create(match=world.mentor_match, side=Side.NEWCOMER, month=1)


def _answer_token(world) -> str:
    return link_token(
        purpose="match", pk=world.mentor_match.pk, side=Side.NEWCOMER, user_id=world.newcomer.pk
    )


def _follow_up_token(world) -> str:
    return link_token(
        purpose="follow-up", pk=world.mentor_follow_up.pk, side=Side.NEWCOMER, user_id=world.newcomer.pk
    )


URLS = {
    "mentors:about": (lambda w: {}, EVERYONE),
    "mentors:volunteer_apply": (lambda w: {}, LOGGED_IN),
    "mentors:volunteer_home": (lambda w: {}, VOLUNTEER_ONLY),
    "mentors:volunteer_status": (lambda w: {}, POST_ONLY_LOGGED_IN),
    "mentors:request_create": (lambda w: {}, HOUSEHOLDS),
    "mentors:request_withdraw": (lambda w: {"pk": w.mentor_match.request_id}, POST_ONLY_LOGGED_IN),
    "mentors:match_answer": (lambda w: {"pk": w.mentor_match.pk}, POST_ONLY_LOGGED_IN),
    "mentors:match_end": (lambda w: {"pk": w.mentor_match.pk}, PARTIES),
    "mentors:link_answer": (lambda w: {"token": _answer_token(w)}, EVERYONE),
    "mentors:follow_up": (lambda w: {"token": _follow_up_token(w)}, EVERYONE),
    # require_POST comes before the HR check: a GET is refused alike for everyone.
    "mentors:hire_suggest": (lambda w: {"pk": w.hire.pk}, POST_ONLY),
}
