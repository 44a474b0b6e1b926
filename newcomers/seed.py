"""Newcomers demo data: interests, the "paper mill" checklist, practical pages, newcomers at each stage."""

import datetime as dt

from allauth.account.models import EmailAddress
from django.utils import timezone

from companies.models import Company, Hire
from network.models import InfoPage, Municipality, User

from .models import ChecklistItem, ChecklistItemMunicipalLink, ChecklistTick, Interest, NewcomerProfile

INTERESTS = [
    ("outdoors", "Friluftsliv", "Outdoors"),
    ("sports", "Idrett", "Sports"),
    ("culture", "Kultur", "Culture"),
    ("food", "Mat", "Food"),
    ("kids", "Aktiviteter for barn", "Kids' activities"),
    ("networking", "Faglig nettverk", "Professional networking"),
    ("volunteering", "Frivillig arbeid", "Volunteering"),
]

# (key, nb title, en title, nb explanation, en explanation, (nb link, en link or "" when the page has
# no English version), nordic, eu, other, children, partner)
CHECKLIST = [
    (
        "move",
        "Meld flytting og få ID-nummer",
        "Register your move and get an ID number",
        "Alle som skal bo i Norge i seks måneder eller mer, melder flytting til Skatteetaten og får fødselsnummer. "
        "Kortere opphold gir D-nummer.",
        "Everyone who will live in Norway for six months or more registers the move with the Tax Administration and "
        "gets a national identity number. Shorter stays give a D number.",
        ("https://www.skatteetaten.no/person/utenlandsk/", "https://www.skatteetaten.no/en/person/foreign/"),
        True,
        True,
        True,
        False,
        False,
    ),
    (
        "residence-permit",
        "Søk oppholdstillatelse",
        "Apply for a residence permit",
        "Borgere utenfor EU/EØS trenger oppholdstillatelse for arbeid. Søk hos UDI og bestill time hos politiet.",
        "Citizens of countries outside the EU/EEA need a residence permit to work. Apply to UDI and book an "
        "appointment with the police.",
        ("https://www.udi.no/", "https://www.udi.no/en/"),
        False,
        False,
        True,
        False,
        False,
    ),
    (
        "eu-registration",
        "Registrer deg hos politiet (EU/EØS)",
        "Register with the police (EU/EEA)",
        "EU/EØS-borgere som blir mer enn tre måneder, registrerer seg på nett hos UDI og møter hos politiet.",
        "EU/EEA citizens staying longer than three months register online with UDI and meet at the police.",
        ("https://www.udi.no/skal-sok/", "https://www.udi.no/en/want-to-apply/"),
        False,
        True,
        False,
        False,
        False,
    ),
    (
        "tax-card",
        "Skattekort",
        "Tax deduction card",
        "Bestill skattekort hos Skatteetaten så arbeidsgiveren trekker riktig skatt.",
        "Order a tax deduction card from the Tax Administration so that your employer deducts the right tax.",
        (
            "https://www.skatteetaten.no/person/skatt/skattekort/",
            "https://www.skatteetaten.no/en/person/taxes/tax-deduction-card-and-advance-tax/",
        ),
        True,
        True,
        True,
        False,
        False,
    ),
    (
        "bank",
        "Bankkonto og BankID",
        "Bank account and BankID",
        "Med ID-nummer kan du åpne bankkonto og få BankID, som brukes til nesten alle offentlige tjenester.",
        "With an ID number you can open a bank account and get BankID, used for almost every public service.",
        ("https://www.bankid.no/", "https://www.bankid.no/en/"),
        True,
        True,
        True,
        False,
        False,
    ),
    (
        "gp",
        "Fastlege",
        "A regular GP (fastlege)",
        "Velg fastlege på Helsenorge når du har ID-nummer.",
        "Choose your regular GP on Helsenorge once you have an ID number.",
        ("https://www.helsenorge.no/", "https://www.helsenorge.no/en/"),
        True,
        True,
        True,
        False,
        False,
    ),
    (
        "kindergarten",
        "Søk barnehage- eller skoleplass",
        "Apply for kindergarten or school",
        "Søk barnehageplass hos kommunen; hovedopptaket har frist 1. mars. Skoleplass ordnes med skolen der du bor.",
        "Apply for kindergarten with the municipality; the main intake closes on 1 March. School places are "
        "arranged with the school where you live.",
        ("https://www.fredrikstad.kommune.no/", ""),
        True,
        True,
        True,
        True,
        False,
    ),
    (
        "nav-partner",
        "Partner: registrer deg hos NAV som jobbsøker",
        "Partner: register with NAV as a job seeker",
        "En partner som søker arbeid, kan registrere seg hos NAV og få veiledning. Nettverket hjelper også.",
        "A partner looking for work can register with NAV and get guidance. The network helps too.",
        ("https://www.nav.no/", "https://www.nav.no/en/home"),
        True,
        True,
        True,
        False,
        True,
    ),
    (
        "norwegian-course",
        "Meld deg på norskkurs",
        "Sign up for a Norwegian course",
        "Kommunene og nettverket tilbyr norskkurs etter arbeidstid, med barnepass.",
        "The municipalities and the network offer Norwegian courses after working hours, with childcare.",
        ("", ""),
        True,
        True,
        True,
        False,
        False,
    ),
    (
        "driving-licence",
        "Bytt førerkort",
        "Exchange your driving licence",
        "Førerkort fra land utenfor EU/EØS må byttes innen ett år hos Statens vegvesen.",
        "Driving licences from outside the EU/EEA must be exchanged within a year at the Public Roads Administration.",
        ("https://www.vegvesen.no/", "https://www.vegvesen.no/en/"),
        False,
        False,
        True,
        False,
        False,
    ),
]

