"""Demo partners' careers: the partners of the demo newcomers, with career profiles in several fields
and Norwegian levels, openings that fit them (with a Norwegian requirement), interest both ways.
Safe to run again: rows are updated, never duplicated."""

import datetime as dt

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from companies.models import Company, JobOpening, ProfessionalField
from companies.validators import organisation_number_complete
from network.models import Municipality, User
from newcomers.models import NewcomerProfile, Partner

from .models import CareerProfile, OpeningInterest

DEMO_PARTNER_PASSWORD = "viken-demo-2026"  # noqa: S105 - the README's demo password, set only when DEBUG is on
# (newcomer's e-mail, partner's e-mail, first name, language, fields, education, Norwegian, English,
#  driving licence, max commute, months looking, found work how or "")
PARTNERS = [
    ("arjun@demo.sondreviken.example", "priya@demo.sondreviken.example", "Priya", "en",
     ["health"], "master", "B1", "C1", False, 60, 8, ""),
    ("maria@demo.sondreviken.example", "javier@demo.sondreviken.example", "Javier", "en",
     ["ict"], "bachelor", "A2", "C1", True, 45, 2, ""),
    ("lena@demo.sondreviken.example", "erik@demo.sondreviken.example", "Erik", "nb",
     ["process-industry", "energy"], "vocational", "C1", "B2", True, 40, 5, "network"),
]  # fmt: skip
# Openings that fit them: (company slug, field, municipality, title nb, title en, Norwegian required)
OPENINGS = [
    ("sykehuset-sondre-viken", "health", "fredrikstad", "Helsefagarbeider, sykehjem",
     "Healthcare worker, nursing home", "B1"),
    ("glomma-ikt", "ict", "sarpsborg", "Testleder (engelsktalende team)",
     "Test lead (English-speaking team)", ""),
]  # fmt: skip


def _partner_user(email: str, first_name: str, language: str) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "kind": User.Kind.PARTNER, "language": language}
    )
    if created:
        # A known password only on a development machine, like the other demo logins.
        if settings.DEBUG:
            user.set_password(DEMO_PARTNER_PASSWORD)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _public_member_seed(*, municipality, field, today) -> None:
    """Halden municipality as a public member of the network, with an apprenticeship (læreplass)."""
    number = next(
        n for n in (organisation_number_complete(f"9910{i:04d}") for i in range(90, 200)) if n is not None
    )
    company, _ = Company.objects.update_or_create(
        slug="halden-kommune",
        defaults={
            "name": "Halden kommune",
            "organisation_number": number,
            "municipality": municipality,
            "sector": Company.Sector.PUBLIC,
            "membership": Company.Membership.MEMBER,
            "presentation_nb": "Kommunen er en av regionens største arbeidsgivere.",
            "presentation_en": "The municipality is one of the region's largest employers.",
        },
    )
    company.fields.set([field])
    JobOpening.objects.update_or_create(
        company=company,
        title_en="Apprentice, healthcare work",
        defaults={
            "title_nb": "Lærling i helsearbeiderfaget",
            "professional_field": field,
            "municipality": municipality,
            "description_nb": "Læreplass i to år i kommunens helse- og omsorgstjenester.",
            "description_en": "A two-year apprenticeship in the municipality's health and care services.",
            "kind": JobOpening.Kind.APPRENTICESHIP,
            "extent": "full",
            "open_to_partners": True,
            "norwegian_level_required": "A2",
            "published": True,
            "deadline": today + dt.timedelta(days=40),
            "apply_url": "https://halden-kommune.example/jobs",
        },
    )


def seed(stdout=None) -> None:
    fields = {f.slug: f for f in ProfessionalField.objects.all()}
    companies = {c.slug: c for c in Company.objects.all()}
    households = {p.user.email: p for p in NewcomerProfile.objects.select_related("user", "municipality")}
    if not fields or not households:
        return
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    today = timezone.localdate()
    now = timezone.now()
    for company_slug, field, municipality_slug, t_nb, t_en, level in OPENINGS:
        company = companies.get(company_slug)
        if company is None or municipality_slug not in municipalities:
            continue
        JobOpening.objects.update_or_create(
            company=company,
            title_en=t_en,
            defaults={
                "title_nb": t_nb,
                "professional_field": fields[field],
                "municipality": municipalities[municipality_slug],
                "description_nb": f"{t_nb} hos {company.name}. Stillingen passer godt for partnere til tilflyttere.",
                "description_en": f"{t_en} at {company.name}. A good fit for partners of newcomers.",
                "extent": "full",
                "open_to_partners": True,
                "norwegian_level_required": level,
                "published": True,
                "deadline": today + dt.timedelta(days=35),
                "apply_url": f"https://{company_slug}.example/jobs",
            },
        )
    if "halden" in municipalities and "health" in fields:
        _public_member_seed(municipality=municipalities["halden"], field=fields["health"], today=today)
    made = 0
    for row in PARTNERS:
        newcomer_email, email, first_name, language, field_slugs, education, norwegian, english = row[:8]
        licence, commute, months, found = row[8:]
        household = households.get(newcomer_email)
        if household is None:
            continue
        user = _partner_user(email, first_name, language)
        Partner.objects.update_or_create(
            profile=household,
            defaults={"name": first_name, "email": email, "looking_for_work": True, "user": user},
        )
        looking_since = today - dt.timedelta(days=30 * months)
        profile, _ = CareerProfile.objects.update_or_create(
            user=user,
            defaults={
                "education": education,
                "years_experience": 6,
                "norwegian_level": norwegian,
                "english_level": english,
                "driving_licence": licence,
                "max_commute_minutes": commute,
                "looking_since": looking_since,
                "shown_to_companies_at": now,
                "found_work_on": today - dt.timedelta(days=10) if found else None,
                "found_work_how": found,
            },
        )
        profile.professional_fields.set([fields[s] for s in field_slugs if s in fields])
        made += 1
    # Priya has said she is interested in the nursing-home opening.
    priya = CareerProfile.objects.filter(user__email="priya@demo.sondreviken.example").first()
    opening = JobOpening.objects.filter(title_en=OPENINGS[0][4]).first()
    if priya and opening:
        OpeningInterest.objects.get_or_create(profile=priya, opening=opening)
    if stdout:
        stdout.write(f"  careers: {made} partners with career profiles, {len(OPENINGS)} openings for them")
