"""Companies demo data: fictional member companies across the six municipalities, their HR staff,
hires at every stage of the onboarding board, job openings, a joint campaign, working groups and
services. Safe to run again: rows are found by a natural key and updated."""

import datetime as dt

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from network.models import Municipality, User

from .models import (
    Campaign,
    Company,
    Hire,
    HRStaff,
    JobOpening,
    ProfessionalField,
    ServiceOffer,
    WorkingGroup,
)
from .validators import organisation_number_complete

PROFESSIONAL_FIELDS = [
    ("energy", "Energi og kjernekraft", "Energy and nuclear"),
    ("ict", "IKT", "ICT"),
    ("health", "Helse", "Health"),
    ("process-industry", "Prosessindustri", "Process industry"),
    ("research", "Forskning", "Research"),
]

# (slug, name, first eight digits of the organisation number, municipality, sector, size, fields,
#  membership, presentation nb, presentation en)
COMPANIES = [
    ("alvheim-energiforskning", "Alvheim Energiforskning AS", "99100001", "halden", "research", "large",
     ["energy", "research"], "member",
     "Forskning på sikker kjernekraft og fornybar energi, med kolleger fra over 30 land.",
     "Research on safe nuclear power and renewable energy, with colleagues from more than 30 countries."),
    ("glomma-ikt", "Glomma IKT AS", "99100006", "fredrikstad", "private", "medium", ["ict"], "member",
     "Programvare for industri og helse. Engelsk er arbeidsspråket i utviklingsteamene.",
     "Software for industry and health. English is the working language of the development teams."),
    ("sarpsborg-biokjemi", "Sarpsborg Biokjemi AS", "99100003", "sarpsborg", "private", "xlarge",
     ["process-industry", "research"], "member",
     "Bioraffineri som lager kjemikalier og materialer av tømmer.",
     "A biorefinery making chemicals and materials from timber."),
    ("sykehuset-sondre-viken", "Sykehuset Søndre Viken HF", "99100004", "sarpsborg", "public", "xlarge",
     ["health", "research"], "member",
     "Regionens sykehus, med leger og sykepleiere fra hele Europa.",
     "The region's hospital, with doctors and nurses from all over Europe."),
    ("hvaler-havforskning", "Hvaler Havforskning AS", "99100005", "hvaler", "research", "small",
     ["research"], "member",
     "Marin forskning i Ytre Hvaler nasjonalpark.",
     "Marine research in Ytre Hvaler national park."),
    ("rakkestad-prosessteknikk", "Rakkestad Prosessteknikk AS", "99100008", "rakkestad", "private", "medium",
     ["process-industry"], "member",
     "Automatisering og vedlikehold for prosessindustrien.",
     "Automation and maintenance for the process industry."),
    ("aremark-tre", "Aremark Tre AS", "99100007", "aremark", "private", "small",
     ["process-industry"], "prospect", "Trelast og massivtre.", "Timber and cross-laminated wood."),
    ("borg-data", "Borg Data AS", "99100009", "sarpsborg", "private", "small", ["ict"], "former",
     "IT-drift for små bedrifter.", "IT operations for small businesses."),
]  # fmt: skip

DEMO_HR = [
    # (email, first name, last name, company slug)
    ("hr@alvheim.demo.sondreviken.example", "Ingrid", "Berg", "alvheim-energiforskning"),
    ("hr@glomma.demo.sondreviken.example", "Jonas", "Lie", "glomma-ikt"),
    ("hr@sykehuset.demo.sondreviken.example", "Kari", "Nilsen", "sykehuset-sondre-viken"),
]
DEMO_HR_PASSWORD = "viken-demo-2026"  # noqa: S105 - demo data, set only when DEBUG is on

# (email, name, position, field, stage, days: how long ago the stage began)
HIRES = [
    ("chen.wei@example.com", "Chen Wei", "Reactor physicist", "energy", "registered", 0),
    ("olga.petrenko@example.com", "Olga Petrenko", "Safety engineer", "energy", "invited", 10),
    ("daniel.kim@example.com", "Daniel Kim", "Data scientist", "research", "invited", 2),
    ("lucas.martin@example.com", "Lucas Martin", "Materials researcher", "research", "arrived", 20),
    ("arjun@demo.sondreviken.example", "Arjun Sharma", "Software engineer", "ict", "onboarded", 40),
    ("maria@demo.sondreviken.example", "Maria García", "Research scientist", "energy", "one_year", 700),
    ("sofia.rossi@example.com", "Sofia Rossi", "Chemist", "research", "left", 400),
]

