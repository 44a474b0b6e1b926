"""The weekly digest: what fits a person, once per ISO week, skipped when empty, stoppable by link."""

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from events.models import Audience
from network.models import InfoPage, OutgoingMail
from newcomers.models import NewcomerProfile
from stories import digest
from tests.events.factories import CategoryFactory, EventFactory
from tests.network.factories import MunicipalityFactory
from tests.newcomers.factories import InterestFactory, NewcomerProfileFactory

from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def _in_days(days: float):
    starts = timezone.now() + dt.timedelta(days=days)
    return {"starts_at": starts, "ends_at": starts + dt.timedelta(hours=2)}


def _profile(**kwargs):
    return NewcomerProfileFactory(weekly_digest=True, **kwargs)


def _digest_of(profile):
    profile = NewcomerProfile.objects.select_related("user").get(pk=profile.pk)
    return digest.digest_for(
        profile=profile,
        material=digest.digest_material(),
        interest_slugs=set(profile.interests.values_list("slug", flat=True)),
    )


def test_activities_in_the_persons_municipality_and_language_in_the_coming_two_weeks_fit():
    home, elsewhere = MunicipalityFactory(), MunicipalityFactory()
    profile = _profile(municipality=home, has_children=False)
    fits = EventFactory(municipality=home, language="en", title_en="Fits", **_in_days(3))
    EventFactory(municipality=home, language="both", title_en="Both languages", **_in_days(5))
    EventFactory(municipality=elsewhere, language="en", title_en="Elsewhere", **_in_days(3))
    EventFactory(municipality=home, language="nb", title_en="Norwegian only", **_in_days(3))
    EventFactory(municipality=home, language="en", title_en="Too late", **_in_days(20))
    EventFactory(municipality=home, audience=Audience.COMPANIES, title_en="For HR", **_in_days(2))
    found = _digest_of(profile)
    assert [e.title_en for e in found.events] == ["Fits", "Both languages"]
    assert found.events[0] == fits


def test_activities_elsewhere_fit_when_their_category_is_one_of_the_persons_interests():
    home = MunicipalityFactory()
    profile = _profile(municipality=home)
    profile.interests.set([InterestFactory(slug="kids")])
    EventFactory(category=CategoryFactory(slug="family"), title_en="Family day", **_in_days(4))
    EventFactory(category=CategoryFactory(slug="culture"), title_en="Opera", **_in_days(4))
    assert [e.title_en for e in _digest_of(profile).events] == ["Family day"]


def test_a_household_with_children_gets_activities_with_childcare_or_for_families():
    home = MunicipalityFactory()
    profile = _profile(municipality=home, has_children=True)
    EventFactory(municipality=home, childcare_offered=True, title_en="With childcare", **_in_days(2))
    EventFactory(municipality=home, audience=Audience.FAMILIES, title_en="For families", **_in_days(3))
    EventFactory(municipality=home, title_en="Adults only", **_in_days(4))
    assert [e.title_en for e in _digest_of(profile).events] == ["With childcare", "For families"]


def test_new_stories_and_practical_pages_of_the_past_week_fit_but_not_other_municipalities_pages():
    home, elsewhere = MunicipalityFactory(), MunicipalityFactory()
    profile = _profile(municipality=home)
    StoryFactory(title_en="New story")
    StoryFactory(title_en="Old story", published_at=timezone.now() - dt.timedelta(days=10))
    StoryFactory(title_en="My own", author=profile.user)
    for slug, municipality in [("region", None), ("here", home), ("there", elsewhere)]:
        InfoPage.objects.create(
            topic="health", slug=slug, title_en=slug, body_en="…", municipality=municipality,
            last_reviewed=timezone.localdate(),
        )  # fmt: skip
    found = _digest_of(profile)
    assert [s.title_en for s in found.stories] == ["New story"]
    assert sorted(p.slug for p in found.pages) == ["here", "region"]


