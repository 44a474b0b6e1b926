"""The scheme end to end through its pages, as issue #12 asks: a person applies to volunteer, the
coordinator approves, a newcomer asks for a mentor, the coordinator proposes the top suggestion,
both accept by the link in their e-mail, and the newcomer's page shows the mentor — in each
language, with the e-mails in each person's own language."""

import re

import pytest
from django.utils import translation

from mentors import services
from mentors.models import Match, MentorRequest, Volunteer
from network.models import OutgoingMail, User
from tests.network.factories import CoordinatorFactory, MunicipalityFactory, UserFactory
from tests.newcomers.factories import InterestFactory, NewcomerProfileFactory

pytestmark = pytest.mark.django_db


def _link_in(mail: OutgoingMail) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/mentors/answer/\S+/)", mail.body_text).group(1)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_from_application_to_the_mentor_on_the_newcomers_page(
    client, language, django_capture_on_commit_callbacks
):
    halden = MunicipalityFactory(name="Halden")
    hiking = InterestFactory(name_en="Hiking", name_nb="Fjelltur")
    newcomer = NewcomerProfileFactory(municipality=halden, user__language=language, user__first_name="Marta")
    newcomer.interests.add(hiking)
    coordinator = CoordinatorFactory()
    volunteer_user = UserFactory(first_name="Kari", last_name="Nordby", language=language)
    other = UserFactory(first_name="Ola", language=language)  # a second volunteer, further away

    # 1. Two people apply to volunteer on the site.
    for user, municipality, languages in (
        (volunteer_user, halden, ["pl", "nb"]),
        (other, MunicipalityFactory(), ["de"]),
    ):
        client.force_login(user)
        response = client.post(
            f"/{language}/mentors/volunteer/apply/",
            {
                "mentor": "on",
                "municipality": municipality.pk,
                "languages": languages,
                "interests": [hiking.pk] if user == volunteer_user else [],
                "frequency": "fortnightly",
                "capacity": 2,
                "child_age_min": 0,
                "child_age_max": 12,
                "phone": "+47 900 00 000",
                "presentation": "Pensjonert lærer, går gjerne tur.",
                "contact_consent": "on",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    kari = Volunteer.objects.get(user=volunteer_user)
    assert kari.status == Volunteer.Status.APPLIED
    assert User.objects.get(pk=volunteer_user.pk).kind == User.Kind.VOLUNTEER

    # 2. The coordinator approves both.
    with django_capture_on_commit_callbacks(execute=True):
        for volunteer in Volunteer.objects.all():
            services.volunteer_decide(volunteer_id=volunteer.pk, approve=True, by=coordinator)
    welcome = OutgoingMail.objects.get(to=volunteer_user.email, key__startswith="mentors:decision")
    assert welcome.language == language

    # 3. The newcomer asks for a mentor from their page.
    client.force_login(newcomer.user)
    dashboard = client.get(f"/{language}/newcomers/")
    assert f'href="/{language}/mentors/ask/"' in dashboard.content.decode()
    response = client.post(
        f"/{language}/mentors/ask/",
        {
            "scheme": "mentor",
            "hopes": ["outdoors", "language"],
            "languages": ["pl", "en"],
            "message": "Vi liker tur.",
            "contact_consent": "on",
        },
    )
    assert response.status_code == 302
    request = MentorRequest.objects.get(user=newcomer.user)
    assert request.status == MentorRequest.Status.OPEN

    # 4. The coordinator's top suggestion is the volunteer nearby who speaks Polish, with reasons.
    with translation.override(language):
        suggestions = services.suggestions_for_request(request=request)
    assert [s.volunteer for s in suggestions] == [kari, Volunteer.objects.get(user=other)]
    assert len(suggestions[0].reasons) >= 3  # same municipality · Polish · hiking · room
    with django_capture_on_commit_callbacks(execute=True):
        match = services.match_propose(request_id=request.pk, volunteer_id=kari.pk, by=coordinator)

    # 5. Both accept by the link in their e-mail (the link shows a question; only the button answers).
    client.logout()
    for user in (newcomer.user, volunteer_user):
        mail = OutgoingMail.objects.get(to=user.email, key__startswith="mentors:proposed")
        assert mail.language == language
        link = _link_in(mail)
        assert link.startswith(f"/{language}/")
        assert client.get(link).status_code == 200
        assert Match.objects.get(pk=match.pk).status == Match.Status.PROPOSED or user == volunteer_user
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(link, {"accept": "1"}).status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE
    contact = OutgoingMail.objects.get(to=newcomer.user.email, key__startswith="mentors:active")
    assert volunteer_user.email in contact.body_text and "+47 900 00 000" in contact.body_text

    # 6. The newcomer's page shows the mentor with contact details.
    client.force_login(newcomer.user)
    page = client.get(f"/{language}/newcomers/").content.decode()
    assert "Kari Nordby" in page and volunteer_user.email in page
    # … and the volunteer's page shows the newcomer.
    client.force_login(volunteer_user)
    page = client.get(f"/{language}/mentors/volunteer/").content.decode()
    assert newcomer.user.email in page
