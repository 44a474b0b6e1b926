"""The coordinator writes to the HR staff of member companies: members' current HR staff only, each in
their own language, once."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from companies import services
from companies.models import Company, HRMessage
from network.models import OutgoingMail
from network.tasks import mailing_send

from .factories import CompanyFactory, HRStaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    member = CompanyFactory(name="Alvheim Maritime AS")
    other_member = CompanyFactory(name="Borg Bioteknikk AS")
    former = CompanyFactory(membership=Company.Membership.FORMER)
    staff = {
        "hilde": HRStaffFactory(company=member, user__first_name="Hilde", user__language="nb").user,
        "sam": HRStaffFactory(company=other_member, user__first_name="Sam", user__language="en").user,
        "left": HRStaffFactory(company=member, user__first_name="Lars", left_at=timezone.now()).user,
        "former": HRStaffFactory(company=former, user__first_name="Frida").user,
    }
    return [member, other_member, former], staff


def test_members_current_hr_staff_get_it_in_their_language(
    coordinator, network, django_capture_on_commit_callbacks, mailoutbox
):
    companies, staff = network
    with django_capture_on_commit_callbacks(execute=True):
        message = services.hr_message_send(
            company_ids=[c.pk for c in companies],
            subject_nb="Nettverksmøte flyttet",
            body_nb="Møtet er flyttet til torsdag.",
            subject_en="Network meeting moved",
            body_en="The meeting moved to Thursday.",
            by=coordinator,
        )
    by_person = {m.to[0]: m.subject for m in mailoutbox}
    assert by_person == {
        staff["hilde"].email: "Nettverksmøte flyttet",
        staff["sam"].email: "Network meeting moved",
    }
    assert message.recipient_count == 2
    assert set(message.companies.all()) == set(companies[:2])  # the former member is not on it
    assert dict(message.recipients.values_list("user__first_name", "company__name")) == {
        "Hilde": "Alvheim Maritime AS",
        "Sam": "Borg Bioteknikk AS",
    }
    mailing_send("companies.HRMessage", message.pk)  # a retry sends nothing twice
    assert OutgoingMail.objects.filter(key__startswith="companies:message:").count() == 2


def test_only_the_coordinator_may_write(network):
    companies, staff = network
    with pytest.raises(PermissionDenied):
        services.hr_message_send(
            company_ids=[companies[0].pk], subject_en="x", body_en="y", by=staff["hilde"]
        )
    assert not HRMessage.objects.exists()


def test_the_action_on_the_companies_list(
    client, coordinator, network, django_capture_on_commit_callbacks, mailoutbox
):
    companies, staff = network
    client.force_login(coordinator)
    with translation.override("en"):
        changelist = reverse("admin:companies_company_changelist")
    data = {"action": "message_hr_staff", "_selected_action": [c.pk for c in companies]}
    page = client.post(changelist, data).content.decode()
    assert "Hilde" in page and "Sam" in page and "Lars" not in page and "Frida" not in page
    texts = {"subject_en": "Joint job fair", "body_en": "Stands are free for members."}
    preview = client.post(changelist, {**data, "preview": "1", **texts}).content.decode()
    assert "As 1 reader of Norwegian Bokmål gets it" in preview
    assert "(Denne meldingen er bare skrevet på engelsk.)" in preview  # told in their own language
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(changelist, {**data, "apply": "1", **texts})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "“Joint job fair” is being sent to 2 people, each in their own e-mail."
    ]
    assert len(mailoutbox) == 2
