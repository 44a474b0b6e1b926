"""Demo activities for Søndre Viken: categories and a plausible year of one-off events.

Each template says in which months it happens, as a reader in Norway expects: skiing and sledging
in winter, canoeing, kayaking, swimming and outdoor cinema in summer, courses, welcome sessions and
company meetings outside the summer holiday (fellesferie in July), Christmas things in December,
and nothing in the Christmas holidays. Its texts fit its audience: meetings for member companies
carry an agenda for their HR staff, activities for newcomers and families a welcome, and only
what happens outdoors says what to bring.

Idempotent: categories are keyed on slug, events on (English title, start), sign-ups on
(event, user). Dates are laid out from the first day of the current month, so running the
seed again in the same month changes nothing; demo activities still to come that the plan no
longer has (an earlier demo's, or another month's layout) are removed unless a real person
signed up for them.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.utils import timezone

from network.models import Municipality, User

from .models import Audience, Category, Event, EventMessage, EventMessageRecipient, EventReview, SignUp
from .seed_series import seed_series
from .services import calendar_changed

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

ORGANISER = ("Søndre Viken tilflytternettverk", "Søndre Viken expat network")

# Months of the year (1 = January).
ALL_YEAR = tuple(range(1, 13))
# Courses, welcome sessions and meetings pause in July, the common summer holiday (fellesferie).
NOT_JULY = (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)
SNOW = (1, 2, 3)
OPEN_WATER = (5, 6, 7, 8, 9)
SUMMER = (6, 7, 8)
DECEMBER = (12,)


def in_christmas_holidays(day: dt.date) -> bool:
    """From the 20th of December to the 3rd of January the demo calendar rests, as Norway does (the
    demo series take the same break)."""
    return (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 3)


# Tags: "outdoor" (says what to bring), "snow" (winter only), "water" (open water, summer only),
# "christmas" (December only).
#
# Each template: category, audience, language, municipality, venue, address, title (nb, en),
# summary (nb, en), hour, hours, price, capacity, childcare, every n weeks from the first week
# shown (offset), the months it happens in, optionally the weekday (0 = Monday; otherwise
# evenings and company meetings are on Tuesdays, the rest on Saturdays), a description (nb, en)
# (otherwise the welcome of its audience), what to bring (nb, en) for outdoor activities, and tags.
TEMPLATES = [
    # --- Get to know your city ---------------------------------------------------------------
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
        every=3,
        offset=0,
        months=ALL_YEAR,
        bring=(
            "Sko som tåler brostein, og klær etter været.",
            "Shoes for the cobblestones, and clothes for the weather.",
        ),
        tags={"outdoor"},
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
        every=4,
        offset=2,
        months=(4, 5, 6, 7, 8, 9, 10),
        bring=(
            "Gode sko – det er bratt opp til festningen – og klær etter været.",
            "Good shoes – it is a steep walk up to the fortress – and clothes for the weather.",
        ),
        tags={"outdoor"},
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
        offset=5,
        months=(3, 4, 5, 6, 8, 9, 10, 11),
        bring=("Gode sko og klær etter været.", "Good shoes and clothes for the weather."),
        tags={"outdoor"},
    ),
    dict(
        category="get-to-know-your-city",
        audience=Audience.EVERYONE,
        language="en",
        municipality="sarpsborg",
        venue="Borgarsyssel museum",
        address="Gamlebyen 8, 1712 Sarpsborg",
        title=("Bli kjent i Sarpsborg: Borgarsyssel museum", "Get to know Sarpsborg: Borgarsyssel museum"),
        summary=(
            "Fra Olav den helliges by til industribyen, en omvisning innendørs.",
            "From Saint Olav's town to the industrial town, a guided tour indoors.",
        ),
        hour=12,
        hours=2,
        price=0,
        capacity=25,
        childcare=False,
        every=2,
        offset=0,
        months=(1, 2),
    ),
    dict(
        category="get-to-know-your-city",
        audience=Audience.EVERYONE,
        language="both",
        municipality="fredrikstad",
        venue="Torvet",
        address="Torvet, 1607 Fredrikstad",
        title=(
            "Julebyen Fredrikstad: byvandring i julelys",
            "Fredrikstad at Christmas: a walk by the lights",
        ),
        summary=(
            "Julemarked, julelys og historier fra byen i adventstiden.",
            "The Christmas market, the lights and the town's stories in Advent.",
        ),
        hour=16,
        hours=2,
        price=0,
        capacity=30,
        childcare=False,
        every=1,
        offset=0,
        months=DECEMBER,
        weekday=5,
        bring=(
            "Varme klær og gode sko – og gjerne en kopp til gløgg.",
            "Warm clothes and good shoes – and a cup for the mulled wine, if you like.",
        ),
        tags={"outdoor", "christmas"},
    ),
    # --- Social ------------------------------------------------------------------------------
    dict(
        category="social",
        audience=Audience.EVERYONE,
        language="nb-a2",
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
        months=NOT_JULY,
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
        months=NOT_JULY,
    ),
    dict(
        category="social",
        audience=Audience.EVERYONE,
        language="both",
        municipality="fredrikstad",
        venue="Isegran",
        address="Isegran, 1605 Fredrikstad",
        title=("Sommergrilling på Isegran", "Summer barbecue at Isegran"),
        summary=(
            "Grill, prat og lyse kvelder ved elva – ta med naboen.",
            "A barbecue, a chat and long light evenings by the river – bring your neighbour.",
        ),
        hour=17,
        hours=3,
        price=0,
        capacity=None,
        childcare=False,
        every=2,
        offset=0,
        months=SUMMER,
        weekday=3,
        bring=(
            "Noe å legge på grillen og klær etter været. Griller, drikke og kaffe har vi.",
            "Something to put on the barbecue and clothes for the weather. We bring the barbecues, "
            "drinks and coffee.",
        ),
        tags={"outdoor"},
    ),
    dict(
        category="social",
        audience=Audience.NEWCOMERS,
        language="both",
        municipality="sarpsborg",
        venue="Kulturhuset Sarpsborg scene",
        address="Kirkegata 9, 1706 Sarpsborg",
        title=("Julegrøt for tilflyttere", "Christmas porridge for newcomers"),
        summary=(
            "Risgrøt, mandel og norske juletradisjoner forklart.",
            "Rice porridge, the hidden almond and Norwegian Christmas traditions explained.",
        ),
        hour=12,
        hours=2,
        price=0,
        capacity=40,
        childcare=False,
        every=2,
        offset=0,
        months=DECEMBER,
        description=(
            "Vi møtes på Kulturhuset Sarpsborg scene og spiser julegrøt sammen. Vi forteller om "
            "norske juletradisjoner: nissen, julebordet, mandelen i grøten og hva som er åpent i "
            "romjula. For deg som er ny i regionen og partneren din; barna er også velkomne.",
            "We meet at Kulturhuset Sarpsborg scene and eat Christmas rice porridge together, and "
            "explain Norwegian Christmas traditions: the nisse, the Christmas party at work, the "
            "almond in the porridge and what is open between Christmas and New Year. For you who are "
            "new in the region and your partner; children are welcome too.",
        ),
        tags={"christmas"},
    ),
    # --- Sports ------------------------------------------------------------------------------
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
        months=ALL_YEAR,
        weekday=3,
        bring=(
            "Løpesko, klær etter været og hodelykt i den mørke årstiden.",
            "Running shoes, clothes for the weather and a head torch in the dark months.",
        ),
        tags={"outdoor"},
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
        every=2,
        offset=1,
        months=SNOW,
        bring=(
            "Varme klær i flere lag, lue, votter og noe varmt å drikke. Ski, støvler og staver "
            "låner du av oss.",
            "Warm clothes in layers, a hat, mittens and something warm to drink. Skis, boots and "
            "poles are lent to you.",
        ),
        tags={"outdoor", "snow"},
    ),
    dict(
        category="sports",
        audience=Audience.EVERYONE,
        language="en",
        municipality="hvaler",
        venue="Skjærhalden brygge",
        address="Skjærhalden, 1680 Skjærhalden",
        title=("Havpadling i Hvaler", "Sea kayaking in Hvaler"),
        summary=(
            "En rolig padletur mellom holmene, med instruktør.",
            "An easy paddle between the islets, with an instructor.",
        ),
        hour=10,
        hours=3,
        price=250,
        capacity=8,
        childcare=False,
        every=2,
        offset=1,
        months=OPEN_WATER,
        bring=(
            "Klær som tåler å bli våte, skift og matpakke. Kajakk, åre og redningsvest låner du "
            "av oss. Du må kunne svømme.",
            "Clothes that may get wet, a change of clothes and a packed lunch. Kayak, paddle and "
            "life jacket are lent to you. You need to be able to swim.",
        ),
        tags={"outdoor", "water"},
    ),
    dict(
        category="sports",
        audience=Audience.EVERYONE,
        language="both",
        municipality="fredrikstad",
        venue="Hankø bad",
        address="Hankø, 1621 Gressvik",
        title=("Morgenbad på Hankø", "Morning swim at Hankø"),
        summary=(
            "Et frisk bad i sjøen og kaffe på svaberget etterpå.",
            "A fresh dip in the sea and coffee on the rocks afterwards.",
        ),
        hour=9,
        hours=1,
        price=0,
        capacity=None,
        childcare=False,
        every=2,
        offset=0,
        months=SUMMER,
        weekday=6,
        bring=(
            "Badetøy, håndkle og noe varmt å ta på etterpå.",
            "Swimwear, a towel and something warm for afterwards.",
        ),
        tags={"outdoor", "water"},
    ),
    # --- Culture -----------------------------------------------------------------------------
    dict(
        category="culture",
        audience=Audience.EVERYONE,
        language="nb-b1",
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
        every=3,
        offset=1,
        months=(1, 2, 3, 4, 5, 9, 10, 11),
        weekday=3,
    ),
    dict(
        category="culture",
        audience=Audience.EVERYONE,
        language="both",
        municipality="halden",
        venue="Fredriksten festning, Festningsplassen",
        address="Fredriksten festning, 1767 Halden",
        title=("Utekino på festningen", "Outdoor cinema at the fortress"),
        summary=(
            "Film under åpen himmel en lys sommerkveld, med norsk eller engelsk tekst.",
            "A film under the open sky on a light summer evening, with Norwegian or English subtitles.",
        ),
        hour=21,
        hours=2,
        price=100,
        capacity=60,
        childcare=False,
        every=2,
        offset=1,
        months=SUMMER,
        weekday=3,
        bring=(
            "Et pledd eller en pute å sitte på, og noe varmt – kveldene kan bli kjølige.",
            "A blanket or a cushion to sit on, and something warm – the evenings can be cool.",
        ),
        tags={"outdoor"},
    ),
    dict(
        category="culture",
        audience=Audience.EVERYONE,
        language="nb-b1",
        municipality="fredrikstad",
        venue="Fredrikstad domkirke",
        address="Kirkeparken, 1607 Fredrikstad",
        title=("Julekonsert i domkirken", "Christmas concert in the cathedral"),
        summary=(
            "Kor og orgel med de kjente norske julesangene.",
            "Choir and organ with the well-known Norwegian carols.",
        ),
        hour=18,
        hours=2,
        price=150,
        capacity=40,
        childcare=False,
        every=1,
        offset=1,
        months=DECEMBER,
        weekday=6,
        tags={"christmas"},
    ),
    # --- Welcome to Norway -------------------------------------------------------------------
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
        every=6,
        offset=0,
        months=NOT_JULY,
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
        every=6,
        offset=2,
        months=NOT_JULY,
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
        every=6,
        offset=4,
        months=NOT_JULY,
    ),
    # --- Norwegian courses: new ones start in August and January, the group meets in term ----
    dict(
        category="norwegian-course",
        audience=Audience.NEWCOMERS,
        language="nb-a1",
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
        every=2,
        offset=0,
        months=(1, 8),
    ),
    dict(
        category="norwegian-course",
        audience=Audience.NEWCOMERS,
        language="nb-a2",
        municipality="sarpsborg",
        venue="Sarpsborg bibliotek",
        address="Jernbanegata 6, 1706 Sarpsborg",
        title=("Samtalegruppe på norsk (A2–B1)", "Norwegian conversation group (A2–B1)"),
        summary=(
            "Snakk norsk om hverdagen i små grupper, med en lærer – med barnepass.",
            "Speak Norwegian about everyday life in small groups, with a teacher – with childcare.",
        ),
        hour=18,
        hours=2,
        price=0,
        capacity=12,
        childcare=True,
        every=2,
        offset=1,
        months=(1, 2, 3, 4, 5, 6, 9, 10, 11, 12),
        weekday=2,
    ),
    # --- Family ------------------------------------------------------------------------------
    dict(
        category="family",
        audience=Audience.FAMILIES,
        language="both",
        municipality="fredrikstad",
        venue="Fredrikstad bibliotek",
        address="Kirkegata 2, 1607 Fredrikstad",
        title=("Eventyrstund på to språk", "Story time in two languages"),
        summary=(
            "Eventyr på norsk og engelsk for barn fra 3 til 8 år, med voksne.",
            "Fairy tales in Norwegian and English for children aged 3 to 8, with their grown-ups.",
        ),
        hour=11,
        hours=1,
        price=0,
        capacity=30,
        childcare=False,
        every=3,
        offset=1,
        months=(1, 2, 3, 4, 5, 6, 8, 9, 10, 11),
    ),
    dict(
        category="family",
        audience=Audience.FAMILIES,
        language="both",
        municipality="halden",
        venue="Fredriksten festning, akebakken",
        address="Fredriksten festning, 1767 Halden",
        title=("Aking og kakao på festningen", "Sledging and hot chocolate at the fortress"),
        summary=(
            "Ak ned festningsbakken med barna og varm deg på kakao etterpå.",
            "Sledge down the fortress hill with the children, then warm up with hot chocolate.",
        ),
        hour=12,
        hours=2,
        price=0,
        capacity=40,
        childcare=False,
        every=2,
        offset=0,
        months=(1, 2),
        bring=(
            "Varme klær, lue og votter, og akebrett eller kjelke om du har – vi har noen å låne ut.",
            "Warm clothes, a hat and mittens, and a sledge if you have one – we can lend a few.",
        ),
        tags={"outdoor", "snow"},
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
        every=4,
        offset=2,
        months=(5, 6, 7, 8, 9),
        bring=(
            "Klær etter været, gode sko, solkrem og matpakke. Krabbesnøre og grill har vi.",
            "Clothes for the weather, good shoes, sun cream and a packed lunch. We bring the crab "
            "lines and the barbecue.",
        ),
        tags={"outdoor"},
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
        every=4,
        offset=3,
        months=OPEN_WATER,
        bring=(
            "Klær som tåler å bli våte, skift, matpakke og drikke. Kanoer og redningsvester "
            "låner dere av oss.",
            "Clothes that may get wet, a change of clothes, a packed lunch and drinks. Canoes and "
            "life jackets are lent to you.",
        ),
        tags={"outdoor", "water"},
    ),
    dict(
        category="family",
        audience=Audience.FAMILIES,
        language="both",
        municipality="sarpsborg",
        venue="Sarpsborg bibliotek",
        address="Jernbanegata 6, 1706 Sarpsborg",
        title=("Juleverksted for hele familien", "Christmas workshop for the whole family"),
        summary=(
            "Vi lager julepynt og pepperkaker og lærer norske julesanger.",
            "We make Christmas decorations and gingerbread and learn Norwegian carols.",
        ),
        hour=11,
        hours=3,
        price=50,
        capacity=30,
        childcare=False,
        every=1,
        offset=0,
        months=DECEMBER,
        tags={"christmas"},
    ),
    # --- For the volunteers (mentors and reserve grandparents) --------------------------------
    dict(
        category="social",
        audience=Audience.VOLUNTEERS,
        language="nb-b1",
        municipality="sarpsborg",
        venue="Sarpsborg frivilligsentral",
        address="Glengsgata 23, 1706 Sarpsborg",
        title=(
            "Frivilligkafé for faddere og reservebesteforeldre",
            "Volunteers' café for mentors and reserve grandparents",
        ),
        summary=(
            "Kaffe, vafler og erfaringer: for nettverkets faddere og reservebesteforeldre.",
            "Coffee, waffles and experience: for the network's mentors and reserve grandparents.",
        ),
        hour=18,
        hours=2,
        price=0,
        capacity=30,
        childcare=False,
        every=6,
        offset=2,
        months=NOT_JULY,
        weekday=3,
        description=(
            "En kveld for nettverkets frivillige: del erfaringer fra møtene med tilflytterne, få tips "
            "fra koordinatoren og møt andre faddere og reservebesteforeldre. Nye frivillige er "
            "hjertelig velkomne.",
            "An evening for the network's volunteers: share what you have learnt from meeting "
            "newcomers, get tips from the coordinator and meet other mentors and reserve "
            "grandparents. New volunteers are very welcome.",
        ),
    ),
    # --- For member companies ----------------------------------------------------------------
    dict(
        category="company-network-meeting",
        audience=Audience.COMPANIES,
        language="en",
        municipality="sarpsborg",
        venue="Borregaard, hovedkontoret",
        address="Hjalmar Wessels vei 6, 1721 Sarpsborg",
        title=("Frokostmøte i bedriftsnettverket", "Company network breakfast meeting"),
        summary=(
            "HR i medlemsbedriftene: rekruttering, mottak og erfaringer.",
            "HR of the member companies: recruiting, onboarding and experience.",
        ),
        hour=9,
        hours=2,
        price=0,
        capacity=40,
        childcare=False,
        every=4,
        offset=1,
        months=NOT_JULY,
        description=(
            "For HR-ansatte i nettverkets medlemsbedrifter. Vi holder til i Borregaards hovedkontor.\n\n"
            "Program:\n"
            "09.00 Frokost\n"
            "09.15 Nytt fra nettverket: nye tilflyttere, kommende aktiviteter og felles jobbkampanjer\n"
            "09.45 Erfaringer fra en medlemsbedrift: mottak av internasjonale ansatte og familiene deres\n"
            "10.30 Spørsmål og erfaringsutveksling\n"
            "10.50 Oppsummering og neste møte\n\n"
            "Meld på deg selv eller en HR-kollega innen fristen dagen før.",
            "For HR staff of the network's member companies. We meet at Borregaard's head office.\n\n"
            "Agenda:\n"
            "09.00 Breakfast\n"
            "09.15 News from the network: new arrivals, coming activities and joint job campaigns\n"
            "09.45 A member company's experience: onboarding international hires and their families\n"
            "10.30 Questions and exchange of experience\n"
            "10.50 Summing up and the next meeting\n\n"
            "Sign up yourself or an HR colleague by the deadline the day before.",
        ),
    ),
    dict(
        category="working-group",
        audience=Audience.COMPANIES,
        language="nb-b1",
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
        every=4,
        offset=3,
        months=NOT_JULY,
        description=(
            "Arbeidsgruppen for HR i medlemsbedriftene som jobber med partnernes karriere.\n\n"
            "Saker:\n"
            "1. Status siden sist: partnere i jobb, praksis eller utdanning\n"
            "2. Ledige stillinger som er åpne for partnere, på tvers av bedriftene\n"
            "3. Samarbeid med NAV og voksenopplæringen om norsk for partnere\n"
            "4. Oppgaver til neste møte\n\n"
            "Dokumentene ligger i arbeidsgruppens område i HR-sidene.",
            "The working group of member companies' HR staff on partners' careers.\n\n"
            "Agenda:\n"
            "1. Since last time: partners in work, internships or education\n"
            "2. Openings across the companies that are open to partners\n"
            "3. Working with NAV and adult education on Norwegian for partners\n"
            "4. Tasks for the next meeting\n\n"
            "The documents are in the working group's area of the HR pages.",
        ),
    ),
]

# The welcome each audience reads when a template has no description of its own. Company
# meetings always have their own (an agenda); they never get a newcomer's welcome.
WELCOME = {
    Audience.EVERYONE: (
        "Vi møtes ved {venue}. Arrangementet er for nye og gamle innbyggere, og det er lov å komme "
        "alene. Påmelding er bindende etter fristen.",
        "We meet at {venue}. Newcomers and long-time residents are equally welcome, and coming on "
        "your own is fine. Sign-up is binding after the deadline.",
    ),
    Audience.NEWCOMERS: (
        "Vi møtes ved {venue}. Dette er for deg som nettopp har flyttet til regionen, og for "
        "partneren din: her møter du andre i samme situasjon, og det er helt fint å komme alene. "
        "Påmelding er bindende etter fristen.",
        "We meet at {venue}. This is for you who have just moved to the region, and for your "
        "partner: you meet others in the same situation, and coming on your own is perfectly fine. "
        "Sign-up is binding after the deadline.",
    ),
    Audience.FAMILIES: (
        "Vi møtes ved {venue}. For nye familier i regionen – barna er hjertelig velkomne. Meld på "
        "hele familien på én gang, med hvor mange voksne og barn som kommer. Påmelding er bindende "
        "etter fristen.",
        "We meet at {venue}. For families new to the region – children are very welcome. Sign up "
        "the whole family at once, saying how many adults and children are coming. Sign-up is "
        "binding after the deadline.",
    ),
}

# Titles an earlier demo used for one-off activities: their activities still to come are removed.
RETIRED_TITLES = ("Company network meeting",)

DEMO_PARTICIPANTS = 14
WEEKS_BEFORE, WEEKS_AFTER = 8, 44


def template_texts(template: dict) -> dict[str, str]:
    """The translated texts of a template's activities: description and what to bring."""
    if "description" in template:
        description = template["description"]
    else:
        description = tuple(text.format(venue=template["venue"]) for text in WELCOME[template["audience"]])
    bring = template.get("bring", ("", ""))
    return {
        "description_nb": description[0],
        "description_en": description[1],
        "what_to_bring_nb": bring[0],
        "what_to_bring_en": bring[1],
    }


