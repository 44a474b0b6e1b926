"""Reads for the retention pages: the Kaplan–Meier estimate of who stays, and the coordinator's
dashboard (a constant number of queries: counts are aggregated in the database)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Category, SignUp
from newcomers.models import CountryGroup, NewcomerProfile, country_group_expression

from ..models import CHECK_IN_YEARS, SCALE_MAX, SCALE_MIN, Answer, Choice, Departure, Question, Response

DAYS_PER_YEAR = 365.25
ATTENDANCE_MONTHS = 12
TOP_COMPANIES = 15

# --- the estimator --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    time: float  # when the estimate drops (in the unit of the durations given)
    at_risk: int  # people still observed just before then
    events: int  # people who left at that time
    survival: float  # the share estimated to stay past it


def kaplan_meier(observations: Iterable[tuple[float, bool, int]]) -> list[Step]:
    """The Kaplan–Meier estimate from (duration, left, count) triples.

    A person who left counts as an event at their duration; a person still here (or not yet a year
    here) is censored: in the risk set up to their duration, then no longer known. At a time with
    both, the leavers are counted first (the usual convention). S(t) = Π (1 − d_i / n_i).
    """
    leavers: dict[float, int] = defaultdict(int)
    exits: dict[float, int] = defaultdict(int)
    total = 0
    for duration, left, count in observations:
        if count <= 0:
            continue
        total += count
        exits[duration] += count
        if left:
            leavers[duration] += count
    steps, at_risk, survival = [], total, 1.0
    for time in sorted(exits):
        if leavers[time]:
            survival *= 1 - leavers[time] / at_risk
            steps.append(Step(time=time, at_risk=at_risk, events=leavers[time], survival=survival))
        at_risk -= exits[time]
    return steps


def survival_at(steps: list[Step], time: float) -> float:
    """The estimate at `time` (1.0 before the first departure)."""
    value = 1.0
    for step in steps:
        if step.time > time:
            break
        value = step.survival
    return value


def retention_by_year(observations: list[tuple[float, bool, int]], years: int = CHECK_IN_YEARS) -> list:
    """The estimated share still here at each whole year since arrival (durations in years), None
    where nobody in the group has been followed that long yet."""
    steps = kaplan_meier(observations)
    followed = max((d for d, _left, n in observations if n > 0), default=-1)
    return [survival_at(steps, year) if year <= followed else None for year in range(years + 1)]


# --- the dashboard --------------------------------------------------------------------------------


def months_back(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass
class Chart:
    key: str
    title: str
    description: str
    headers: list[str]
    rows: list[list]  # the table (and the CSV): first cell a label, then numbers
    kind: str = "bars"  # or "curve"
    series: list = field(default_factory=list)  # the curve's lines: (label, [share or None])


@dataclass(frozen=True)
class Filters:
    municipality_id: int | None = None
    company_id: int | None = None
    arrival_year: int | None = None

    def profiles(self):
        queryset = NewcomerProfile.objects.filter(arrival_date__isnull=False)
        if self.municipality_id:
            queryset = queryset.filter(municipality_id=self.municipality_id)
        if self.company_id:
            queryset = queryset.filter(employer_id=self.company_id)
        if self.arrival_year:
            queryset = queryset.filter(arrival_date__year=self.arrival_year)
        return queryset

    def responses(self):
        queryset = Response.objects.all()
        if self.municipality_id:
            queryset = queryset.filter(municipality_id=self.municipality_id)
        if self.company_id:
            queryset = queryset.filter(company_id=self.company_id)
        if self.arrival_year:
            queryset = queryset.filter(arrival_year=self.arrival_year)
        return queryset

    @property
    def any(self) -> bool:
        return bool(self.municipality_id or self.company_id or self.arrival_year)


def _percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}"


def _retention_chart(filters: Filters, today: dt.date) -> Chart:
    # HR may have marked the hire as having left on the company's own form (companies app) rather
    # than through "left the region": either date counts, the newcomer's own first.
    rows = (
        filters.profiles()
        .values_list("arrival_date", Coalesce("departure__left_on", "user__hire__left_region_on"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    cohorts: dict[int, list] = defaultdict(list)
    everyone = []
    for arrival, left_on, count in rows:
        end = min(left_on, today) if left_on else today
        observation = (
            max((end - arrival).days, 0) / DAYS_PER_YEAR,
            left_on is not None and left_on <= today,
            count,
        )
        cohorts[arrival.year].append(observation)
        everyone.append(observation)
    series = [(_("All arrivals"), retention_by_year(everyone))]
    series += [(str(year), retention_by_year(cohorts[year])) for year in sorted(cohorts)]
    people = {label: sum(n for *_rest, n in group) for label, group in [(_("All arrivals"), everyone)]}
    people.update({str(year): sum(n for *_rest, n in cohorts[year]) for year in cohorts})
    headers = [_("Arrival year"), _("Newcomers")] + [
        _("Year %(year)s (%%)") % {"year": year} for year in range(CHECK_IN_YEARS + 1)
    ]
    return Chart(
        key="retention",
        title=_("Still in the region, by years since arrival"),
        description=_(
            "Kaplan–Meier estimate of the share of newcomers still living in the region, per arrival "
            "year. People who have not yet been here that long are counted as censored, not as "
            "stayers or leavers. The goal is ten years."
        ),
        headers=headers,
        rows=[[label, people[label], *(_percent(v) for v in values)] for label, values in series],
        kind="curve",
        series=series if everyone else [],
    )


def _counts_chart(*, key, title, description, label_header, pairs) -> Chart:
    return Chart(
        key=key,
        title=title,
        description=description,
        headers=[label_header, _("Number")],
        rows=[[label, count] for label, count in pairs],
    )


def _attendance(filters: Filters, today: dt.date) -> tuple[Chart, Chart]:
    start = months_back(today, ATTENDANCE_MONTHS - 1)
    signups = SignUp.objects.filter(
        attended=True, event__starts_at__date__gte=start, event__starts_at__date__lte=today
    )
    if filters.any:
        signups = signups.filter(user__newcomer_profile__in=filters.profiles())
    by_month = dict(
        signups.annotate(month=TruncMonth("event__starts_at"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_month = {month.date() if isinstance(month, dt.datetime) else month: n for month, n in by_month.items()}
    months, day = [], start
    while day <= today:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    by_category = dict(signups.values_list("event__category").annotate(n=Count("pk")).order_by())
    categories = Category.objects.filter(pk__in=list(by_category))
    month_chart = _counts_chart(
        key="attendance-month",
        title=_("Attendance per month"),
        description=_("People who attended the network's activities, per month, the last twelve months."),
        label_header=_("Month"),
        pairs=[(month.strftime("%Y-%m"), by_month.get(month, 0)) for month in months],
    )
    category_chart = _counts_chart(
        key="attendance-category",
        title=_("Attendance per category"),
        description=_("People who attended the network's activities, per category, the last twelve months."),
        label_header=_("Category"),
        pairs=sorted(((c.name, by_category[c.pk]) for c in categories), key=lambda p: (-p[1], p[0])),
    )
    return month_chart, category_chart


def _answer_charts(filters: Filters) -> list[Chart]:
    responses = filters.responses()
    questions = list(
        Question.objects.filter(survey__active=True)
        .select_related("survey")
        .order_by("survey__name", "position", "pk")
    )
    choice_counts = Choice.objects.filter(question__survey__active=True).annotate(
        n=Count("answers", filter=Q(answers__response__in=responses))
    )
    choices_by_question = defaultdict(list)
    for choice in choice_counts.order_by("position", "pk"):
        choices_by_question[choice.question_id].append((choice.text, choice.n))
    scale_counts = defaultdict(dict)
    text_counts = {}
    for question_id, scale, text_given, count in (
        Answer.objects.filter(response__in=responses)
        .values_list("question", "scale")
        .annotate(text_given=Count("pk", filter=~Q(text="")), n=Count("pk"))
        .order_by()
    ):
        if scale is not None:
            scale_counts[question_id][scale] = count
        text_counts[question_id] = text_counts.get(question_id, 0) + text_given
    charts = []
    for question in questions:
        if question.kind == Question.Kind.SCALE:
            pairs = [(str(v), scale_counts[question.pk].get(v, 0)) for v in range(SCALE_MIN, SCALE_MAX + 1)]
        elif question.kind == Question.Kind.TEXT:
            pairs = [(_("Written answers"), text_counts.get(question.pk, 0))]
        else:
            pairs = choices_by_question[question.pk]
        charts.append(
            _counts_chart(
                key=f"question-{question.pk}",
                title=f"{question.survey.name} – {question.text}",
                description=_("How many answered each way (anonymous counts).")
                if question.kind != Question.Kind.TEXT
                else _("How many wrote an answer; the texts are in the admin."),
                label_header=_("Answer"),
                pairs=pairs,
            )
        )
    return charts


def dashboard(*, filters: Filters, today: dt.date | None = None) -> dict:
    """Every chart of the coordinator's dashboard, each with its table; about a dozen queries."""
    today = today or timezone.localdate()
    profiles = filters.profiles()
    by_municipality = (
        profiles.values_list("municipality__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "municipality__name")
    )
    by_group = dict(
        profiles.annotate(group=country_group_expression(F("citizenship")))
        .values_list("group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_company = (
        profiles.values_list("employer__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "employer__name")[:TOP_COMPANIES]
    )
    reasons = dict(
        Departure.objects.filter(profile__in=profiles)
        .values_list("reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    month_chart, category_chart = _attendance(filters, today)
    not_given = _("Not given")
    charts = [
        _retention_chart(filters, today),
        _counts_chart(
            key="municipality",
            title=_("Newcomers per municipality"),
            description=_("Newcomers with an arrival date, by the municipality they live in."),
            label_header=_("Municipality"),
            pairs=[(name or not_given, n) for name, n in by_municipality],
        ),
        _counts_chart(
            key="country-group",
            title=_("Newcomers per country group"),
            description=_("Newcomers with an arrival date, by their citizenship."),
            label_header=_("Country group"),
            pairs=[(label, by_group.get(value, 0)) for value, label in CountryGroup.choices]
            + ([(not_given, by_group[None])] if by_group.get(None) else []),
        ),
        _counts_chart(
            key="company",
            title=_("Newcomers per company"),
            description=_("Newcomers with an arrival date, by employer (the %(n)s largest).")
            % {"n": TOP_COMPANIES},
            label_header=_("Company"),
            pairs=[(name or not_given, n) for name, n in by_company],
        ),
        _counts_chart(
            key="left-reason",
            title=_("Why people left"),
            description=_("Newcomers who moved away from the region, by the main reason they gave."),
            label_header=_("Reason"),
            pairs=[(label, reasons.get(value, 0)) for value, label in Departure.Reason.choices]
            + ([(not_given, reasons[""])] if reasons.get("") else []),
        ),
        month_chart,
        category_chart,
        *_answer_charts(filters),
    ]
    return {"charts": charts}


def dashboard_chart(*, filters: Filters, key: str) -> Chart | None:
    return next((c for c in dashboard(filters=filters)["charts"] if c.key == key), None)


def retention_chart(*, filters: Filters, today: dt.date | None = None) -> Chart:
    """The retention curve alone (one query), for pages that show only that (the yearly report)."""
    return _retention_chart(filters, today or timezone.localdate())


# --- the newcomer's page --------------------------------------------------------------------------


def departure_for_dashboard(*, user) -> dict | None:
    """The panel on the newcomer's page: "I have moved away", or when they said they left."""
    profile = NewcomerProfile.objects.filter(user=user).select_related("departure").first()
    if profile is None or profile.arrival_date is None:
        return None
    return {"departure": getattr(profile, "departure", None)}


def profile_for_user(user) -> NewcomerProfile | None:
    return NewcomerProfile.objects.filter(user=user).select_related("departure").first()


def survey_questions(*, survey) -> list[Question]:
    return list(Question.objects.filter(survey=survey).prefetch_related("choices").order_by("position", "pk"))


# --- at-risk signals and the household's case (their own modules) --------------------------------

from .households import household_case, household_for_hire, household_get  # noqa: E402, F401
from .risk import EMPLOYER_KINDS, Signal, signal_for_profile, signal_list, signals_for_profile  # noqa: E402, F401
