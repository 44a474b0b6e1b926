"""Demo start housing: a residence in Halden and one in Fredrikstad, rooms and flats, stays over
the coming year for the demo newcomers, open applications and an offer waiting for an answer.
Safe to run again: rows are updated, never duplicated."""

import datetime as dt

from django.utils import timezone

from network.models import Municipality, User
from newcomers.models import NewcomerProfile

from .models import Application, Booking, HousingSettings, Residence, Unit, UnitKind
from .services import rent_charges_sync

RESIDENCES = [
    {
        "slug": "tistasiden-startboliger",
        "municipality": "halden",
        "name_nb": "Tistasiden startboliger",
        "name_en": "Tistasiden start housing",
        "address": "Tistedalsgata 12",
        "postal_code": "1772",
        "postal_town": "Halden",
        "description_nb": "Et tidligere sykepleierhjem ved Tista, ti minutters gange fra sentrum og togstasjonen. "
        "Lyse, møblerte rom og to leiligheter for familier.",
        "description_en": "A former nurses' home by the Tista river, ten minutes' walk from the centre and the "
        "railway station. Bright furnished rooms and two flats for families.",
        "house_rules_nb": "Ro i huset fra kl. 23 til 07. Røyking er ikke tillatt innendørs. Felleskjøkkenet "
        "vaskes etter bruk.",
        "house_rules_en": "Quiet hours from 11 pm to 7 am. No smoking indoors. Clean the shared kitchen after use.",
        "facilities_nb": "Felleskjøkken\nVaskerom\nSykkelbod\nHage med grill",
        "facilities_en": "Shared kitchen\nLaundry room\nBicycle storage\nGarden with a barbecue",
        "contact_name": "Ingrid Solberg",
        "contact_email": "startbolig.halden@demo.sondreviken.example",
        "contact_phone": "+47 69 00 00 00",
        "units": [
            ("101", UnitKind.ROOM, 1, 16, 5200, True, False),
            ("102", UnitKind.ROOM, 1, 18, 5600, True, False),
            ("103", UnitKind.ROOM, 2, 24, 6900, True, True),
            ("A", UnitKind.FLAT, 4, 62, 11900, True, True),
        ],
    },
    {
        "slug": "gamlebyen-startboliger",
        "municipality": "fredrikstad",
        "name_nb": "Gamlebyen startboliger",
        "name_en": "Old Town start housing",
        "address": "Voldportgata 5",
        "postal_code": "1632",
        "postal_town": "Gamle Fredrikstad",
        "description_nb": "Et restaurert trehus innenfor vollene i Gamlebyen, med ferje til sentrum hvert "
        "kvarter. Rom for enslige og en leilighet med trinnfri adkomst.",
        "description_en": "A restored wooden house inside the ramparts of the Old Town, with a ferry to the "
        "centre every quarter of an hour. Rooms for single people and a step-free flat.",
        "house_rules_nb": "Ro i huset fra kl. 22 til 07. Husdyr bare i leiligheten.",
        "house_rules_en": "Quiet hours from 10 pm to 7 am. Pets only in the flat.",
        "facilities_nb": "Felles stue\nVaskerom\nBod i kjelleren",
        "facilities_en": "Shared living room\nLaundry room\nStorage in the basement",
        "contact_name": "Jonas Berg",
        "contact_email": "startbolig.fredrikstad@demo.sondreviken.example",
        "contact_phone": "+47 69 11 11 11",
        "units": [
            ("1", UnitKind.ROOM, 1, 15, 5400, False, False),
            ("2", UnitKind.ROOM, 1, 17, 5700, False, False),
            ("B", UnitKind.FLAT, 3, 55, 10900, True, True),
        ],
    },
]


WAITING = [
    (
        "sofia@demo.sondreviken.example",
        "Sofia",
        "fredrikstad",
        40,
        200,
        "I would like a quiet room near the ferry.",
    ),
    (
        "kenji@demo.sondreviken.example",
        "Kenji",
        "halden",
        25,
        120,
        "Starting as a researcher; a room is enough.",
    ),
]


