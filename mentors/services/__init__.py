"""The mentor scheme's changes of state, one module per sub-domain (callers use `mentors.services.<name>`).

The scoring of volunteers for a request lives in `mentors/scoring.py` (a pure function with its
weights documented there) and is re-exported here as `volunteer_score`.
"""

from ..scoring import rank, volunteer_score
from ._common import LinkError, MentorError
from .follow_ups import follow_up_answer, follow_up_link_read, follow_ups_mark_handled, follow_ups_send_due
from .matching import (
    match_end,
    match_end_as,
    match_link_read,
    match_propose,
    match_respond,
    match_respond_as,
    match_respond_by_link,
    side_of,
    suggestions_for_request,
)
from .requests import request_create, request_suggest_for_hire, request_withdraw
from .volunteers import (
    volunteer_apply,
    volunteer_certificate_record,
    volunteer_decide,
    volunteer_pause,
    volunteer_resume,
    volunteer_withdraw,
    volunteers_audience,
    volunteers_message,
)

__all__ = [
    "LinkError",
    "MentorError",
    "follow_up_answer",
    "follow_up_link_read",
    "follow_ups_mark_handled",
    "follow_ups_send_due",
    "match_end",
    "match_end_as",
    "match_link_read",
    "match_propose",
    "match_respond",
    "match_respond_as",
    "match_respond_by_link",
    "rank",
    "request_create",
    "request_suggest_for_hire",
    "request_withdraw",
    "side_of",
    "suggestions_for_request",
    "volunteer_apply",
    "volunteer_certificate_record",
    "volunteer_decide",
    "volunteer_pause",
    "volunteer_resume",
    "volunteer_score",
    "volunteer_withdraw",
    "volunteers_audience",
    "volunteers_message",
]