# (slug, topic, municipality slug or None, nb title, en title, nb body, en body)
PAGES = [
    (
        "work-permits",
        "work",
        None,
        "Arbeid og oppholdstillatelse",
        "Work and residence permits",
        "Hvilken tillatelse du trenger, avhenger av statsborgerskapet ditt. Nordiske borgere trenger ingen "
        "tillatelse. EU/EØS-borgere registrerer seg. Andre søker oppholdstillatelse hos UDI før de begynner å jobbe.",
        "Which permit you need depends on your citizenship. Nordic citizens need none. EU/EEA citizens register. "
        "Others apply to UDI for a residence permit before starting work.",
    ),
    (
        "housing",
        "housing",
        None,
        "Bolig",
        "Housing",
        "De fleste leier først. Vanlig depositum er tre måneders leie, på egen depositumskonto. Nettverket har "
        "startboliger som deles med andre nye innbyggere: se «Startboliger» i menyen, der du også kan søke.",
        "Most people rent first. A deposit of three months' rent in a separate deposit account is common. The "
        'network has start housing shared with other newcomers: see "Start housing" in the menu, where you can also apply.',
    ),
    (
        "kindergartens-sarpsborg",
        "schools",
        "sarpsborg",
        "Barnehager i Sarpsborg",
        "Kindergartens in Sarpsborg",
        "Sarpsborg kommune har hovedopptak til barnehage med søknadsfrist 1. mars. Barn som flytter til kommunen, "
        "kan søke hele året.",
        "Sarpsborg municipality has its main kindergarten intake with an application deadline of 1 March. Children "
        "who move to the municipality can apply all year.",
    ),
    (
        "health",
        "health",
        None,
        "Helse og fastlege",
        "Health and your GP",
        "Alle med fødselsnummer har rett til fastlege. Ring 113 ved akutt fare, og legevakten på 116 117.",
        "Everyone with a national identity number has the right to a regular GP. Call 113 in an emergency, and "
        "the out-of-hours service on 116 117.",
    ),
    (
        "tax-bank",
        "tax",
        None,
        "Skatt og bank",
        "Tax and bank",
        "Skattekort, skattemelding hver vår og BankID: slik kommer du i gang med økonomien i Norge.",
        "Tax deduction card, the tax return every spring and BankID: how to get started with your finances in Norway.",
    ),
    (
        "leisure",
        "leisure",
        None,
        "Fritid",
        "Leisure",
        "Allemannsretten lar deg gå tur i skog og mark. Idrettslag og kor tar gjerne imot nye medlemmer.",
        "The right to roam lets you walk in forests and fields. Sports clubs and choirs welcome new members.",
    ),
    (
        "norwegian-courses",
        "language",
        None,
        "Norskkurs",
        "Norwegian courses",
        "Norskkurs på kveldstid med barnepass i Fredrikstad og Sarpsborg, og nettkurs for dem som bor i Hvaler, "
        "Rakkestad og Aremark.",
        "Evening Norwegian courses with childcare in Fredrikstad and Sarpsborg, and online courses for those who live "
        "in Hvaler, Rakkestad and Aremark.",
    ),
]

