"""The yearly report for the steering group and the funders: what the network did in a year, whom
it reached, what it cost, how it went, and who stays. Read in a constant number of queries."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from companies.models import Company
from events.models import Category, Event, EventReview, SignUp
from network.models import Municipality
from newcomers.models import NewcomerProfile
from retention import selectors as retention

FIRST_YEAR = 2000
# The years since arrival the report gives the share still in the region for.
RETENTION_YEARS = (1, 2, 5, 10)


@dataclass
class Line:
    """One row of a table: activities, people who attended and the cost, for a category or a
    municipality."""

    name: str
    activities: int = 0
    attended: int = 0
    cost_nok: int = 0


@dataclass
class YearlyReport:
    year: int
    by_category: list[Line]
    by_municipality: list[Line]
    totals: Line
    signups: int
    people_reached: int
    new_newcomers: int
    new_companies: int
    retention: list[tuple[int, str]]
    notes: list[EventReview] = field(default_factory=list)


def report_year(value, today: dt.date | None = None) -> int:
    """The year asked for, or this year for anything that is not a year the network could report on."""
    this_year = (today or timezone.localdate()).year
    try:
        year = int(value)
    except (TypeError, ValueError):
        return this_year
    return year if FIRST_YEAR <= year <= this_year else this_year


def yearly_report(*, year: int) -> YearlyReport:
    events = Event.objects.filter(starts_at__year=year).exclude(status=Event.Status.CANCELLED)
    rows = list(
        events.order_by()
        .annotate(attended_n=Count("signups", filter=Q(signups__attended=True)))
        .values("pk", "category_id", "municipality_id", "attended_erased", "attended_n", "review__cost_nok")
    )
    categories = Category.objects.in_bulk({row["category_id"] for row in rows})
    municipalities = Municipality.objects.in_bulk({row["municipality_id"] for row in rows})
    by_category: dict[int, Line] = {}
    by_municipality: dict[int | None, Line] = {}
    totals = Line(name=_("All activities"))
    for row in rows:
        attended = row["attended_n"] + row["attended_erased"]
        cost = row["review__cost_nok"] or 0
        category = categories.get(row["category_id"])
        municipality = municipalities.get(row["municipality_id"])
        for table, key, name in (
            (by_category, row["category_id"], str(category) if category else _("No category")),
            (
                by_municipality,
                row["municipality_id"],
                str(municipality) if municipality else _("The whole region"),
            ),
        ):
            line = table.setdefault(key, Line(name=name))
            line.activities += 1
            line.attended += attended
            line.cost_nok += cost
        totals.activities += 1
        totals.attended += attended
        totals.cost_nok += cost
    confirmed = SignUp.objects.filter(event__in=events, status=SignUp.Status.CONFIRMED)
    reached = confirmed.aggregate(signups=Count("pk"), people=Count("user", distinct=True))
    return YearlyReport(
        year=year,
        by_category=sorted(by_category.values(), key=lambda line: (-line.activities, line.name)),
        by_municipality=sorted(by_municipality.values(), key=lambda line: (-line.activities, line.name)),
        totals=totals,
        signups=reached["signups"],
        people_reached=reached["people"],
        new_newcomers=NewcomerProfile.objects.filter(arrival_date__year=year).count(),
        new_companies=Company.objects.filter(member_since__year=year).count(),
        retention=_retention(),
        notes=list(
            EventReview.objects.filter(event__in=events)
            .exclude(note="", partners="")
            .select_related("event")
            .order_by("event__starts_at", "pk")
        ),
    )


def _retention() -> list[tuple[int, str]]:
    """The share of all newcomers still in the region after 1, 2, 5 and 10 years (the Kaplan–Meier
    estimate of the retention dashboard), where anyone has been here that long."""
    chart = retention.retention_chart(filters=retention.Filters())
    if not chart.rows:
        return []
    everyone = chart.rows[0][2:]  # label, people, then year 0, 1, 2 …
    return [(year, everyone[year]) for year in RETENTION_YEARS if year < len(everyone) and everyone[year]]


def reach_figures(report: YearlyReport) -> list[tuple[str, int]]:
    return [
        (_("Confirmed sign-ups"), report.signups),
        (_("Different people who signed up"), report.people_reached),
        (_("Newcomers who arrived"), report.new_newcomers),
        (_("Companies that became members"), report.new_companies),
    ]


def after_years(years: int) -> str:
    return ngettext("after %(years)s year", "after %(years)s years", years) % {"years": years}


def report_rows(report: YearlyReport) -> list[list]:
    """The report as one table (section, name, activities, attended, cost), for the CSV."""
    rows: list[list] = [[_("Section"), _("Name"), _("Activities"), _("Attended"), _("Cost (NOK)")]]
    for section, lines in (
        (_("Per category"), report.by_category),
        (_("Per municipality"), report.by_municipality),
    ):
        rows += [[section, line.name, line.activities, line.attended, line.cost_nok] for line in lines]
    rows.append(
        [
            _("Total"),
            report.totals.name,
            report.totals.activities,
            report.totals.attended,
            report.totals.cost_nok,
        ]
    )
    rows += [[_("Reach"), name, value, "", ""] for name, value in reach_figures(report)]
    rows += [
        [_("Still in the region (%)"), after_years(years), value, "", ""] for years, value in report.retention
    ]
    rows += [
        [_("After-action notes"), str(review.event), review.note, review.partners, review.cost_nok or ""]
        for review in report.notes
    ]
    return rows
