"""How well an opening suits a partner: a transparent score and the reasons for it.

A pure function of plain data (no queries), so it is unit-tested on its ordering and its reasons.
The weights, added up per opening:

- `FIELD` (40): the opening is in one of the partner's professional fields;
- `OPEN_TO_PARTNERS` (25): the company has said the position is open to partners of newcomers;
- Norwegian: no level required `NO_NORWEGIAN_NEEDED` (10); the partner has the required CEFR level or
  better `NORWEGIAN_OK` (20); below it `NORWEGIAN_SHORT` (-30), still listed so the partner sees
  what to aim for;
- commute from the household's municipality by car (with a driving licence) or public transport:
  within the partner's maximum `COMMUTE_OK` (15) plus up to `COMMUTE_CLOSE` (10) the closer it is;
  beyond it `COMMUTE_TOO_FAR` (-40); unknown travel time: nothing;
- `EXTENT` (5): full or part time as the partner wants it.

Ties go to the earlier deadline, then the title.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from network.languages import CEFR_ORDER

FIELD = 40
OPEN_TO_PARTNERS = 25
NO_NORWEGIAN_NEEDED = 10
NORWEGIAN_OK = 20
NORWEGIAN_SHORT = -30
COMMUTE_OK = 15
COMMUTE_CLOSE = 10
COMMUTE_TOO_FAR = -40
EXTENT = 5


@dataclass(frozen=True)
class Seeker:
    """What the scoring needs to know about the partner."""

    field_ids: frozenset[int]
    norwegian_level: str  # "" when none
    max_commute_minutes: int
    mode: str  # "car" or "transit"
    home_name: str  # the household's municipality, for the reasons ("" when unknown)
    extent: str  # "full", "part" or "either"


@dataclass(frozen=True)
class Opening:
    pk: int
    title: str
    deadline: dt.date
    field_id: int | None
    open_to_partners: bool
    norwegian_level_required: str  # "" when none
    extent: str
    minutes: int | None  # travel from the partner's home, by their mode; None when unknown


@dataclass
class Suggestion:
    opening: Opening
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def _mode_label(mode: str) -> str:
    return _("by car") if mode == "car" else _("by public transport")


def score(seeker: Seeker, opening: Opening) -> Suggestion:
    found = Suggestion(opening=opening)
    if opening.field_id is not None and opening.field_id in seeker.field_ids:
        found.score += FIELD
        found.reasons.append(_("your field"))
    if opening.open_to_partners:
        found.score += OPEN_TO_PARTNERS
        found.reasons.append(_("open to partners"))
    required = opening.norwegian_level_required
    if not required:
        found.score += NO_NORWEGIAN_NEEDED
        found.reasons.append(_("no Norwegian required"))
    else:
        have = seeker.norwegian_level
        if have and CEFR_ORDER.get(have, 0) >= CEFR_ORDER.get(required, 0):
            found.score += NORWEGIAN_OK
            found.reasons.append(
                _("Norwegian %(required)s required, you have %(have)s") % {"required": required, "have": have}
            )
        else:
            found.score += NORWEGIAN_SHORT
            found.reasons.append(
                _("Norwegian %(required)s required, you have %(have)s")
                % {"required": required, "have": have or _("none yet")}
            )
    if opening.minutes is not None:
        values = {"minutes": opening.minutes, "mode": _mode_label(seeker.mode), "home": seeker.home_name}
        if opening.minutes <= seeker.max_commute_minutes:
            found.score += COMMUTE_OK
            if seeker.max_commute_minutes:
                found.score += round(COMMUTE_CLOSE * (1 - opening.minutes / seeker.max_commute_minutes))
            found.reasons.append(
                _("%(minutes)s min %(mode)s from %(home)s") % values
                if seeker.home_name
                else _("%(minutes)s min %(mode)s") % values
            )
        else:
            found.score += COMMUTE_TOO_FAR
            found.reasons.append(
                _("%(minutes)s min %(mode)s from %(home)s, more than you want to commute") % values
                if seeker.home_name
                else _("%(minutes)s min %(mode)s, more than you want to commute") % values
            )
    if seeker.extent in ("either", opening.extent):
        found.score += EXTENT
    return found


def rank(seeker: Seeker, openings: list[Opening]) -> list[Suggestion]:
    """The openings scored and ordered best first (ties: earlier deadline, then title)."""
    scored = [score(seeker, opening) for opening in openings]
    return sorted(scored, key=lambda s: (-s.score, s.opening.deadline, s.opening.title))