def template_days(template: dict, anchor: dt.date) -> list[dt.date]:
    """The days a template's activities fall on, from `WEEKS_BEFORE` weeks before `anchor` (the
    first of a month) to `WEEKS_AFTER` after, in its months and outside the Christmas holidays."""
    if "weekday" in template:
        weekday = template["weekday"]
    elif template["hour"] >= 17 or template["audience"] == Audience.COMPANIES:
        weekday = 1  # weekday courses and meetings on Tuesdays
    else:
        weekday = 5  # walks and family days on Saturdays
    days = []
    for week in range(-WEEKS_BEFORE + template["offset"], WEEKS_AFTER, template["every"]):
        day = anchor + dt.timedelta(weeks=week)
        day += dt.timedelta(days=(weekday - day.weekday()) % 7)
        if day.month in template["months"] and not in_christmas_holidays(day):
            days.append(day)
    return days


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


def _signups_wanted(event: Event, users: list[User], now: dt.datetime) -> list[SignUp]:
    """Fill small events: the first `capacity` people confirmed, the rest waiting in order."""
    if (
        event.capacity is None
        or event.capacity > len(users)
        or event.audience
        in (
            Audience.COMPANIES,
            Audience.VOLUNTEERS,
        )
    ):
        return []
    wanted = []
    for index, user in enumerate(users[: event.capacity + 3]):
        confirmed = index < event.capacity
        wanted.append(
            SignUp(
                event=event,
                user=user,
                status=SignUp.Status.CONFIRMED if confirmed else SignUp.Status.WAITING,
                waitlist_position=None if confirmed else index - event.capacity + 1,
                price_nok=event.price_nok,
                paid=confirmed and event.ends_at < now,
                attended=True if confirmed and event.ends_at < now else None,
            )
        )
    return wanted


