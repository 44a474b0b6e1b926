import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from companies.models import (
    Campaign,
    Company,
    Hire,
    HRInvitation,
    HRStaff,
    JobOpening,
    ProfessionalField,
    ServiceOffer,
    TalentCandidate,
    WorkingGroup,
    WorkingGroupDocument,
)
from network.models import User
from tests.network.factories import MunicipalityFactory, UserFactory

# The smallest files that pass the upload checks (the type is sniffed from the content).
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

# Valid MOD11 organisation numbers are generated, not hard-coded, so factories never collide.
_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def make_org_number(n: int) -> str:
    base = 910000000 // 10 + n
    while True:
        digits = f"{base:08d}"[:8]
        remainder = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11
        check = 0 if remainder == 0 else 11 - remainder
        if check != 10:
            return f"{digits}{check}"
        base += 1


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n} AS")
    slug = factory.Sequence(lambda n: f"company-{n}")
    organisation_number = factory.Sequence(lambda n: make_org_number(n * 7))
    municipality = factory.SubFactory(MunicipalityFactory)
    membership = Company.Membership.MEMBER


class HRUserFactory(UserFactory):
    kind = User.Kind.HR


class HRStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HRStaff

    user = factory.SubFactory(HRUserFactory)
    company = factory.SubFactory(CompanyFactory)


class ProfessionalFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfessionalField
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"field-{n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")
    name_nb = factory.Sequence(lambda n: f"Fagfelt {n}")


class HRInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HRInvitation

    company = factory.SubFactory(CompanyFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.com")
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))


class HireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hire

    company = factory.SubFactory(CompanyFactory)
    name = factory.Sequence(lambda n: f"Hire {n}")
    email = factory.Sequence(lambda n: f"hire{n}@example.com")
    position = "Engineer"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class JobOpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobOpening

    company = factory.SubFactory(CompanyFactory)
    title_en = factory.Sequence(lambda n: f"Opening {n}")
    title_nb = factory.Sequence(lambda n: f"Stilling {n}")
    description_en = "What the job is."
    description_nb = "Hva jobben er."
    municipality = factory.SelfAttribute("company.municipality")
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    apply_url = "https://example.com/apply"
    published = True


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    title_en = factory.Sequence(lambda n: f"Campaign {n}")
    title_nb = factory.Sequence(lambda n: f"Kampanje {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    pitch_en = "Come to Søndre Viken."
    pitch_nb = "Kom til Søndre Viken."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    published = True


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name_en = factory.Sequence(lambda n: f"Group {n}")
    name_nb = factory.Sequence(lambda n: f"Gruppe {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    description_en = "What we do."


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupDocument

    group = factory.SubFactory(WorkingGroupFactory)
    title = "Minutes"
    kind = WorkingGroupDocument.Kind.MINUTES
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="minutes.pdf"))


class ServiceOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceOffer

    company = factory.SubFactory(CompanyFactory)
    title_en = factory.Sequence(lambda n: f"Service {n}")
    description_en = "What we offer."


class TalentCandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentCandidate

    name = factory.Sequence(lambda n: f"Candidate {n}")
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
    professional_field = factory.SubFactory(ProfessionalFieldFactory)
    education = TalentCandidate.Education.MASTER
    years_experience = 5
    languages = "English, German"
    permit = TalentCandidate.Permit.EU_EEA
    cv = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="cv.pdf"))
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
