"""Demo stories by the demo newcomers (one translated by the coordinator, one waiting for review),
and the weekly digest turned on for two of them. Safe to run again: rows are updated, never
duplicated."""

import datetime as dt

from django.utils import timezone

from network.models import User
from newcomers.models import NewcomerProfile

from .models import Story

# (author's e-mail, status, language, (title nb, body nb), (title en, body en), days ago)
STORIES = [
    ("maria@demo.sondreviken.example", "published", "en",
     ("Min første vinter ved Glomma",
      "Jeg hadde aldri gått på ski før. Naboen lånte meg et par, og nå går vi i lysløypa hver "
      "torsdag. Det beste rådet jeg fikk: kjøp ull, ikke bomull."),
     ("My first winter by the Glomma",
      "I had never been on skis before. My neighbour lent me a pair, and now we go to the floodlit "
      "track every Thursday. The best advice I got: buy wool, not cotton."),
     12),
    ("arjun@demo.sondreviken.example", "published", "en",
     ("", ""),
     ("Cricket on Fredriksten",
      "We found six other families who play cricket. On summer evenings we meet on the grass below "
      "the fortress, and the Norwegian children have started to join in."),
     4),
    ("lena@demo.sondreviken.example", "submitted", "nb",
     ("Dugnad – ordet alle bruker",
      "Den første uka i barnehagen fikk vi en lapp om dugnad. Nå vet jeg at det betyr kaffe, "
      "kake og å bli kjent med de andre foreldrene."),
     ("", ""),
     1),
]  # fmt: skip
DIGEST_FOR = ["maria@demo.sondreviken.example", "arjun@demo.sondreviken.example"]


def seed(stdout=None) -> None:
    now = timezone.now()
    authors = {user.email: user for user in User.objects.filter(email__in=[row[0] for row in STORIES])}
    created = 0
    for email, status, language, (title_nb, body_nb), (title_en, body_en), days_ago in STORIES:
        author = authors.get(email)
        if author is None:
            continue
        published = status == Story.Status.PUBLISHED
        _story, was_created = Story.objects.update_or_create(
            author=author,
            title_en=title_en,
            title_nb=title_nb,
            defaults={
                "body_nb": body_nb,
                "body_en": body_en,
                "language": language,
                "status": status,
                "consent_at": now - dt.timedelta(days=days_ago + 1),
                "published_at": now - dt.timedelta(days=days_ago) if published else None,
            },
        )
        created += was_created
    NewcomerProfile.objects.filter(user__email__in=DIGEST_FOR).update(weekly_digest=True)
    if stdout is not None:
        stdout.write(
            f"  stories: {len(STORIES)} stories ({created} new), the weekly digest for {len(DIGEST_FOR)}"
        )