def _signups_seed(wanted: list[SignUp]) -> None:
    """Create the demo sign-ups that are missing, in one query to look and one to write (a sign-up
    someone changed or cancelled since is left as it is, as get_or_create would)."""
    if not wanted:
        return
    existing = set(
        SignUp.objects.filter(event__in={signup.event_id for signup in wanted}).values_list(
            "event_id", "user_id"
        )
    )
    SignUp.objects.bulk_create(
        [signup for signup in wanted if (signup.event_id, signup.user_id) not in existing]
    )
    calendar_changed()


def seed(stdout=None) -> None:
    categories = _category_seed()
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    users = _participants()
    now = timezone.now()
    anchor = timezone.localdate().replace(day=1)
    events = 0
    planned = set()
    signups: list[SignUp] = []
    for template in TEMPLATES:
        municipality = municipalities.get(template["municipality"])
        if municipality is None:
            continue
        for day in template_days(template, anchor):
            starts_at = dt.datetime.combine(day, dt.time(template["hour"]), tzinfo=OSLO)
            event, _ = Event.objects.update_or_create(
                title_en=template["title"][1],
                starts_at=starts_at,
                defaults={
                    "title_nb": template["title"][0],
                    "summary_nb": template["summary"][0],
                    "summary_en": template["summary"][1],
                    **template_texts(template),
                    "category": categories[template["category"]],
                    "audience": template["audience"],
                    "municipality": municipality,
                    "venue_name": template["venue"],
                    "address": template["address"],
                    "organiser_nb": ORGANISER[0],
                    "organiser_en": ORGANISER[1],
                    "language": template["language"],
                    "ends_at": starts_at + dt.timedelta(hours=template["hours"]),
                    "price_nok": template["price"],
                    "capacity": template["capacity"],
                    "childcare_offered": template["childcare"],
                    "childcare_capacity": 10 if template["childcare"] else None,
                    "registration_closes_at": starts_at - dt.timedelta(hours=24),
                },
            )
            signups.extend(_signups_wanted(event, users, now))
            planned.add(event.pk)
            events += 1
    _signups_seed(signups)
    removed = _stale_demo_events_remove(planned=planned, users=users, now=now)
    if stdout:
        stdout.write(
            f"  events: {len(categories)} categories, {events} activities ({removed} out of season "
            f"removed), {len(users)} demo participants"
        )
    _working_group_meetings_link()
    seed_series(stdout)
    _reviews_seed(now)
    _messages_seed(now)