OPENINGS = [
    # (company, field, municipality, title nb, title en, extent, partners, published, days to deadline)
    ("glomma-ikt", "ict", "fredrikstad", "Backend-utvikler (Python)", "Backend developer (Python)", "full", False, True, 45),
    ("glomma-ikt", "ict", "fredrikstad", "Frontend-utvikler", "Frontend developer", "full", True, True, 30),
    ("alvheim-energiforskning", "energy", "halden", "Forsker, reaktorsikkerhet", "Research scientist, reactor safety", "full", False, True, 60),
    ("alvheim-energiforskning", "ict", "halden", "Utvikler, simulering", "Software developer, simulation", "full", True, True, 40),
    ("sykehuset-sondre-viken", "health", "sarpsborg", "Sykepleier, medisinsk avdeling", "Nurse, medical ward", "part", True, True, 25),
    ("sarpsborg-biokjemi", "process-industry", "sarpsborg", "Prosessingeniør", "Process engineer", "full", False, True, 50),
    ("glomma-ikt", "ict", "fredrikstad", "Teamleder (utkast)", "Team lead (draft)", "full", False, False, 70),
]  # fmt: skip

WORKING_GROUPS = [
    ("recruitment", "Rekruttering", "Recruitment",
     "Felles rekrutteringskampanjer og messer.", "Joint recruitment campaigns and fairs."),
    ("onboarding", "Mottak og onboarding", "Onboarding",
     "Erfaringer med mottak av nye medarbeidere fra utlandet.", "Experience with receiving new staff from abroad."),
    ("spouse-careers", "Partnerkarriere", "Spouse careers",
     "Hvordan hjelper vi partnere inn i arbeidslivet?", "How do we help partners find work?"),
]  # fmt: skip


def _fields_seed() -> dict[str, ProfessionalField]:
    fields = {}
    for position, (slug, name_nb, name_en) in enumerate(PROFESSIONAL_FIELDS):
        fields[slug], _ = ProfessionalField.objects.update_or_create(
            slug=slug, defaults={"name_nb": name_nb, "name_en": name_en, "position": position}
        )
    return fields


def _companies_seed(fields, municipalities) -> dict[str, Company]:
    companies = {}
    for slug, name, digits, municipality, sector, size, field_slugs, membership, p_nb, p_en in COMPANIES:
        company, _ = Company.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "organisation_number": organisation_number_complete(digits),
                "municipality": municipalities[municipality],
                "sector": sector,
                "size": size,
                "membership": membership,
                "member_since": dt.date(2019, 1, 1) if membership != "prospect" else None,
                "website": f"https://{slug}.example",
                "presentation_nb": p_nb,
                "presentation_en": p_en,
            },
        )
        company.fields.set([fields[f] for f in field_slugs])
        companies[slug] = company
    return companies


def _hr_seed(companies) -> list[User]:
    users = []
    for email, first_name, last_name, company_slug in DEMO_HR:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name, "kind": User.Kind.HR}
        )
        if created:
            # A known password only on a development machine; elsewhere the coordinator resets it.
            if settings.DEBUG:
                user.set_password(DEMO_HR_PASSWORD)
            else:
                user.set_unusable_password()
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if not HRStaff.objects.filter(user=user, left_at__isnull=True).exists():
            HRStaff.objects.create(user=user, company=companies[company_slug])
        users.append(user)
    return users


def _hires_seed(company, registered_by, fields, municipality) -> None:
    now = timezone.now()
    today = timezone.localdate()
    for email, name, position, field, stage, days in HIRES:
        since = today - dt.timedelta(days=days)
        reached = ["registered", "invited", "arrived", "onboarded", "one_year"]
        step = reached.index(stage) if stage in reached else len(reached)
        Hire.objects.update_or_create(
            company=company,
            email=email,
            defaults={
                "name": name,
                "position": position,
                "professional_field": fields[field],
                "start_date": since + dt.timedelta(days=14),
                "expected_arrival": since,
                "municipality": municipality,
                "registered_by": registered_by,
                "created_at": now - dt.timedelta(days=days + 5),
                "invited_at": now - dt.timedelta(days=days) if step >= 1 else None,
                "accepted_at": now - dt.timedelta(days=max(days - 1, 0)) if step >= 2 else None,
                "arrived_on": since if step >= 2 else None,
                "left_region_on": today - dt.timedelta(days=30) if stage == "left" else None,
                "left_reason": "Partner got a job in Oslo" if stage == "left" else "",
            },
        )


