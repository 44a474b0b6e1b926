"""Demo activities for Søndre Viken: categories and a year of one-off events.

Idempotent: categories are keyed on slug, events on (English title, start), sign-ups on
(event, user). Dates are laid out from the first day of the current month, so running the
seed again in the same month changes nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.utils import timezone

from network.models import Municipality, User

from .models import Audience, Category, Event, SignUp
from .seed_series import seed_series

OSLO = ZoneInfo("Europe/Oslo")

CATEGORIES = [
    ("get-to-know-your-city", "Bli kjent i egen by", "Get to know your city", "#1f6f8b", "🚶"),
    ("social", "Sosialt", "Social", "#c2571a", "☕"),
    ("sports", "Idrett og trim", "Sports", "#2e7d32", "⚽"),
    ("culture", "Kultur", "Culture", "#6a1b9a", "🎭"),
    ("welcome-to-norway", "Velkommen til Norge", "Welcome to Norway", "#b71c1c", "🇳🇴"),
    ("norwegian-course", "Norskkurs", "Norwegian course", "#0d47a1", "📖"),
    ("family", "Familie", "Family", "#ad1457", "👪"),
    ("company-network-meeting", "Bedriftsnettverksmøte", "Company network meeting", "#37474f", "🏢"),
    ("working-group", "Arbeidsgruppe", "Working group", "#546e7a", "🛠"),
]

# (category, audience, language, municipality, venue, address, title nb/en, summary nb/en,
#  hour, duration h, price, capacity, childcare, every n weeks, first week offset)
TEMPLATES = [
    dict(
        category="get-to-know-your-city",
        audience=Audience.EVERYONE,
        language="en",
        municipality="fredrikstad",
        venue="Gamlebyen, Voldporten",
        address="Voldportgaten 73, 1632 Fredrikstad",
        title=("Byvandring i Gamlebyen", "City walk: the fortress town Gamlebyen"),
        summary=(
            "En guidet tur gjennom Nord-Europas best bevarte festningsby.",
            "A guided walk through the best-preserved fortress town in Northern Europe.",
        ),
        hour=12,
        hours=2,
        price=0,
        capacity=25,
        childcare=False,
        every=8,
        offset=0,
    ),
    dict(
        category="get-to-know-your-city",
        audience=Audience.EVERYONE,
        language="en",
        municipality="halden",
        venue="Fredriksten festning",
        address="Fredriksten festning, 1767 Halden",
        title=("Bli kjent i Halden: Fredriksten festning", "Get to know Halden: Fredriksten fortress"),
        summary=(
            "Historien om grensebyen, fortalt fra festningsmurene.",
            "The story of the border town, told from the fortress walls.",
        ),
        hour=11,
        hours=3,
        price=0,
        capacity=30,
        childcare=False,
        every=8,
        offset=3,
    ),
    dict(
        category="get-to-know-your-city",
        audience=Audience.EVERYONE,
        language="both",
        municipality="sarpsborg",
        venue="Sarpsfossen",
        address="Glengshølen, 1706 Sarpsborg",
        title=(
            "Sarpsborg rundt: fra Sarpsfossen til Borgarsyssel",
            "Around Sarpsborg: from the waterfall to the museum",
        ),
        summary=(
            "Vi går langs Glomma og ser byens industrihistorie.",
            "We walk along the Glomma river and see the town's industrial history.",
        ),
        hour=12,
        hours=2,
        price=0,
        capacity=25,
        childcare=False,
        every=8,
        offset=6,
    ),
    dict(
        category="social",
        audience=Audience.EVERYONE,
        language="both",
        municipality="fredrikstad",
        venue="Litteraturhuset",
        address="Nygaardsgata 9, 1607 Fredrikstad",
        title=("Språkkafé og after work", "Language café and after-work"),
        summary=(
            "Øv norsk eller engelsk over en kopp kaffe og bli kjent med folk.",
            "Practise Norwegian or English over a coffee and meet people.",
        ),
        hour=17,
        hours=2,
        price=0,
        capacity=None,
        childcare=False,
        every=2,
        offset=1,
    ),
    dict(
        category="social",
        audience=Audience.NEWCOMERS,
        language="en",
        municipality="sarpsborg",
        venue="Kulturhuset Sarpsborg scene",
        address="Kirkegata 9, 1706 Sarpsborg",
        title=("Nykommerlunsj", "Newcomers' lunch"),
        summary=(
            "Uformell lunsj for deg som er ny i regionen.",
            "An informal lunch for those who are new in the region.",
        ),
        hour=11,
        hours=2,
        price=100,
        capacity=12,
        childcare=False,
        every=4,
        offset=2,
    ),
    dict(
        category="sports",
        audience=Audience.EVERYONE,
        language="both",
        municipality="fredrikstad",
        venue="Kongsten",
        address="Kongstenveien, 1605 Fredrikstad",
        title=("Løpegruppe på Kongsten", "Running group at Kongsten"),
        summary=("Rolig joggetur i skogen, alle nivåer.", "An easy run in the woods, every level welcome."),
        hour=18,
        hours=1,
        price=0,
        capacity=None,
        childcare=False,
        every=2,
        offset=0,
    ),
    dict(
        category="sports",
        audience=Audience.EVERYONE,
        language="en",
        municipality="rakkestad",
        venue="Rakkestad idrettspark",
        address="Idrettsveien 4, 1890 Rakkestad",
        title=("Prøv langrenn", "Try cross-country skiing"),
        summary=(
            "Vi låner ut utstyr og viser deg de første skrittene.",
            "We lend you the equipment and show you the first steps.",
        ),
        hour=11,
        hours=3,
        price=150,
        capacity=10,
        childcare=False,
        every=12,
        offset=9,
    ),
    dict(
        category="culture",
        audience=Audience.EVERYONE,
        language="nb",
        municipality="halden",
        venue="Brygga kultursal",
        address="Torget 2, 1767 Halden",
        title=("Konsert: kystens viser", "Concert: songs of the coast"),
        summary=(
            "Norske viser med en introduksjon på engelsk.",
            "Norwegian folk songs with an introduction in English.",
        ),
        hour=19,
        hours=2,
        price=200,
        capacity=8,
        childcare=False,
        every=10,
        offset=4,
    ),
    dict(
        category="welcome-to-norway",
        audience=Audience.NEWCOMERS,
        language="en",
        municipality="sarpsborg",
        venue="Sarpsborg rådhus",
        address="Tuneveien 2, 1710 Sarpsborg",
        title=(
            "Velkommen til Norge: arbeids- og oppholdstillatelse",
            "Welcome to Norway: work and residence permits",
        ),
        summary=(
            "UDI-regler, politiets køer og hva du må huske på – spør oss om alt.",
            "UDI rules, police appointments and what to remember – ask us anything.",
        ),
        hour=17,
        hours=2,
        price=0,
        capacity=30,
        childcare=True,
        every=12,
        offset=1,
    ),
    dict(
        category="welcome-to-norway",
        audience=Audience.NEWCOMERS,
        language="en",
        municipality="fredrikstad",
        venue="Fredrikstad bibliotek",
        address="Kirkegata 2, 1607 Fredrikstad",
        title=(
            "Velkommen til Norge: skattekort, D-nummer og papirarbeid",
            "Welcome to Norway: tax card, D-number and the paperwork",
        ),
        summary=("Vi går gjennom skjemaene sammen.", "We go through the forms together."),
        hour=17,
        hours=2,
        price=0,
        capacity=6,
        childcare=True,
        every=12,
        offset=5,
    ),
    dict(
        category="welcome-to-norway",
        audience=Audience.NEWCOMERS,
        language="en",
        municipality="halden",
        venue="Remmen campus",
        address="BRA-veien 4, 1757 Halden",
        title=("Velkommen til Norge: arbeidslivet", "Welcome to Norway: working life"),
        summary=(
            "Arbeidsmiljøloven, ferie, sykefravær og norsk møtekultur.",
            "Working-environment law, holidays, sick leave and Norwegian meeting culture.",
        ),
        hour=17,
        hours=2,
        price=0,
        capacity=30,
        childcare=True,
        every=12,
        offset=9,
    ),
    dict(
        category="norwegian-course",
        audience=Audience.NEWCOMERS,
        language="nb",
        municipality="fredrikstad",
        venue="Voksenopplæringen",
        address="St. Croix-gata 2, 1606 Fredrikstad",
        title=("Norsk etter jobb: oppstartskveld (A1)", "Norwegian after work: start-up evening (A1)"),
        summary=(
            "Første kveld på et nytt kurs – med barnepass.",
            "The first evening of a new course – with childcare.",
        ),
        hour=18,
        hours=2,
        price=500,
        capacity=16,
        childcare=True,
        every=8,
        offset=2,
    ),
    dict(
        category="family",
        audience=Audience.FAMILIES,
        language="both",
        municipality="hvaler",
        venue="Ytre Hvaler nasjonalparksenter",
        address="Storesand, 1684 Vesterøy",
        title=("Familiedag i nasjonalparken", "Family day in the national park"),
        summary=(
            "Krabbefiske, grilling og en rolig tur for store og små.",
            "Crab fishing, a barbecue and an easy walk for young and old.",
        ),
        hour=11,
        hours=4,
        price=50,
        capacity=40,
        childcare=False,
        every=10,
        offset=7,
    ),
    dict(
        category="family",
        audience=Audience.FAMILIES,
        language="both",
        municipality="aremark",
        venue="Aremark naturbase",
        address="Fosby, 1798 Aremark",
        title=("Kanotur på Haldenvassdraget", "Canoe trip on the Halden watercourse"),
        summary=(
            "Padling i rolig vann – vester og kanoer lånes ut.",
            "Paddling on calm water – life jackets and canoes provided.",
        ),
        hour=10,
        hours=5,
        price=100,
        capacity=12,
        childcare=False,
        every=16,
        offset=11,
    ),
    dict(
        category="company-network-meeting",
        audience=Audience.COMPANIES,
        language="en",
        municipality="sarpsborg",
        venue="Borregaard, hovedkontoret",
        address="Hjalmar Wessels vei 6, 1721 Sarpsborg",
        title=("Bedriftsnettverksmøte", "Company network meeting"),
        summary=(
            "Kvartalsmøte for HR i medlemsbedriftene: rekruttering, mottak og erfaringer.",
            "The quarterly meeting of member companies' HR: recruiting, onboarding, experience.",
        ),
        hour=9,
        hours=3,
        price=0,
        capacity=40,
        childcare=False,
        every=13,
        offset=3,
    ),
    dict(
        category="working-group",
        audience=Audience.COMPANIES,
        language="nb",
        municipality="fredrikstad",
        venue="Fredrikstad næringsforening",
        address="Nygaardsgata 16, 1606 Fredrikstad",
        title=("Arbeidsgruppe: partnerens jobbsøk", "Working group: partners' job search"),
        summary=("Hvordan hjelper vi partnere inn i arbeidslivet?", "How do we help partners find work?"),
        hour=13,
        hours=2,
        price=0,
        capacity=12,
        childcare=False,
        every=6,
        offset=4,
    ),
]

DEMO_PARTICIPANTS = 14
WEEKS_BEFORE, WEEKS_AFTER = 8, 44


def _category_seed() -> dict[str, Category]:
    categories = {}
    for position, (slug, name_nb, name_en, colour, icon) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name_nb": name_nb,
                "name_en": name_en,
                "colour": colour,
                "icon": icon,
                "position": position,
            },
        )
    return categories


def _participants() -> list[User]:
    users = []
    for n in range(1, DEMO_PARTICIPANTS + 1):
        email = f"newcomer{n:02d}@demo.sondreviken.example"
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": f"Demo{n:02d}",
                "last_name": "Newcomer",
                "kind": User.Kind.PARTNER if n % 5 == 0 else User.Kind.NEWCOMER,
                "language": "nb" if n % 3 == 0 else "en",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users.append(user)
    return users


def _signups_seed(event: Event, users: list[User], now: dt.datetime) -> None:
    """Fill small events: the first `capacity` people confirmed, the rest waiting in order."""
    if event.capacity is None or event.capacity > len(users) or event.audience == Audience.COMPANIES:
        return
    for index, user in enumerate(users[: event.capacity + 3]):
        confirmed = index < event.capacity
        SignUp.objects.get_or_create(
            event=event,
            user=user,
            defaults={
                "status": SignUp.Status.CONFIRMED if confirmed else SignUp.Status.WAITING,
                "waitlist_position": None if confirmed else index - event.capacity + 1,
                "price_nok": event.price_nok,
                "paid": confirmed and event.ends_at < now,
                "attended": True if confirmed and event.ends_at < now else None,
            },
        )


def seed(stdout=None) -> None:
    categories = _category_seed()
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    users = _participants()
    now = timezone.now()
    anchor = timezone.localdate().replace(day=1)
    events = 0
    for template in TEMPLATES:
        municipality = municipalities.get(template["municipality"])
        if municipality is None:
            continue
        for week in range(-WEEKS_BEFORE + template["offset"], WEEKS_AFTER, template["every"]):
            day = anchor + dt.timedelta(weeks=week)
            # Weekday courses and meetings, weekend walks and family days.
            if template["hour"] >= 17 or template["audience"] == Audience.COMPANIES:
                day += dt.timedelta(days=(1 - day.weekday()) % 7)  # Tuesday
            else:
                day += dt.timedelta(days=(5 - day.weekday()) % 7)  # Saturday
            starts_at = dt.datetime.combine(day, dt.time(template["hour"]), tzinfo=OSLO)
            event, _ = Event.objects.update_or_create(
                title_en=template["title"][1],
                starts_at=starts_at,
                defaults={
                    "title_nb": template["title"][0],
                    "summary_nb": template["summary"][0],
                    "summary_en": template["summary"][1],
                    "description_nb": f"Vi møtes ved {template['venue']}. Arrangementet er for nye og gamle "
                    "innbyggere, og det er lov å komme alene. Påmelding er bindende etter fristen.",
                    "description_en": f"We meet at {template['venue']}. Newcomers and long-time residents "
                    "are equally welcome, and coming on your own is fine. Sign-up is binding after the deadline.",
                    "what_to_bring_nb": "Godt humør og klær etter været.",
                    "what_to_bring_en": "Good spirits and clothes for the weather.",
                    "category": categories[template["category"]],
                    "audience": template["audience"],
                    "municipality": municipality,
                    "venue_name": template["venue"],
                    "address": template["address"],
                    "organiser_nb": "Søndre Viken tilflytternettverk",
                    "organiser_en": "Søndre Viken expat network",
                    "language": template["language"],
                    "ends_at": starts_at + dt.timedelta(hours=template["hours"]),
                    "price_nok": template["price"],
                    "capacity": template["capacity"],
                    "childcare_offered": template["childcare"],
                    "childcare_capacity": 10 if template["childcare"] else None,
                    "registration_closes_at": starts_at - dt.timedelta(hours=24),
                },
            )
            _signups_seed(event, users, now)
            events += 1
    if stdout:
        stdout.write(
            f"  events: {len(categories)} categories, {events} activities, {len(users)} demo participants"
        )
    _working_group_meetings_link()
    seed_series(stdout)


def _working_group_meetings_link() -> None:
    """The demo working-group meetings belong to the spouse-careers group of the company network."""
    from companies.models import WorkingGroup

    group = WorkingGroup.objects.filter(slug="spouse-careers").first()
    if group is not None:
        group.meetings.add(*Event.objects.filter(title_en="Working group: partners' job search"))
