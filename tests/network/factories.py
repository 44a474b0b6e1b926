import factory
from allauth.account.models import EmailAddress

from network.models import ContactPerson, Municipality, Region, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    kind = User.Kind.NEWCOMER
    language = "en"
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Users are verified (allauth EmailAddress) unless `verified=False` is passed."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class CoordinatorFactory(UserFactory):
    kind = User.Kind.COORDINATOR
    is_staff = True

    @factory.post_generation
    def coordinator_group(self, create, extracted, **kwargs):
        if create:
            from network.services import coordinator_group_sync

            self.groups.add(coordinator_group_sync())


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = "Søndre Viken"
    slug = "sondre-viken"
    tagline_nb = "Et godt sted å bo"
    tagline_en = "A good place to live"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")
    # Real municipality numbers run from 0301 to 5636 (seed_demo loads six): stay clear of them.
    number = factory.Sequence(lambda n: f"{9000 + n % 1000}")
    description_nb = "En fin kommune"
    description_en = "A fine municipality"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    region = factory.SubFactory(RegionFactory)
    name = "Ingrid Haugen"
    title_nb = "Kontaktperson"
    title_en = "Contact person"
    email = "kontakt@example.com"
    phone = "+47 69 00 00 00"
