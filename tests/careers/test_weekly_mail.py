"""The weekly mail: new openings that fit, once per partner per ISO week, with a link to stop it."""

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from careers import services
from careers.models import CareerProfile
from network.models import OutgoingMail
from tests.companies.factories import JobOpeningFactory, ProfessionalFieldFactory

from .factories import partner_with_profile

pytestmark = pytest.mark.django_db


def _unsubscribe_path(mail) -> str:
    line = next(line for line in mail.body_text.splitlines() if "/weekly-mail/stop/" in line)
    return urlparse(line.strip()).path


def test_new_fitting_openings_are_mailed_once_a_week_in_the_partners_language(client):
    field = ProfessionalFieldFactory(name_en="Health", name_nb="Helse")
    profile = partner_with_profile(fields=[field])
    profile.user.language = "nb"
    profile.user.save(update_fields=["language"])
    other = partner_with_profile(fields=[ProfessionalFieldFactory()])
    JobOpeningFactory(professional_field=field, title_nb="Sykepleier", title_en="Nurse")
    JobOpeningFactory(title_en="Old", title_nb="Gammel", created_at=timezone.now() - dt.timedelta(days=20))

    assert services.weekly_openings_send() == 1
    assert services.weekly_openings_send() == 0  # the same week: nothing new
    [mail] = OutgoingMail.objects.filter(key__startswith="careers:weekly")
    assert mail.to == profile.user.email and mail.language == "nb"
    assert (
        "Sykepleier" in mail.body_text and "ditt fagfelt" in mail.body_text and "Gammel" not in mail.body_text
    )
    assert not OutgoingMail.objects.filter(to=other.user.email).exists()
    # Next week, a new opening: a new mail.
    JobOpeningFactory(professional_field=field, created_at=timezone.now() + dt.timedelta(days=7))
    assert services.weekly_openings_send(now=timezone.now() + dt.timedelta(days=7)) == 1

    # The link asks first (a GET changes nothing), then stops the mail, without logging in.
    path = _unsubscribe_path(mail)
    assert client.get(path).status_code == 200
    assert CareerProfile.objects.get(pk=profile.pk).weekly_mail
    assert client.post(path).status_code == 200
    assert not CareerProfile.objects.get(pk=profile.pk).weekly_mail
    JobOpeningFactory(professional_field=field)
    assert services.weekly_openings_send(now=timezone.now() + dt.timedelta(days=14)) == 0


def test_partners_who_found_work_get_no_weekly_mail():
    field = ProfessionalFieldFactory()
    partner_with_profile(fields=[field], found_work_on=timezone.localdate(), found_work_how="elsewhere")
    JobOpeningFactory(professional_field=field)
    assert services.weekly_openings_send() == 0


@pytest.mark.parametrize("token", ["forged", "a" * 200])
def test_a_forged_unsubscribe_link_is_a_clear_404(client, token):
    response = client.get(f"/en/careers/weekly-mail/stop/{token}/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_the_weekly_mail_carries_list_unsubscribe_headers_for_one_click(django_capture_on_commit_callbacks):
    from django.core import mail as django_mail
    from django.test import Client

    field = ProfessionalFieldFactory()
    profile = partner_with_profile(fields=[field])
    JobOpeningFactory(professional_field=field)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.weekly_openings_send() == 1
    [message] = django_mail.outbox
    assert set(message.extra_headers) == {"List-Unsubscribe", "List-Unsubscribe-Post"}
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The link is signed with a timestamp: it is checked by what it does (below), not by its text.
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">")
    url = header[1:-1]
    assert url.rsplit("/", 2)[0] == services.unsubscribe_url(profile).rsplit("/", 2)[0]
    # The mail program's one-click POST has no session and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(urlparse(url).path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not CareerProfile.objects.get(pk=profile.pk).weekly_mail