def _days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def seed(stdout=None) -> None:
    HousingSettings.objects.get_or_create(pk=1)
    municipalities = {m.slug: m for m in Municipality.objects.filter(slug__in=["halden", "fredrikstad"])}
    if len(municipalities) < 2:
        return
    units = {}
    for position, data in enumerate(RESIDENCES):
        data = dict(data)
        unit_rows = data.pop("units")
        residence, _created = Residence.objects.update_or_create(
            slug=data.pop("slug"),
            defaults={**data, "municipality": municipalities[data.pop("municipality")], "position": position},
        )
        for label, kind, beds, size, rent, step_free, pets in unit_rows:
            units[(residence.slug, label)], _created = Unit.objects.update_or_create(
                residence=residence,
                label=label,
                defaults={
                    "kind": kind,
                    "beds": beds,
                    "size_m2": size,
                    "rent_nok": rent,
                    "deposit_nok": rent * 2,
                    "step_free": step_free,
                    "pets_allowed": pets,
                    "furnished": True,
                    "available_from": _days(-200) if label != "2" else _days(45),
                },
            )
    people = {
        u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@demo.sondreviken.example")
    }
    halden, old_town = "tistasiden-startboliger", "gamlebyen-startboliger"
    # Stays over the coming year (and one that began), for the demo newcomers and a few others.
    stays = [
        ("maria", (old_town, "B"), -40, 140),
        ("arjun", (halden, "101"), 14, 200),
        (None, (halden, "102"), -90, 60),
        (None, (halden, "103"), 30, 300),
        (None, (halden, "A"), 90, 240),
        (None, (old_town, "1"), -10, 120),
        (None, (old_town, "1"), 150, 330),
    ]
    if not Booking.objects.filter(unit__residence__slug__in=[halden, old_town]).exists():
        for who, key, start, end in stays:
            booking = Booking.objects.create(
                unit=units[key],
                tenant=people.get(who),
                starts_on=_days(start),
                ends_on=_days(end),
                rent_nok=units[key].rent_nok,
                confirmed_at=timezone.now(),
            )
            rent_charges_sync(booking=booking)
    lena, tom = people.get("lena"), people.get("tom")
    if lena and not Application.objects.filter(user=lena).exists():
        application = Application.objects.create(
            user=lena,
            unit=None,
            municipality=municipalities["halden"],
            move_in=_days(20),
            move_out=_days(170),
            persons=2,
            message="Vi er to voksne og begynner i jobb i Halden neste måned.",
        )
        # The coordinator has offered a room; Lena has yet to answer.
        Application.objects.filter(pk=application.pk).update(status=Application.Status.OFFERED)
        Booking.objects.create(
            unit=units[(halden, "A")],
            application=application,
            tenant=lena,
            starts_on=_days(20),
            ends_on=_days(90),
            rent_nok=units[(halden, "A")].rent_nok,
            status=Booking.Status.OFFERED,
            offer_expires_at=timezone.now() + dt.timedelta(days=5),
        )
    if tom and not Application.objects.filter(user=tom).exists():
        Application.objects.create(
            user=tom,
            municipality=municipalities["fredrikstad"],
            move_in=_days(35),
            move_out=_days(220),
            persons=1,
            message="I start at the hospital in five weeks and would like to live near the ferry.",
        )
    # Two more households waiting, so the coordinator's list has an order to it.
    for email, first_name, municipality, start, end, message in WAITING:
        user, _created = User.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "kind": User.Kind.NEWCOMER, "language": "en"}
        )
        NewcomerProfile.objects.get_or_create(
            user=user,
            defaults={"data_consent_at": timezone.now(), "municipality": municipalities[municipality]},
        )
        if not Application.objects.filter(user=user).exists():
            Application.objects.create(
                user=user,
                municipality=municipalities[municipality],
                move_in=_days(start),
                move_out=_days(end),
                persons=1,
                message=message,
            )
    if stdout:
        stdout.write("  start housing: 2 residences, 7 units, stays, applications and an offer")
