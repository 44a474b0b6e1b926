import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from stories.models import Story, StoryPhoto
from tests.companies.factories import PNG_BYTES
from tests.network.factories import UserFactory


class StoryFactory(factory.django.DjangoModelFactory):
    """A published story, written in English (pass status=… for another state)."""

    class Meta:
        model = Story

    author = factory.SubFactory(UserFactory)
    title_en = factory.Sequence(lambda n: f"My first winter {n}")
    body_en = "Skiing in the forest behind the house, and the sauna afterwards."
    title_nb = ""
    body_nb = ""
    language = "en"
    consent_at = factory.LazyFunction(timezone.now)
    status = Story.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class StoryPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryPhoto

    story = factory.SubFactory(StoryFactory)
    image = factory.LazyFunction(lambda: ContentFile(PNG_BYTES, name="photo.png"))
    alt_text = "A frozen lake at sunset"
