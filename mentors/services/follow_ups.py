"""After 1 and 6 months both sides of an active match are asked how it goes (once each); an answer
that says "not well" is sent on to the coordinator."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.access import require, roles_of
from network.models import User

from .. import selectors
from ..models import FollowUp, Side
from ._common import LinkError, MentorError, link_read, link_url, mail_to, mail_to_coordinator, site_url
from .volunteers import NOT_COORDINATOR

LINK_PURPOSE = "follow-up"
LINK_DAYS = 60


def follow_ups_send_due(*, now: dt.datetime | None = None) -> int:
    """Ask both sides of every match that has run 1 (or 6) months. Each question is asked once: the
    unique (match, side, month) row is the record, so a second run, or a retried task, asks nothing."""
    now = now or timezone.now()
    sent = 0
    for month in FollowUp.MONTHS:
        for match in selectors.matches_due_for_follow_up(now=now, month=month):
            for side, user in (
                (Side.NEWCOMER, match.request.user),
                (Side.VOLUNTEER, match.volunteer.user if match.volunteer_id else None),
            ):
                if user is None or not user.is_active:
                    continue
                sent += _ask(match=match, side=side, user=user, month=month)
    return sent


@transaction.atomic
def _ask(*, match, side: str, user: User, month: int) -> int:
    try:
        with transaction.atomic():
            follow_up = FollowUp.objects.create(match=match, side=side, month=month)
    except IntegrityError:
        return 0  # asked before
    url = link_url(
        name="mentors:follow_up",
        purpose=LINK_PURPOSE,
        pk=follow_up.pk,
        side=side,
        user=user,
        language=user.language,
    )
    mail_to(
        key=f"mentors:follow-up:{follow_up.pk}",
        user=user,
        template="follow_up",
        context={"follow_up": follow_up, "match": match, "side": side, "url": url, "days": LINK_DAYS},
    )
    return 1


def follow_up_link_read(*, token: str) -> FollowUp:
    data = link_read(token=token, purpose=LINK_PURPOSE, days=LINK_DAYS)
    follow_up = selectors.follow_up_get(pk=data["id"])
    if follow_up is None:
        raise LinkError(_("This question no longer exists."))
    match = follow_up.match
    expected = (
        match.request.user_id
        if follow_up.side == Side.NEWCOMER
        else (match.volunteer.user_id if match.volunteer_id else None)
    )
    if data["s"] != follow_up.side or data["u"] != expected:
        raise LinkError(_("This link is not valid. Check that you copied all of it."))
    return follow_up


@transaction.atomic
def follow_up_answer(*, token: str, answer: str, comment: str = "") -> FollowUp:
    """Answer a follow-up from its mailed link, once."""
    follow_up = follow_up_link_read(token=token)
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.answered_at:
        raise MentorError(_("You have already answered this question. Thank you!"))
    if answer not in FollowUp.Answer.values:
        raise MentorError(_("Choose one of the answers."))
    follow_up.answer, follow_up.comment, follow_up.answered_at = answer, comment.strip(), timezone.now()
    follow_up.full_clean()
    follow_up.save(update_fields=["answer", "comment", "answered_at"])
    if follow_up.flagged:
        mail_to_coordinator(
            key=f"mentors:flagged:{follow_up.pk}",
            template_prefix="mentors/mail/follow_up_flagged",
            context={
                "follow_up": follow_up,
                "match": follow_up.match,
                "admin_url": site_url("admin:mentors_followup_change", language="nb", args=[follow_up.pk]),
            },
        )
    return follow_up


@transaction.atomic
def follow_ups_mark_handled(*, follow_up_ids: list[int], by: User) -> int:
    require(roles_of(by).coordinator, NOT_COORDINATOR)
    return FollowUp.objects.filter(pk__in=follow_up_ids, handled_at__isnull=True).update(
        handled_at=timezone.now()
    )