def test_the_digest_is_sent_once_per_week_and_skips_people_with_nothing_new(
    django_capture_on_commit_callbacks,
):
    home = MunicipalityFactory()
    profile = _profile(municipality=home)
    quiet = _profile(municipality=MunicipalityFactory())
    NewcomerProfileFactory(municipality=home, weekly_digest=False)  # did not ask for it
    EventFactory(municipality=home, title_en="Board games", **_in_days(3))
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.weekly_digest_send() == 1
        assert digest.weekly_digest_send() == 0  # a second run (or a retried task) the same week
    [sent] = OutgoingMail.objects.filter(key__startswith="stories:digest")
    assert sent.to == profile.user.email and "Board games" in sent.body_text
    assert not OutgoingMail.objects.filter(to=quiet.user.email).exists()
    # The next week, there is a digest again.
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.weekly_digest_send(now=timezone.now() + dt.timedelta(days=7)) == 0  # nothing new
        EventFactory(municipality=home, title_en="Quiz", **_in_days(9))
        assert digest.weekly_digest_send(now=timezone.now() + dt.timedelta(days=7)) == 1


def test_every_digest_carries_list_unsubscribe_headers(django_capture_on_commit_callbacks):
    profile = _profile()
    EventFactory(municipality=profile.municipality, **_in_days(1))
    with django_capture_on_commit_callbacks(execute=True):
        digest.weekly_digest_send()
    [message] = django_mail.outbox
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">")
    url = header[1:-1]
    # The link is signed with a timestamp, so compare what it stands for, not its text.
    token = urlparse(url).path.rstrip("/").rsplit("/", 1)[1]
    assert digest.profile_from_unsubscribe_token(token=token) == profile
    assert url.split("/stop/")[0] == digest.unsubscribe_url(profile).split("/stop/")[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in message.message().as_string()
    assert url in message.body


def test_the_unsubscribe_link_asks_first_and_stops_only_the_digest_on_post(client):
    profile = _profile()
    path = urlparse(digest.unsubscribe_url(profile)).path
    for language in ("en", "nb"):
        page = client.get(path.replace("/en/", f"/{language}/", 1))
        assert page.status_code == 200 and b"<form" in page.content
    profile.refresh_from_db()
    assert profile.weekly_digest  # a GET (a link scanner) changes nothing
    # A mail program's one-click POST comes without a session or a CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    profile.refresh_from_db()
    assert not profile.weekly_digest


@pytest.mark.parametrize("token", ["forged", "a" * 80])
def test_a_forged_unsubscribe_link_is_a_clear_page_not_an_error(client, token):
    for language in ("en", "nb"):
        response = client.get(f"/{language}/stories/digest/stop/{token}/")
        assert response.status_code == 404
        assert response.context["reason"]
        if language == "nb":
            assert "Denne lenken er ikke gyldig" in response.content.decode()
        assert client.post(f"/{language}/stories/digest/stop/{token}/").status_code == 404


def test_a_link_for_another_purpose_is_refused(client):
    from companies.services import link_token

    profile = _profile()
    token = link_token(purpose="careers-weekly-stop", pk=profile.pk)
    assert client.post(f"/en/stories/digest/stop/{token}/").status_code == 404
    profile.refresh_from_db()
    assert profile.weekly_digest


def test_the_task_and_its_schedule(settings):
    from stories.tasks import weekly_digest_task

    assert (
        settings.CELERY_BEAT_SCHEDULE["stories-weekly-digest"]["task"] == "stories.tasks.weekly_digest_task"
    )
    assert weekly_digest_task() == 0


def test_the_digest_uses_the_same_reads_for_everyone(django_assert_max_num_queries):
    for _ in range(5):
        profile = _profile()
        EventFactory(municipality=profile.municipality, **_in_days(1))
    material = digest.digest_material()
    profiles = list(digest.digest_recipients())
    with django_assert_max_num_queries(0):
        for profile in profiles:
            digest.digest_for(
                profile=profile, material=material, interest_slugs={i.slug for i in profile.interests.all()}
            )
