"""How well a volunteer suits a request: a transparent score and the reasons behind it.

The coordinator sees the reasons next to each suggestion, so every point a volunteer gets comes
with the words that explain it. Weights (points):

| what                                              | points                                  |
|---------------------------------------------------|-----------------------------------------|
| lives in the same municipality                    | 30                                      |
| lives in a neighbouring municipality              | 15                                      |
| each shared language other than English/Norwegian | 20 (at most 2 counted: 40)              |
| each shared interest                              | 6 (at most 4 counted: 24)               |
| each hope the volunteer can offer                 | 8 (at most 3 counted: 24)               |
| reserve grandparents: a child in the age range    | 20                                      |
| free places beyond the first                      | 3 each (at most 9)                      |

English and Norwegian are left out of the shared languages: nearly everyone here speaks one of
them, so they would not tell volunteers apart. How long a request has waited does not change the
order of volunteers for it (it is the same for all of them); it orders the requests themselves
(`request_priority`), oldest first, and a request waiting over 30 days is marked as overdue.

Only volunteers who may be proposed at all are scored (`mentors.selectors.volunteers_eligible`):
approved, taking this scheme, with a free place, not the newcomer themselves, not proposed for this
request before, and for reserve grandparents with a valid police certificate.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from network.languages import ENGLISH, NORWEGIAN, language_name

from .models import Scheme

SAME_MUNICIPALITY = 30
NEIGHBOURING_MUNICIPALITY = 15
SHARED_LANGUAGE, SHARED_LANGUAGES_COUNTED = 20, 2
SHARED_INTEREST, SHARED_INTERESTS_COUNTED = 6, 4
OFFERED_HOPE, OFFERED_HOPES_COUNTED = 8, 3
CHILD_AGE_FITS = 20
FREE_PLACE, FREE_PLACES_COUNTED = 3, 3


@dataclass(frozen=True)
class Household:
    """What is known of the newcomer who asks: read once per request, scored against many volunteers."""

    municipality_id: int | None
    municipality_name: str
    neighbour_ids: frozenset[int]
    languages: frozenset[str]
    interests: dict[int, str]  # id -> name
    hopes: frozenset[str]
    child_ages: tuple[int, ...]
    scheme: str


@dataclass
class Suggestion:
    volunteer: object
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def reasons_text(self) -> str:
        return " · ".join(self.reasons)


def child_ages(birth_years, today: dt.date) -> tuple[int, ...]:
    """Children's ages (this year minus year of birth), under 18, youngest first."""
    return tuple(sorted(age for year in birth_years if 0 <= (age := today.year - year) < 18))


def volunteer_score(
    *, household: Household, volunteer, free_places: int, hope_labels: dict[str, str]
) -> Suggestion:
    """Score one volunteer for one household; `volunteer` carries `municipality`, `languages`,
    `offers`, `child_age_min/max` and its interests prefetched as `interest_list`."""
    suggestion = Suggestion(volunteer=volunteer)
    add = suggestion.reasons.append

    if household.municipality_id and volunteer.municipality_id == household.municipality_id:
        suggestion.score += SAME_MUNICIPALITY
        add(_("same municipality (%(name)s)") % {"name": household.municipality_name})
    elif volunteer.municipality_id in household.neighbour_ids:
        suggestion.score += NEIGHBOURING_MUNICIPALITY
        add(_("neighbouring municipality (%(name)s)") % {"name": volunteer.municipality.name})

    shared = sorted(
        (set(volunteer.languages) & household.languages) - {ENGLISH, *NORWEGIAN},
        key=lambda code: language_name(code),
    )
    if shared:
        suggestion.score += SHARED_LANGUAGE * min(len(shared), SHARED_LANGUAGES_COUNTED)
        names = [language_name(c) for c in shared]
        if get_language() == "nb":
            names = [name[:1].lower() + name[1:] for name in names]  # "begge snakker polsk"
        add(_("both speak %(languages)s") % {"languages": ", ".join(names)})

    interests = [
        name for pk, name in household.interests.items() if pk in {i.pk for i in volunteer.interest_list}
    ]
    if interests:
        suggestion.score += SHARED_INTEREST * min(len(interests), SHARED_INTERESTS_COUNTED)
        add(
            _("shared interests: %(interests)s")
            % {"interests": ", ".join(sorted(interests, key=str.casefold))}
        )

    offered = [hope for hope in hope_labels if hope in household.hopes and hope in volunteer.offers]
    if offered:
        suggestion.score += OFFERED_HOPE * min(len(offered), OFFERED_HOPES_COUNTED)
        add(_("can offer: %(hopes)s") % {"hopes": ", ".join(str(hope_labels[h]) for h in offered)})

    if household.scheme == Scheme.GRANDPARENT:
        fitting = [
            age for age in household.child_ages if volunteer.child_age_min <= age <= volunteer.child_age_max
        ]
        if fitting:
            suggestion.score += CHILD_AGE_FITS
            add(
                ngettext(
                    "a child of the age they prefer (%(ages)s)",
                    "children of the ages they prefer (%(ages)s)",
                    len(fitting),
                )
                % {"ages": ", ".join(str(age) for age in fitting)}
            )

    suggestion.score += FREE_PLACE * min(max(free_places - 1, 0), FREE_PLACES_COUNTED)
    add(ngettext("has room for %(n)s more", "has room for %(n)s more", free_places) % {"n": free_places})
    return suggestion


def rank(suggestions: list[Suggestion]) -> list[Suggestion]:
    """Best first; equal scores by who has waited longest to be matched (applied first), then name."""
    return sorted(
        suggestions,
        key=lambda s: (-s.score, s.volunteer.status_changed_at, str(s.volunteer).casefold()),
    )


def request_priority(*, opened_at: dt.datetime | None, now: dt.datetime) -> int:
    """Days a request has waited: the coordinator's list of requests is ordered by it, oldest first."""
    return (now - opened_at).days if opened_at else 0
