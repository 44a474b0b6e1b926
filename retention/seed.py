"""Demo history for "Who stays": about 300 fictional newcomers who arrived over the last ten years in
the six municipalities, working at the member companies, with their check-in answers, the ones who
left (when and why), and a year of past activities they attended, so that every chart of the
dashboard shows a plausible picture on a fresh `make run`.

Fast: rows go in with bulk_create, and no mail is queued. Safe to run again: the history is made
once (its first person is the marker) and the surveys are only created when missing.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils import timezone

from companies.models import Company
from events.models import Category, Event, SignUp
from network.models import Municipality, User
from newcomers.models import NewcomerProfile

from .models import Answer, Choice, Departure, Invitation, Question, Response, Survey
from .selectors import months_back
from .services import MOVE_SURVEY_DAYS, years_before
from .survey_definitions import surveys_ensure

PEOPLE = 300
EMAIL = "history-{:03d}@demo.sondreviken.example"
OSLO = ZoneInfo("Europe/Oslo")
# Where they live: the towns take most newcomers.
MUNICIPALITY_WEIGHTS = {
    "fredrikstad": 34,
    "sarpsborg": 30,
    "halden": 18,
    "rakkestad": 8,
    "hvaler": 6,
    "aremark": 4,
}
CITIZENSHIPS = [
    "SE",
    "DK",
    "FI",
    "PL",
    "DE",
    "LT",
    "ES",
    "FR",
    "NL",
    "IT",
    "IN",
    "PH",
    "US",
    "BR",
    "UA",
    "SY",
    "CN",
    "ZA",
]
FIRST_NAMES = ["Ana", "Ben", "Chen", "Dara", "Emil", "Fatima", "Goran", "Hana", "Ivo", "Jana", "Kai", "Lea",
               "Milan", "Nora", "Omar", "Pia", "Rui", "Sara", "Tomas", "Una", "Viktor", "Wen", "Yusuf", "Zofia"]  # fmt: skip
# Why people left, weighted as the network hears it: the partner's work first.
REASON_WEIGHTS = {
    "partner_work": 30,
    "family": 20,
    "job": 15,
    "housing": 10,
    "climate": 10,
    "social": 8,
    "language": 5,
    "other": 2,
}
# The chance of leaving in each year since arrival (the first years are the risky ones).
YEARLY_LEAVING = [0.10, 0.09, 0.07, 0.06, 0.05, 0.04, 0.04, 0.03, 0.03, 0.03, 0.03]
ANSWER_RATE = 0.65
COMMENTS = [
    "The checklist saved us weeks with the tax office.",
    "Barnehageplass tok lang tid, ellers gikk alt fint.",
    "It took a while to find a flat near the train.",
    "The language café is the best part of the week.",
    "Min partner fant jobb gjennom nettverket.",
]
HISTORY_EVENTS = [("Nykommerkveld", "Newcomers' evening"), ("Språkkafé", "Language café"), ("Turgruppe", "Hiking group")]  # fmt: skip


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def seed(stdout=None) -> None:
    surveys_ensure(Survey, Question, Choice)
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    companies = list(Company.objects.members().order_by("slug"))
    if not municipalities or not companies or User.objects.filter(email=EMAIL.format(0)).exists():
        return
    rng = random.Random(15)  # the number: the same history on every machine
    today = timezone.localdate()
    now = timezone.now()
    slugs = [s for s in MUNICIPALITY_WEIGHTS if s in municipalities]
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            email=EMAIL.format(i),
            first_name=rng.choice(FIRST_NAMES),
            last_name="Demo",
            kind=User.Kind.NEWCOMER,
            language=rng.choice(["en", "en", "nb"]),
            password=unusable,  # these people never log in
        )
        for i in range(PEOPLE)
    )
    profiles = []
    for user in users:
        arrival = today - dt.timedelta(days=rng.randint(10, 3830))
        profiles.append(
            NewcomerProfile(
                user=user,
                citizenship=rng.choice(CITIZENSHIPS),
                arrival_date=arrival,
                municipality=municipalities[_weighted(rng, {s: MUNICIPALITY_WEIGHTS[s] for s in slugs})],
                employer=companies[min(int(rng.expovariate(0.35)), len(companies) - 1)],
                has_children=rng.random() < 0.4,
                step=NewcomerProfile.Step.DONE,
                completed_at=now,
                data_consent_at=now,
            )
        )
    NewcomerProfile.objects.bulk_create(profiles)
    left = _departures(rng, profiles, today)
    _surveys(rng, profiles, left, today)
    _attendance(rng, users, left, profiles, today)
    if stdout:
        stdout.write(f"  retention: {PEOPLE} newcomers over ten years, {len(left)} of them left")


def _departures(rng, profiles, today) -> dict[int, Departure]:
    departures = []
    for profile in profiles:
        year = 0
        day = profile.arrival_date
        while day < today:
            if rng.random() < YEARLY_LEAVING[min(year, len(YEARLY_LEAVING) - 1)]:
                left_on = min(day + dt.timedelta(days=rng.randint(30, 364)), today)
                reason = _weighted(rng, REASON_WEIGHTS) if rng.random() < 0.8 else ""
                source = rng.choice(
                    [Departure.Source.CHECK_IN, Departure.Source.HR, Departure.Source.PROFILE]
                )
                departures.append(
                    Departure(
                        profile=profile,
                        left_on=left_on,
                        reason=reason,
                        source=source,
                        recorded_at=timezone.now(),
                    )
                )
                break
            year += 1
            day = profile.arrival_date + dt.timedelta(days=round(365.25 * year))
    Departure.objects.bulk_create(departures)
    return {d.profile_id: d for d in departures}


def _surveys(rng, profiles, left, today) -> None:
    move, check_in = Survey.objects.get(slug="move"), Survey.objects.get(slug="check-in")
    questions = {
        (q.survey_id, q.key): q
        for q in Question.objects.filter(survey__in=[move, check_in]).prefetch_related("choices")
    }
    choices = {(q.survey_id, q.key): {c.key: c for c in q.choices.all()} for q in questions.values()}
    invitations, plans = [], []
    for profile in profiles:
        departure = left.get(profile.pk)
        moved_on = departure.left_on if departure else None
        arrival = profile.arrival_date
        due_move = arrival + dt.timedelta(days=MOVE_SURVEY_DAYS)
        if due_move < today and (moved_on is None or moved_on > due_move):
            invitations.append(_invitation(profile, move, 0, due_move))
            plans.append((move, 0, profile, None))
        for year in range(1, 11):
            due = (
                arrival.replace(year=arrival.year + year) if (arrival.month, arrival.day) != (2, 29) else None
            )
            due = due or (arrival + dt.timedelta(days=round(365.25 * year)))
            if due >= today or (moved_on and moved_on < years_before(due, 1)):
                break
            invitations.append(_invitation(profile, check_in, year, due))
            # The check-in after someone left is where they told us (when they answered).
            plans.append((check_in, year, profile, departure if moved_on and moved_on <= due else None))
    Invitation.objects.bulk_create(invitations)
    responses, answered = [], []
    for invitation, (survey, year, profile, departure) in zip(invitations, plans, strict=True):
        if rng.random() > ANSWER_RATE and departure is None:
            continue
        invitation.responded_at = min(
            invitation.sent_at + dt.timedelta(days=rng.randint(0, 10)), timezone.now()
        )
        responses.append(
            Response(
                survey=survey,
                invitation=invitation,
                year=year,
                arrival_year=profile.arrival_date.year,
                municipality_id=profile.municipality_id,
                company_id=profile.employer_id,
                submitted_at=invitation.responded_at,
            )
        )
        answered.append((invitation, departure))
    Invitation.objects.bulk_update([i for i, _d in answered], ["responded_at"])
    Response.objects.bulk_create(responses)
    answers, picks = [], []
    for response, (_invitation_row, departure) in zip(responses, answered, strict=True):
        for key, value in _answers(rng, response, departure).items():
            question = questions[(response.survey_id, key)]
            answer = Answer(response=response, question=question)
            if question.kind == Question.Kind.SCALE:
                answer.scale = value
            elif question.kind == Question.Kind.TEXT:
                answer.text = value
            answers.append(answer)
            picks.append(
                [choices[(response.survey_id, key)][k] for k in value] if question.has_choices else []
            )
    Answer.objects.bulk_create(answers)
    Answer.choices.through.objects.bulk_create(
        Answer.choices.through(answer_id=answer.pk, choice_id=choice.pk)
        for answer, chosen in zip(answers, picks, strict=True)
        for choice in chosen
    )


def _invitation(profile, survey, year, due) -> Invitation:
    sent_at = dt.datetime.combine(due, dt.time(10, 30), tzinfo=OSLO)
    return Invitation(profile=profile, survey=survey, year=year, sent_at=sent_at, reminded_at=None)


def _answers(rng, response, departure) -> dict:
    if response.year == 0:
        hard = ["id_number", "bank", "housing", "partner_job", "kindergarten", "language", "friends"]
        helped = ["employer", "network", "checklist", "mentor", "start_housing", "neighbours"]
        return {
            "overall": rng.choices([2, 3, 4, 5], weights=[1, 3, 5, 3])[0],
            "helped": rng.sample(helped, rng.randint(1, 3)),
            "hard": rng.sample(hard, rng.randint(1, 3)),
            **({"comment": rng.choice(COMMENTS)} if rng.random() < 0.2 else {}),
        }
    if departure is not None:
        return {
            "still_in_region": ["no"],
            **({"left_reason": [departure.reason]} if departure.reason else {}),
        }
    return {
        "still_in_region": ["yes"],
        "same_employer": [rng.choices(["yes", "no", "not_working"], weights=[7, 2, 1])[0]],
        "partner_working": [rng.choices(["yes", "no", "no_partner"], weights=[5, 2, 2])[0]],
        "stay_five_years": rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 3, 5, 4])[0],
    }


def _attendance(rng, users, left, profiles, today) -> None:
    """A year of past activities, each month, that some of the history's newcomers attended."""
    categories = list(Category.objects.order_by("pk")[:3])
    municipality = profiles[0].municipality
    if not categories:
        return
    here = [u for u, p in zip(users, profiles, strict=True) if p.pk not in left]
    signups = []
    for months_ago in range(1, 13):
        month = months_back(today, months_ago).replace(day=15)
        for i, (title_nb, title_en) in enumerate(HISTORY_EVENTS):
            starts_at = dt.datetime.combine(month + dt.timedelta(days=i * 3), dt.time(18), tzinfo=OSLO)
            if Event.objects.filter(Q(title_en=title_en) & Q(starts_at=starts_at)).exists():
                continue
            event = Event.objects.create(
                title_nb=title_nb,
                title_en=title_en,
                category=categories[i % len(categories)],
                municipality=municipality,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=2),
                venue_name="Biblioteket",
                organiser="Søndre Viken tilflytternettverk",
            )
            for user in rng.sample(here, min(len(here), rng.randint(6, 22))):
                signups.append(SignUp(event=event, user=user, attended=True))
    SignUp.objects.bulk_create(signups)