def seed(stdout=None) -> None:
    fields = _fields_seed()
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    if not municipalities:
        return
    companies = _companies_seed(fields, municipalities)
    hr_users = _hr_seed(companies)
    _hires_seed(companies["alvheim-energiforskning"], hr_users[0], fields, municipalities["halden"])
    today = timezone.localdate()
    openings = []
    for company, field, municipality, t_nb, t_en, extent, partners, published, days in OPENINGS:
        opening, _ = JobOpening.objects.update_or_create(
            company=companies[company],
            title_en=t_en,
            defaults={
                "title_nb": t_nb,
                "professional_field": fields[field],
                "municipality": municipalities[municipality],
                "description_nb": f"{t_nb} hos {companies[company].name}. Vi tilbyr et internasjonalt miljø, "
                "fleksibel arbeidstid og hjelp til hele familien med å etablere seg i regionen.",
                "description_en": f"{t_en} at {companies[company].name}. We offer an international team, "
                "flexible hours and help for the whole family to settle in the region.",
                "extent": extent,
                "open_to_partners": partners,
                "published": published,
                "deadline": today + dt.timedelta(days=days),
                "apply_url": f"https://{company}.example/jobs",
            },
        )
        openings.append(opening)
    campaign, _ = Campaign.objects.update_or_create(
        slug="software-developers-spring",
        defaults={
            "title_nb": "Programvareutviklere til Søndre Viken – våren",
            "title_en": "Software developers to Søndre Viken, spring",
            "pitch_nb": "Kort vei til sjø og skog, barnehageplass og et nettverk som tar imot hele familien. "
            "Medlemsbedriftene søker utviklere – på engelsk.",
            "pitch_en": "The sea and the forest close by, kindergarten places, and a network that welcomes the "
            "whole family. The member companies are hiring developers, in English.",
            "starts_on": today - dt.timedelta(days=7),
            "ends_on": today + dt.timedelta(days=120),
            "published": True,
        },
    )
    campaign.openings.set([o for o in openings if o.professional_field.slug == "ict" and o.published])
    for slug, name_nb, name_en, d_nb, d_en in WORKING_GROUPS:
        group, _ = WorkingGroup.objects.update_or_create(
            slug=slug,
            defaults={"name_nb": name_nb, "name_en": name_en, "description_nb": d_nb, "description_en": d_en},
        )
        if slug in ("recruitment", "spouse-careers"):
            group.members.add(*hr_users)
    ServiceOffer.objects.update_or_create(
        company=companies["glomma-ikt"],
        title_en="Onboarding course for international staff",
        defaults={
            "title_nb": "Introduksjonskurs for internasjonalt ansatte",
            "description_nb": "To dager om norsk arbeidsliv og kultur, på engelsk. Plass til fem fra andre bedrifter.",
            "description_en": "Two days on Norwegian working life and culture, in English. Room for five from "
            "other companies.",
        },
    )
    ServiceOffer.objects.update_or_create(
        company=companies["sykehuset-sondre-viken"],
        title_en="Norwegian lessons for health workers",
        defaults={
            "title_nb": "Norskundervisning for helsepersonell",
            "description_nb": "Fagnorsk for helsearbeidere, tirsdager etter jobb.",
            "description_en": "Norwegian for health work, Tuesdays after work.",
        },
    )
    if stdout:
        stdout.write(
            f"  companies: {len(COMPANIES)} companies, {len(DEMO_HR)} HR staff, {len(HIRES)} hires, "
            f"{len(OPENINGS)} openings, 1 campaign, {len(WORKING_GROUPS)} working groups"
        )
        if settings.DEBUG:
            stdout.write(f"  HR demo login: {DEMO_HR[0][0]} / {DEMO_HR_PASSWORD}")