DEMO_NEWCOMERS = [
    # (email, first name, country, municipality, stage: "consent" | "about" | "done" | "settled", language)
    ("maria@demo.sondreviken.example", "Maria", "ES", "fredrikstad", "settled", "en"),
    ("arjun@demo.sondreviken.example", "Arjun", "IN", "halden", "done", "en"),
    ("lena@demo.sondreviken.example", "Lena", "SE", "sarpsborg", "about", "nb"),
    ("tom@demo.sondreviken.example", "Tom", "US", "hvaler", "consent", "en"),
]


KINDERGARTEN_LINKS = {
    "fredrikstad": "https://www.fredrikstad.kommune.no/",
    "sarpsborg": "https://www.sarpsborg.com/",
    "halden": "https://www.halden.kommune.no/",
    "hvaler": "https://www.hvaler.kommune.no/",
    "rakkestad": "https://www.rakkestad.kommune.no/",
    "aremark": "https://www.aremark.kommune.no/",
}


def seed(stdout=None) -> None:
    for position, (slug, nb, en) in enumerate(INTERESTS):
        Interest.objects.update_or_create(
            slug=slug, defaults={"name_nb": nb, "name_en": en, "position": position}
        )
    items = {}
    for position, row in enumerate(CHECKLIST):
        key, t_nb, t_en, e_nb, e_en, (link_nb, link_en), nordic, eu, other, children, partner = row
        items[key], _ = ChecklistItem.objects.update_or_create(
            title_en=t_en,
            defaults={
                "title_nb": t_nb,
                "explanation_nb": e_nb,
                "explanation_en": e_en,
                "link_nb": link_nb,
                "link_en": link_en or None,
                "position": position,
                "for_nordic": nordic,
                "for_eu": eu,
                "for_other": other,
                "only_with_children": children,
                "only_with_partner": partner,
            },
        )
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    # Kindergarten and school places are the municipality's: each newcomer gets their own one's site.
    for slug, link in KINDERGARTEN_LINKS.items():
        if slug in municipalities:
            ChecklistItemMunicipalLink.objects.update_or_create(
                item=items["kindergarten"], municipality=municipalities[slug], defaults={"link_nb": link}
            )
    today = timezone.localdate()
    for position, (slug, topic, municipality, t_nb, t_en, b_nb, b_en) in enumerate(PAGES):
        InfoPage.objects.update_or_create(
            slug=slug,
            defaults={
                "topic": topic,
                "municipality": municipalities.get(municipality) if municipality else None,
                "title_nb": t_nb,
                "title_en": t_en,
                "body_nb": b_nb,
                "body_en": b_en,
                "position": position,
                # One page is overdue for review, so the coordinator's warning shows in the demo.
                "last_reviewed": today - dt.timedelta(days=400 if slug == "leisure" else 30),
            },
        )
    employer = Company.objects.members().order_by("name").first()
    now = timezone.now()
    for email, first_name, country, municipality, stage, language in DEMO_NEWCOMERS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "kind": User.Kind.NEWCOMER, "language": language}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        profile, _ = NewcomerProfile.objects.get_or_create(user=user, defaults={"data_consent_at": now})
        # Demo hires registered by a company's HR staff with this address are this newcomer.
        Hire.objects.filter(email__iexact=email, user__isnull=True).update(user=user)
        if stage in {"about", "done", "settled"}:
            profile.citizenship = country
            profile.municipality = municipalities.get(municipality)
            profile.arrival_date = today - dt.timedelta(days=700 if stage == "settled" else 40)
            profile.employer = employer
            profile.languages = "English"
            profile.step = NewcomerProfile.Step.INTERESTS
        if stage in {"done", "settled"}:
            profile.step = NewcomerProfile.Step.DONE
            profile.completed_at = profile.completed_at or now - dt.timedelta(
                days=650 if stage == "settled" else 30
            )
            profile.share_progress_with_employer = True
        profile.save()
        if profile.completed_at:
            Hire.objects.filter(user=user, onboarded_at__isnull=True).update(
                onboarded_at=profile.completed_at
            )
        if stage == "settled":
            for key in ("move", "eu-registration", "tax-card", "bank", "gp"):
                ChecklistTick.objects.get_or_create(profile=profile, item=items[key])
        elif stage == "done":
            ChecklistTick.objects.get_or_create(profile=profile, item=items["move"])
    if stdout:
        stdout.write(
            f"  newcomers: {len(INTERESTS)} interests, {len(CHECKLIST)} checklist items, {len(PAGES)} information "
            f"pages, {len(DEMO_NEWCOMERS)} newcomers at different stages"
        )