# The coordinator's after-action notes on the latest past demo activity of each category (in
# Norwegian, as the coordinator writes them): note, cost in NOK, partner organisations.
REVIEWS = {
    "get-to-know-your-city": (
        "Fin tur, men flere kom uten regntøy: skriv det i påminnelsen neste gang.",
        0,
        "Fredrikstad museum",
    ),
    "social": (
        "Språkkafeen fungerer best med én frivillig per bord.",
        600,
        "Biblioteket i Sarpsborg, Røde Kors",
    ),
    "norwegian-course": (
        "Barnepassen var full: øk til 15 plasser og be om barnas alder ved påmelding.",
        4200,
        "Frivilligsentralen",
    ),
    "welcome-to-norway": (
        "Spørsmålene om skattekort og D-nummer tok mest tid. Inviter Skatteetaten igjen.",
        0,
        "Skatteetaten, NAV Sarpsborg",
    ),
    "culture": ("Fullt hus. Neste gang: større lokale eller to forestillinger.", 1800, "Kulturhuset"),
    "family": (
        "God stemning og mange nye ansikter. Neste gang: navnelapper og mer tid til mingling.",
        500,
        "Biblioteket i Halden",
    ),
    "working-group": (
        "Gode innspill om CV på norsk; inviter NAV til neste møte.",
        0,
        "NAV Fredrikstad",
    ),
}


