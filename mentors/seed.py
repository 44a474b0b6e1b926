"""Mentor scheme demo data: fifteen volunteers across the six municipalities (mentors and reserve
grandparents, mostly approved, two waiting for approval, one paused), requests from the demo
newcomers (one waiting over 30 days, reserve grandparents for two families with small children),
a proposed match and two active ones with a follow-up answered.

Safe to run again: volunteers are found by e-mail, requests by newcomer and scheme, matches by
request. Rows that exist are left as they are, so what the coordinator did in the demo (approving,
proposing, ending) is never undone, and no rule of the scheme is broken. No mail is sent.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation

from network.models import Municipality, User
from newcomers.models import Child, Interest, NewcomerProfile
from newcomers.services import profile_mentor_contact_allow

from . import selectors
from .models import FollowUp, Hope, Match, MentorRequest, Scheme, Side, Volunteer
from .scoring import volunteer_score

DOMAIN = "demo.sondreviken.example"
DEMO_VOLUNTEER_PASSWORD = "viken-demo-2026"  # noqa: S105 - the README's demo password, set only when DEBUG is on

M, G, MG = ("mentor",), ("grandparent",), ("mentor", "grandparent")
APPROVED, APPLIED, PAUSED = Volunteer.Status.APPROVED, Volunteer.Status.APPLIED, Volunteer.Status.PAUSED

# (e-mail name, first name, last name, language, roles, municipality, languages, interests, offers,
#  capacity, frequency, children's ages (from, to), police certificate: days since issued or None,
#  status, days since applied, presentation)
VOLUNTEERS = [
    ("kari.nordby", "Kari", "Nordby", "nb", M, "fredrikstad", ["nb", "en", "es"], ["outdoors", "culture"],
     ["practical", "language", "outdoors"], 2, "weekly", (0, 12), None, APPROVED, 420,
     "Pensjonert spansklærer fra Fredrikstad. Jeg går tur i Gamlebyen nesten hver dag og viser gjerne "
     "nye fredrikstadinger rundt – og hjelper med skjemaer, barnehagesøknad og hvor man får tak i ting."),
    ("terje.johansen", "Terje", "Johansen", "nb", M, "halden", ["nb", "en"], ["sports", "outdoors", "networking"],
     ["practical", "outdoors", "social"], 2, "fortnightly", (0, 12), None, APPROVED, 300,
     "Ingeniør i Halden og håndballtrener for gutter 12. Kan hjelpe med alt fra skattekort til hvor man "
     "kjøper brukte ski, og tar deg gjerne med opp på Fredriksten en søndag."),
    ("solveig.andersen", "Solveig", "Andersen", "nb", M, "hvaler", ["nb", "en", "de"], ["outdoors", "food"],
     ["outdoors", "social", "culture"], 1, "flexible", (0, 12), None, APPROVED, 200,
     "Bor på Kirkøy, ror og fisker når været tillater det. Kaffe på brygga er en god start – resten "
     "finner vi ut av. Snakker tysk etter mange år i Hamburg."),
    ("astrid.solberg", "Astrid", "Solberg", "nb", MG, "sarpsborg", ["nb", "sv", "en"], ["culture", "food", "kids"],
     ["language", "culture", "family"], 2, "fortnightly", (0, 10), 400, APPROVED, 500,
     "Vokst opp i Strömstad, har bodd i Sarpsborg i over 30 år. Synger i kor, baker mer enn jeg burde og "
     "øver gjerne norsk over en kopp kaffe – eller svensk, om det er lettere."),
    ("bjorn.kristiansen", "Bjørn", "Kristiansen", "nb", M, "halden", ["nb", "sv", "en"], ["sports", "outdoors"],
     ["outdoors", "practical"], 1, "monthly", (0, 12), None, APPROVED, 250,
     "Pendler over grensen hver dag og kjenner Halden og Strömstad som min egen bukselomme. Glad i "
     "fotball, fiske og lange turer langs Iddefjorden."),
    ("marit.haugland", "Marit", "Haugland", "nb", G, "fredrikstad", ["nb", "en", "es"], ["kids", "culture", "food"],
     ["family", "language"], 1, "weekly", (0, 10), 700, APPROVED, 380,
     "Farmor til tre i Bergen som jeg ser altfor sjelden. Jeg har god tid, stor hage og en bokhylle full "
     "av barnebøker, og snakker spansk etter mange år på Kanariøyene."),
    ("odd.arne.pedersen", "Odd Arne", "Pedersen", "nb", G, "fredrikstad", ["nb", "en"], ["outdoors", "kids"],
     ["family", "outdoors"], 1, "fortnightly", (2, 12), 4 * 365 + 20, APPROVED, 1500,
     "Pensjonert los. Bygger fuglekasser med barnebarna og tar gjerne med små og store ut i båten om sommeren."),
    ("gunn.eriksen", "Gunn", "Eriksen", "nb", G, "rakkestad", ["nb", "de", "en"], ["kids", "food"],
     ["family", "practical"], 2, "monthly", (0, 8), None, APPROVED, 60,
     "Bonde i Rakkestad med sauer, høner og plass til mange i kjøkkenet. Barn er alltid velkomne i fjøset."),
    ("per.olav.berg", "Per Olav", "Berg", "nb", MG, "sarpsborg", ["nb", "pl", "en"], ["sports", "kids"],
     ["family", "practical"], 2, "fortnightly", (3, 14), 365, APPROVED, 340,
     "Jobbet ti år på et verft i Gdańsk og snakker polsk med sterk østfolddialekt. Morfar til to, "
     "tar gjerne med barna på skøyter i Sarpsborg Arena."),
    ("liv.marie.halvorsen", "Liv Marie", "Halvorsen", "nb", G, "halden", ["nb", "en", "fr"], ["culture", "kids"],
     ["family", "culture"], 1, "weekly", (0, 6), 180, APPROVED, 220,
     "Pensjonert barnehagelærer. Leser høyt, baker boller og har et barnebarn i Lyon jeg savner – "
     "derfor fransken."),
    ("ahmed.hassan", "Ahmed", "Hassan", "nb", M, "sarpsborg", ["so", "ar", "nb", "en"],
     ["sports", "volunteering", "networking"], ["practical", "language"], 3, "weekly", (0, 12), None,
     APPROVED, 160,
     "Kom til Sarpsborg fra Somalia i 2009 og jobber som sykepleier. Jeg husker godt hvor mye det betydde "
     "at noen viste meg hvordan ting fungerer her – nå vil jeg gjøre det samme."),
    ("olena.kovalenko", "Olena", "Kovalenko", "en", M, "fredrikstad", ["uk", "pl", "nb", "en"],
     ["networking", "culture"], ["practical", "language"], 2, "fortnightly", (0, 12), None, APPROVED, 140,
     "I came from Kharkiv in 2022 and work as an accountant in Fredrikstad now. Happy to help with the "
     "paperwork I once struggled with myself – in English, Ukrainian, Polish or slow Norwegian."),
    ("espen.dahl", "Espen", "Dahl", "nb", M, "aremark", ["nb", "en", "de"], ["outdoors"],
     ["outdoors", "social"], 1, "monthly", (0, 12), None, PAUSED, 600,
     "Skogeier og kanopadler i Aremark. Tar en pause i vinter, men er tilbake til våren med kano og "
     "kaffekjele."),
    ("hilde.strand", "Hilde", "Strand", "nb", M, "rakkestad", ["nb", "en", "lt"], ["food", "kids", "volunteering"],
     ["practical", "family"], 1, "fortnightly", (0, 12), None, APPLIED, 4,
     "Jobber på NAV-kontoret i Rakkestad og er gift med en litauer, så vi snakker litauisk hjemme. "
     "Vet hvor vanskelig det kan være å finne fram i systemet."),
    ("rune.mikkelsen", "Rune", "Mikkelsen", "nb", MG, "halden", ["nb", "en", "tl"], ["sports", "food"],
     ["social", "family"], 1, "flexible", (0, 12), None, APPLIED, 2,
     "Gift med Maricel fra Filippinene – vi snakker tagalog hjemme og lager mat fra begge land. Har to "
     "voksne barn og savner småbarnsliv."),
]  # fmt: skip

# Demo newcomers of newcomers/seed.py: the interests they picked and their children's ages.
HOUSEHOLDS = {
    "maria": (["outdoors", "culture", "kids"], [3, 6]),
    "arjun": (["sports", "networking"], [2]),
    "lena": (["culture", "food"], []),
    "tom": (["outdoors"], []),
}

# (newcomer, scheme, status, days waiting, hopes, languages, message)
REQUESTS = [
    ("maria", Scheme.MENTOR, MentorRequest.Status.MATCHED, 215, ["practical", "outdoors"], ["es", "en"],
     "We have just moved to Fredrikstad with two small children and know nobody yet."),
    ("arjun", Scheme.MENTOR, MentorRequest.Status.MATCHED, 45, ["practical", "social"], ["hi", "en"], ""),
    ("tom", Scheme.MENTOR, MentorRequest.Status.PROPOSED, 12, ["outdoors", "practical"], ["en"],
     "I would love someone to show me the islands and how things work here."),
    ("lena", Scheme.MENTOR, MentorRequest.Status.OPEN, 40, ["language", "culture", "social"], ["sv", "nb"],
     "Jeg forstår norsk, men vil gjerne bli tryggere på å snakke – og bli kjent med noen her."),
    ("maria", Scheme.GRANDPARENT, MentorRequest.Status.OPEN, 8, ["family", "language"], ["es", "en"],
     "Our children's grandparents live in Valencia. Someone to bake with and read to them would mean a lot."),
    ("arjun", Scheme.GRANDPARENT, MentorRequest.Status.OPEN, 15, ["family"], ["hi", "en"],
     "Our daughter is two; her grandparents are in Pune."),
]  # fmt: skip

# (newcomer, scheme, volunteer, match status, days since proposed, days since active)
MATCHES = [
    ("maria", Scheme.MENTOR, "kari.nordby", Match.Status.ACTIVE, 205, 200),
    ("arjun", Scheme.MENTOR, "terje.johansen", Match.Status.ACTIVE, 40, 35),
    ("tom", Scheme.MENTOR, "solveig.andersen", Match.Status.PROPOSED, 2, None),
]

FOLLOW_UP_ANSWER = (
    "Kari showed us the Christmas market in Gamlebyen and helped me with the kindergarten application. "
    "The children call her 'our Kari' now."
)


def _email(name: str) -> str:
    return f"{name}@{DOMAIN}"


def _volunteer_user(email: str, first_name: str, last_name: str, language: str) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "kind": User.Kind.VOLUNTEER,
            "language": language,
        },
    )
    if created:
        # A known password only on a development machine, like the other demo logins.
        if settings.DEBUG:
            user.set_password(DEMO_VOLUNTEER_PASSWORD)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _volunteers_seed(municipalities, interests, now, today) -> dict[str, Volunteer]:
    volunteers = {}
    for index, row in enumerate(VOLUNTEERS):
        (name, first, last, language, roles, municipality, languages, interest_slugs, offers, capacity,
         frequency, (age_min, age_max), certificate_days, status, applied_days, presentation) = row  # fmt: skip
        user = _volunteer_user(_email(name), first, last, language)
        applied = now - dt.timedelta(days=applied_days)
        certificate = today - dt.timedelta(days=certificate_days) if certificate_days is not None else None
        volunteer, created = Volunteer.objects.get_or_create(
            user=user,
            defaults={
                "mentor": "mentor" in roles,
                "grandparent": "grandparent" in roles,
                "municipality": municipalities[municipality],
                "languages": sorted(languages),
                "offers": [hope for hope in Hope.values if hope in offers],
                "frequency": frequency,
                "capacity": capacity,
                "child_age_min": age_min,
                "child_age_max": age_max,
                "phone": f"+47 4{10 + index} 55 {20 + index}",
                "presentation": presentation,
                "contact_consent_at": applied,
                "status": status,
                # Approved a few days after applying (or still waiting).
                "status_changed_at": applied if status == APPLIED else applied + dt.timedelta(days=3),
                "police_certificate_date": certificate,
                "police_certificate_seen_at": (
                    timezone.make_aware(dt.datetime.combine(certificate, dt.time(10))) + dt.timedelta(days=5)
                    if certificate
                    else None
                ),
            },
        )
        if created:
            volunteer.full_clean()
            volunteer.interests.set([interests[slug] for slug in interest_slugs])
            Volunteer.objects.filter(pk=volunteer.pk).update(created_at=applied)
        volunteers[name] = volunteer
    return volunteers


def _households_seed(today) -> dict[str, User]:
    """The demo newcomers' interests and children, which the suggestions compare with the volunteers'."""
    interests = Interest.objects.in_bulk(field_name="slug")
    users = {}
    for name, (interest_slugs, ages) in HOUSEHOLDS.items():
        profile = NewcomerProfile.objects.select_related("user").filter(user__email=_email(name)).first()
        if profile is None:
            continue
        users[name] = profile.user
        profile.interests.add(*[interests[slug] for slug in interest_slugs if slug in interests])
        for age in ages:
            Child.objects.get_or_create(profile=profile, birth_year=today.year - age)
    return users


def _requests_seed(users, now) -> dict[tuple[str, str], MentorRequest]:
    requests = {}
    for name, scheme, status, days, hopes, languages, message in REQUESTS:
        user = users.get(name)
        if user is None:
            continue
        existing = MentorRequest.objects.filter(user=user, scheme=scheme).order_by("-created_at").first()
        if existing is not None:
            requests[name, scheme] = existing
            continue
        opened = now - dt.timedelta(days=days)
        request = MentorRequest(
            user=user,
            scheme=scheme,
            status=status,
            hopes=hopes,
            languages=languages,
            message=message,
            opened_at=opened,
        )
        request.full_clean()
        request.save()
        MentorRequest.objects.filter(pk=request.pk).update(created_at=opened)
        profile_mentor_contact_allow(user=user)  # asking for a mentor is agreeing to be contacted by one
        requests[name, scheme] = request
    return requests


def _matches_seed(requests, volunteers, now, today) -> list[Match]:
    matches = []
    for name, scheme, volunteer_name, status, proposed_days, active_days in MATCHES:
        request, volunteer = requests.get((name, scheme)), volunteers.get(volunteer_name)
        if request is None or volunteer is None:
            continue
        existing = request.matches.order_by("pk").first()
        if existing is not None:
            matches.append(existing)
            continue
        if Volunteer.objects.with_load().get(pk=volunteer.pk).load >= volunteer.capacity:
            continue  # the volunteer's places have been taken in the demo since
        # The reasons the coordinator saw when proposing (in Norwegian, the admin's language).
        with translation.override("nb"):
            household = selectors.household_for_request(request=request, today=today)
            volunteer.interest_list = list(volunteer.interests.all())
            scored = volunteer_score(
                household=household,
                volunteer=volunteer,
                free_places=volunteer.capacity,
                hope_labels=dict(Hope.choices),
            )
        proposed = now - dt.timedelta(days=proposed_days)
        active = now - dt.timedelta(days=active_days) if active_days is not None else None
        match = Match(
            request=request,
            volunteer=volunteer,
            status=status,
            score=scored.score,
            reasons=[str(reason) for reason in scored.reasons],
            proposed_at=proposed,
            newcomer_accepted_at=active - dt.timedelta(days=1) if active else None,
            volunteer_accepted_at=active if active else proposed + dt.timedelta(days=1),
            activated_at=active,
        )
        match.full_clean()
        match.save()
        matches.append(match)
    return matches


def _follow_ups_seed(matches, now) -> int:
    """The longest match was asked after its first month; the newcomer answered. The six-month
    question, and the first one for the newer match, are left for the daily task to send."""
    longest = next(
        (
            m
            for m in matches
            if m.status == Match.Status.ACTIVE and m.activated_at < now - dt.timedelta(days=180)
        ),
        None,
    )
    if longest is None:
        return 0
    asked = longest.activated_at + dt.timedelta(days=30)
    FollowUp.objects.get_or_create(
        match=longest,
        side=Side.NEWCOMER,
        month=1,
        defaults={
            "sent_at": asked,
            "answer": FollowUp.Answer.WELL,
            "comment": FOLLOW_UP_ANSWER,
            "answered_at": asked + dt.timedelta(days=2),
        },
    )
    FollowUp.objects.get_or_create(match=longest, side=Side.VOLUNTEER, month=1, defaults={"sent_at": asked})
    return FollowUp.objects.filter(match=longest).count()


def seed(stdout=None) -> None:
    municipalities = Municipality.objects.in_bulk(field_name="slug")
    interests = Interest.objects.in_bulk(field_name="slug")
    if not municipalities or not interests:
        return
    now, today = timezone.now(), timezone.localdate()
    volunteers = _volunteers_seed(municipalities, interests, now, today)
    users = _households_seed(today)
    requests = _requests_seed(users, now)
    matches = _matches_seed(requests, volunteers, now, today)
    follow_ups = _follow_ups_seed(matches, now)
    if stdout:
        waiting = MentorRequest.objects.filter(
            Q(user__in=users.values()), status=MentorRequest.Status.OPEN
        ).count()
        stdout.write(
            f"  mentors: {len(volunteers)} volunteers, {len(requests)} requests ({waiting} waiting for a "
            f"match), {len(matches)} matches, {follow_ups} follow-ups"
        )
        if settings.DEBUG:
            stdout.write(f"  Volunteer demo login: {_email(VOLUNTEERS[0][0])} / {DEMO_VOLUNTEER_PASSWORD}")
