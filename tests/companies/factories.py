import factory

from companies.models import Company, HRStaff
from network.models import User
from tests.network.factories import MunicipalityFactory, UserFactory

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