def _reviews_seed(now: dt.datetime) -> None:
    """After-action notes on the latest past demo activity of each category, so the yearly report
    has some; never over the coordinator's own notes."""
    if EventReview.objects.filter(event__organiser_nb__in=ORGANISER).exists():
        return
    past = (
        Event.objects.filter(ends_at__lt=now, organiser_nb__in=ORGANISER, status=Event.Status.PUBLISHED)
        .select_related("category")
        .order_by("-starts_at")
    )
    latest: dict[str, Event] = {}
    for event in past:
        latest.setdefault(event.category.slug, event)
    EventReview.objects.bulk_create(
        EventReview(event=latest[slug], note=note, cost_nok=cost, partners=partners)
        for slug, (note, cost, partners) in REVIEWS.items()
        if slug in latest
    )


def _messages_seed(now: dt.datetime) -> None:
    """One message the coordinator sent to the people of the next demo activity with sign-ups (kept
    with who got it, as if it had been sent), so the admin's messages show an example."""
    if EventMessage.objects.filter(subject_nb="Nytt oppmøtested").exists():
        return
    signups = list(
        SignUp.objects.filter(
            event__starts_at__gt=now,
            event__organiser_nb__in=ORGANISER,
            status=SignUp.Status.CONFIRMED,
        )
        .select_related("event", "user")
        .order_by("event__starts_at", "pk")
    )
    if not signups:
        return
    event = signups[0].event
    coordinator = User.objects.filter(is_staff=True, is_active=True).order_by("pk").first()
    message = EventMessage.objects.create(
        audience=EventMessage.Audience.CONFIRMED,
        subject_nb="Nytt oppmøtested",
        body_nb=f"Vi møtes ved hovedinngangen til {event.venue_name} i stedet, ti minutter før start.",
        subject_en="New meeting point",
        body_en=f"We meet at the main entrance of {event.venue_name} instead, ten minutes before the start.",
        sent_by=coordinator,
    )
    message.events.set([event])
    rows = [
        EventMessageRecipient(
            mailing=message, user=signup.user, event=event, language=signup.user.language, mailed_at=now
        )
        for signup in signups
        if signup.event_id == event.pk
    ]
    EventMessageRecipient.objects.bulk_create(rows)
    message.recipient_count = len(rows)
    message.save(update_fields=["recipient_count"])


def _stale_demo_events_remove(*, planned: set[int], users: list[User], now: dt.datetime) -> int:
    """Remove the demo's one-off activities still to come that its plan no longer has: those of an
    earlier demo (a canoe trip in November) or of the plan of another month. Only activities with
    a demo title and the demo's organiser go, and not one that someone other than a demo participant
    has signed up for."""
    titles = {template["title"][1] for template in TEMPLATES} | set(RETIRED_TITLES)
    real_signups = SignUp.objects.exclude(user__in=users).values("event")
    stale = (
        Event.objects.filter(series__isnull=True, title_en__in=titles, starts_at__gt=now)
        # An earlier demo wrote the English name, which the migration kept as the Norwegian one.
        .filter(organiser_nb__in=ORGANISER)
        .exclude(pk__in=planned)
        .exclude(pk__in=real_signups)
    )
    _total, per_model = stale.delete()
    return per_model.get(Event._meta.label, 0)


def _working_group_meetings_link() -> None:
    """The demo working-group meetings belong to the spouse-careers group of the company network."""
    from companies.models import WorkingGroup

    group = WorkingGroup.objects.filter(slug="spouse-careers").first()
    if group is not None:
        group.meetings.add(*Event.objects.filter(title_en="Working group: partners' job search"))
