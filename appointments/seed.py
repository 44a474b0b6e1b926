"""Demo meeting times with the contact person over the next three weeks, at the welcome desks in
Fredrikstad, Sarpsborg and Halden and by video, and two demo newcomers' bookings. Safe to run again:
a time is keyed on the contact person and its start, so rows are updated, never duplicated."""

import datetime as dt

from django.utils import timezone

from network.models import ContactPerson, Municipality, User

from .models import Booking, Mode, Slot, Topic

VIDEO_LINK = "https://meet.jit.si/expat-network-contact"
# (weekday 0=Monday, municipality, mode, place nb, place en, start times)
WEEK = [
    (0, "halden", Mode.DESK, "Halden bibliotek, Os allé 5", "Halden library, Os allé 5", ["10:00", "10:30", "11:00"]),
    (1, "fredrikstad", Mode.DESK, "Fredrikstad bibliotek, Nygaardsgata 9", "Fredrikstad library, Nygaardsgata 9",
     ["09:00", "09:30", "10:00", "10:30"]),
    (2, "sarpsborg", Mode.DESK, "Sarpsborg rådhus, servicetorget", "Sarpsborg city hall, the service desk",
     ["12:00", "12:30", "13:00"]),
    (3, "fredrikstad", Mode.VIDEO, "", "", ["15:00", "15:30", "16:00"]),
    (4, "sarpsborg", Mode.VIDEO, "", "", ["09:00", "09:30"]),
]  # fmt: skip
WEEKS = 3
# (demo newcomer's e-mail, which time: (week, weekday, start), topic, note)
BOOKINGS = [
    ("maria@demo.sondreviken.example", (0, 1, "09:30"), Topic.PARTNER_JOB, "My husband is an engineer."),
    ("lena@demo.sondreviken.example", (1, 2, "12:00"), Topic.TAX, "Skattekort for første år."),
]


def _start(monday: dt.date, week: int, weekday: int, time: str) -> dt.datetime:
    day = monday + dt.timedelta(days=7 * week + weekday)
    hour, minute = map(int, time.split(":"))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def seed(stdout=None) -> None:
    host = ContactPerson.objects.select_related("region").first()
    if host is None:
        return
    municipalities = {m.slug: m for m in Municipality.objects.filter(slug__in={row[1] for row in WEEK})}
    today = timezone.localdate()
    next_monday = today + dt.timedelta(days=7 - today.weekday())
    slots = {}
    for week in range(WEEKS):
        for weekday, slug, mode, place_nb, place_en, times in WEEK:
            if slug not in municipalities:
                continue
            for time in times:
                starts_at = _start(next_monday, week, weekday, time)
                slot, _created = Slot.objects.update_or_create(
                    host=host,
                    starts_at=starts_at,
                    defaults={
                        "duration_minutes": 30,
                        "mode": mode,
                        "municipality": municipalities[slug],
                        "place_nb": place_nb,
                        "place_en": place_en,
                        "video_link": VIDEO_LINK if mode == Mode.VIDEO else "",
                        "note_nb": "Ta med pass eller oppholdskort." if mode == Mode.DESK else "",
                        "note_en": "Bring your passport or residence card." if mode == Mode.DESK else "",
                        "published": True,
                    },
                )
                slots[(week, weekday, time)] = slot
    booked = 0
    people = {user.email: user for user in User.objects.filter(email__in=[row[0] for row in BOOKINGS])}
    for email, when, topic, note in BOOKINGS:
        slot, person = slots.get(when), people.get(email)
        if slot is None or person is None or Booking.objects.active().filter(slot=slot).exists():
            continue
        Booking.objects.create(slot=slot, person=person, topic=topic, note=note)
        booked += 1
    if stdout:
        stdout.write(f"  appointments: {len(slots)} meeting times, {booked} new bookings")
