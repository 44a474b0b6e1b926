"""Working groups with shared documents, and services that members offer each other."""

import mimetypes

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from companies.models import Company, ServiceOffer, ServiceRequest, WorkingGroupDocument
from companies.selectors import document_get_for_reader
from tests.conftest import close_download
from tests.network.factories import CoordinatorFactory, UserFactory

from .factories import (
    PDF_BYTES,
    DocumentFactory,
    HRStaffFactory,
    ServiceOfferFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def _declared(name: str) -> str:
    """The type a browser declares for a file name."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _upload(client, group, name, content, title="Agenda"):
    return client.post(
        f"/en/companies/hr/working-groups/{group.slug}/",
        {
            "title": title,
            "kind": "agenda",
            "file": SimpleUploadedFile(name, content, content_type=_declared(name)),
        },
    )


def test_joining_a_group_and_sharing_a_document(client, hr):
    group = WorkingGroupFactory()
    assert "Join the group" in client.get(f"/en/companies/hr/working-groups/{group.slug}/").content.decode()
    # Not a member yet: uploads are refused.
    assert _upload(client, group, "agenda.pdf", PDF_BYTES).status_code == 403
    client.post(f"/en/companies/hr/working-groups/{group.slug}/membership/", {"action": "join"})
    assert hr.user in group.members.all()
    assert _upload(client, group, "agenda.pdf", PDF_BYTES).status_code == 302
    document = WorkingGroupDocument.objects.get()
    assert document.uploaded_by == hr.user and document.group == group
    page = client.get(f"/en/companies/hr/working-groups/{group.slug}/").content.decode()
    assert "Agenda" in page and hr.company.name in page
    response = client.get(f"/en/companies/documents/{document.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert 'attachment; filename="Agenda.pdf"' == response["Content-Disposition"]
    client.post(f"/en/companies/hr/working-groups/{group.slug}/membership/", {"action": "leave"})
    assert hr.user not in group.members.all()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("evil.pdf", b"<script>alert(1)</script>", "This file type is not accepted."),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "This file type is not accepted."),
        ("huge.pdf", PDF_BYTES + b"0" * (10 * 1024 * 1024), "The file is too large"),
    ],
)
def test_wrong_type_or_oversized_uploads_are_refused_by_content(client, hr, name, content, message):
    group = WorkingGroupFactory()
    group.members.add(hr.user)
    DocumentFactory(group=group, title="Earlier minutes")
    response = _upload(client, group, name, content, title="New")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(WorkingGroupDocument.objects.values_list("title", flat=True)) == ["Earlier minutes"]


def test_documents_are_only_for_the_groups_members_and_the_coordinator(client):
    document = DocumentFactory()
    client.force_login(UserFactory())
    assert client.get(f"/en/companies/documents/{document.pk}/").status_code == 403
    # HR of a member company that is not in the group: refused by the selector, not only the view.
    outsider = HRStaffFactory().user
    client.force_login(outsider)
    assert client.get(f"/en/companies/documents/{document.pk}/").status_code == 403
    with pytest.raises(PermissionDenied):
        document_get_for_reader(user=outsider, pk=document.pk)
    document.group.members.add(outsider)
    response = client.get(f"/en/companies/documents/{document.pk}/")
    assert response.status_code == 200
    close_download(response)
    former = HRStaffFactory(company__membership=Company.Membership.FORMER)
    client.force_login(former.user)
    assert client.get(f"/en/companies/documents/{document.pk}/").status_code == 403
    client.force_login(CoordinatorFactory())
    response = client.get(f"/en/companies/documents/{document.pk}/")
    assert response.status_code == 200
    close_download(response)


def test_offering_a_service_needs_a_text_in_one_language(client, hr):
    response = client.post("/en/companies/hr/services/new/", {"title_en": "", "description_en": ""})
    assert "Fill in the title in at least one language." in response.content.decode()
    assert not ServiceOffer.objects.exists()
    response = client.post(
        "/nb/companies/hr/services/new/",
        {"title_nb": "Introduksjonskurs", "description_nb": "To dager.", "active": "on"},
    )
    assert response.status_code == 302
    offer = ServiceOffer.objects.get()
    assert offer.company == hr.company
    # Shown in English too, falling back to the Norwegian text.
    other = HRStaffFactory()
    client.force_login(other.user)
    assert "Introduksjonskurs" in client.get("/en/companies/hr/services/").content.decode()


def test_a_request_is_stored_and_mailed_to_the_offering_company(
    client, hr, mailoutbox, django_capture_on_commit_callbacks
):
    offering = HRStaffFactory(user__language="nb")
    colleague = HRStaffFactory(company=offering.company)
    offer = ServiceOfferFactory(company=offering.company, title_en="Relocation help")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/companies/hr/services/{offer.pk}/request/", {"message": "Two engineers arrive in March."}
        )
    assert response.status_code == 302
    request = ServiceRequest.objects.get()
    assert request.company == hr.company and request.requested_by == hr.user
    assert sorted(m.to[0] for m in mailoutbox) == sorted([offering.user.email, colleague.user.email])
    assert all("Two engineers arrive in March." in m.body and hr.user.email in m.body for m in mailoutbox)
    # The offering company sees the request; the requesting company sees what it sent.
    client.force_login(offering.user)
    assert "Two engineers arrive in March." in client.get("/en/companies/hr/services/").content.decode()


def test_a_request_needs_a_message_and_cannot_go_to_your_own_company(client, hr):
    offer = ServiceOfferFactory()
    response = client.post(f"/en/companies/hr/services/{offer.pk}/request/", {"message": ""})
    assert "This field is required." in response.content.decode()
    own = ServiceOfferFactory(company=hr.company)
    assert client.post(f"/en/companies/hr/services/{own.pk}/request/", {"message": "Hi"}).status_code == 404
    assert not ServiceRequest.objects.exists()


def test_hr_cannot_edit_another_companys_service(client, hr):
    offer = ServiceOfferFactory(title_en="Theirs")
    response = client.post(
        f"/en/companies/hr/services/{offer.pk}/", {"title_en": "Mine", "description_en": "x"}
    )
    assert response.status_code == 404
    offer.refresh_from_db()
    assert offer.title_en == "Theirs"


def test_former_members_keep_their_hires_but_not_the_network(client):
    former = HRStaffFactory(company__membership=Company.Membership.FORMER)
    client.force_login(former.user)
    assert client.get("/en/companies/hr/hires/").status_code == 200
    for url in (
        "/en/companies/hr/services/",
        "/en/companies/hr/working-groups/",
        "/en/companies/hr/talent-pool/",
    ):
        assert client.get(url).status_code == 403
