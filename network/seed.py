"""Søndre Viken demo data for the region itself: idempotent (keyed on slugs and numbers)."""

from django.conf import settings
from django.contrib.sites.models import Site

from .models import ContactPerson, Municipality, Region, TravelTime
from .seed_municipalities import page_fields

MUNICIPALITIES = [
    {
        "slug": "fredrikstad",
        "name": "Fredrikstad",
        "number": "3107",
        "population": 85000,
        "description_nb": "Regionens største by, med Gamlebyen – Nord-Europas best bevarte festningsby – "
        "elvebyen ved Glomma og kort vei til skjærgården.",
        "description_en": "The region's largest town, with Gamlebyen – the best-preserved fortress town "
        "in Northern Europe – a riverside centre on the Glomma and the archipelago close by.",
    },
    {
        "slug": "sarpsborg",
        "name": "Sarpsborg",
        "number": "3105",
        "population": 59000,
        "description_nb": "Industriby med lange tradisjoner, Sarpefossen og et aktivt idretts- og "
        "kulturliv. Mange internasjonale arbeidsplasser innen prosessindustri.",
        "description_en": "An industrial town with long traditions, the Sarpsfossen waterfall and an "
        "active sports and cultural life. Many international jobs in the process industry.",
    },
    {
        "slug": "halden",
        "name": "Halden",
        "number": "3101",
        "population": 31900,
        "description_nb": "Grensebyen med Fredriksten festning, forskningsmiljø innen energi og IKT, "
        "og kanalen som går inn i Sverige.",
        "description_en": "The border town with Fredriksten fortress, research communities in energy "
        "and ICT, and the canal that runs on into Sweden.",
    },
    {
        "slug": "hvaler",
        "name": "Hvaler",
        "number": "3110",
        "population": 4900,
        "description_nb": "Øykommunen ytterst i Oslofjorden, med nasjonalpark, badeplasser og et "
        "levende kystsamfunn hele året.",
        "description_en": "The island municipality at the mouth of the Oslofjord, with a national park, "
        "beaches and a coastal community that lives all year round.",
    },
    {
        "slug": "rakkestad",
        "name": "Rakkestad",
        "number": "3120",
        "population": 8400,
        "description_nb": "Landbruk, skog og et tett lokalsamfunn, en halvtime fra byene – god plass "
        "for barnefamilier.",
        "description_en": "Farming, forests and a close-knit community half an hour from the towns – "
        "plenty of room for families with children.",
    },
    {
        "slug": "aremark",
        "name": "Aremark",
        "number": "3124",
        "population": 1300,
        "description_nb": "Norges grønneste kommune, med innsjøer, Haldenvassdraget og stillhet – "
        "for deg som vil bo tett på naturen.",
        "description_en": "Norway's greenest municipality, with lakes, the Halden watercourse and quiet – "
        "for those who want to live close to nature.",
    },
]


# Which of them share a border (for suggesting a mentor nearby).
NEIGHBOURS = [
    ("fredrikstad", "hvaler"),
    ("fredrikstad", "sarpsborg"),
    ("sarpsborg", "halden"),
    ("sarpsborg", "rakkestad"),
    ("halden", "aremark"),
    ("rakkestad", "aremark"),
]

# Plausible minutes between the six municipalities: (from, to, by car, by public transport or None).
TRAVEL_TIMES = [
    ("fredrikstad", "sarpsborg", 20, 30),
    ("fredrikstad", "halden", 40, 55),
    ("fredrikstad", "hvaler", 25, 45),
    ("fredrikstad", "rakkestad", 40, 75),
    ("fredrikstad", "aremark", 60, 150),
    ("sarpsborg", "halden", 30, 35),
    ("sarpsborg", "hvaler", 40, 70),
    ("sarpsborg", "rakkestad", 25, 40),
    ("sarpsborg", "aremark", 45, 120),
    ("halden", "hvaler", 60, 100),
    ("halden", "rakkestad", 40, 90),
    ("halden", "aremark", 30, 90),
    ("hvaler", "rakkestad", 60, 120),
    ("hvaler", "aremark", 85, None),
    ("rakkestad", "aremark", 35, 110),
]


def seed(stdout=None) -> None:
    region, _ = Region.objects.update_or_create(
        slug="sondre-viken",
        defaults={
            "name": "Søndre Viken",
            "tagline_nb": "Et godt sted å jobbe, bo og bli – i mange år.",
            "tagline_en": "A good place to work, live and stay – for many years.",
            "introduction_nb": "Søndre Viken er seks kommuner ved Oslofjorden og svenskegrensen: "
            "Fredrikstad, Sarpsborg, Halden, Hvaler, Rakkestad og Aremark.",
            "introduction_en": "Søndre Viken is six municipalities by the Oslofjord and the Swedish "
            "border: Fredrikstad, Sarpsborg, Halden, Hvaler, Rakkestad and Aremark.",
        },
    )
    for position, data in enumerate(MUNICIPALITIES):
        Municipality.objects.update_or_create(
            slug=data["slug"],
            defaults={**data, **page_fields(data["slug"]), "region": region, "position": position},
        )
    by_slug = Municipality.objects.in_bulk([m["slug"] for m in MUNICIPALITIES], field_name="slug")
    for a, b in NEIGHBOURS:
        by_slug[a].neighbours.add(by_slug[b])  # symmetrical: b's neighbours include a
    for a, b, car, transit in TRAVEL_TIMES:
        TravelTime.objects.filter(origin=by_slug[b], destination=by_slug[a]).delete()
        TravelTime.objects.update_or_create(
            origin=by_slug[a],
            destination=by_slug[b],
            defaults={"car_minutes": car, "transit_minutes": transit},
        )
    ContactPerson.objects.update_or_create(
        region=region,
        defaults={
            "name": "Ingrid Haugen",
            "title_nb": "Regional kontaktperson for tilflyttere",
            "title_en": "Regional contact person for newcomers",
            "email": "kontakt@sondreviken.example",
            "phone": "+47 69 00 00 00",
        },
    )
    # Links in e-mails are built from the site's domain.
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": "Søndre Viken"}
    )
    if stdout:
        stdout.write(f"  network: region {region.name}, {len(MUNICIPALITIES)} municipalities, contact person")
