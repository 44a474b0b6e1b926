"""The access layer (network/access.py) is the one place that decides roles."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from companies import services as company_services
from companies.models import Company, WorkingGroupDocument
from network.access import roles_of
from network.models import User
from tests.companies.factories import (
    CompanyFactory,
    HRStaffFactory,
    ServiceOfferFactory,
    WorkingGroupFactory,
)
from tests.mentors.factories import VolunteerFactory
from tests.network.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = ("network", "events", "companies", "newcomers")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_roles_of_each_kind_of_person():
    coordinator = roles_of(CoordinatorFactory())
    newcomer = roles_of(UserFactory(kind=User.Kind.NEWCOMER))
    partner = roles_of(UserFactory(kind=User.Kind.PARTNER))
    volunteer = roles_of(VolunteerFactory().user)
    hr = roles_of(HRStaffFactory().user)
    anonymous = roles_of(AnonymousUser())

    assert coordinator.coordinator and coordinator.network_member and not coordinator.household
    assert newcomer.newcomer and newcomer.household and not newcomer.hr
    assert partner.partner and partner.household and not partner.newcomer
    assert volunteer.volunteer and not volunteer.household
    assert hr.hr and hr.member_hr and hr.network_member and not hr.household
    assert not any(
        (
            anonymous.authenticated,
            anonymous.coordinator,
            anonymous.household,
            anonymous.hr,
            anonymous.volunteer,
        )
    )
    # A volunteer is one the coordinator approved: the label alone makes nobody one.
    assert not roles_of(UserFactory(kind=User.Kind.VOLUNTEER)).volunteer
    assert [r.landing for r in (coordinator, newcomer, partner, hr, volunteer, anonymous)] == [
        "admin:index",
        "newcomers:dashboard",
        "newcomers:dashboard",
        "companies:hr_dashboard",
        "mentors:volunteer_home",
        "home",
    ]


def test_an_inactive_staff_account_is_not_the_coordinator():
    assert not roles_of(CoordinatorFactory(is_active=False)).coordinator


def test_hr_of_a_company_that_is_not_a_member_is_hr_but_not_member_hr():
    roles = roles_of(HRStaffFactory(company=CompanyFactory(membership=Company.Membership.FORMER)).user)
    assert roles.hr and not roles.member_hr and not roles.network_member


def test_hr_who_left_their_company_has_no_hr_workspace_in_the_menu(client):
    """The menu once tested `user.kind == "hr"`, so a person who had left still saw the HR workspace
    and got a 403 when they followed it."""
    position = HRStaffFactory()
    client.force_login(position.user)
    workspace = reverse("companies:hr_dashboard")
    assert workspace in client.get(reverse("home")).content.decode()

    position.left_at = timezone.now()
    position.save(update_fields=["left_at"])

    assert position.user.kind == User.Kind.HR  # the label stays; the role does not
    assert not roles_of(position.user).hr
    assert workspace not in client.get(reverse("home")).content.decode()
    assert client.get(workspace).status_code == 403
    assert client.get(reverse("after_login")).url == reverse("home")


def test_colleagues_are_the_current_hr_staff_of_the_same_member_company():
    position = HRStaffFactory()
    colleague = HRStaffFactory(company=position.company).user
    former = HRStaffFactory(company=position.company, left_at=timezone.now()).user
    other = HRStaffFactory().user
    roles = roles_of(position.user)

    assert set(roles.hr_colleagues()) == {position.user, colleague}
    assert roles.is_hr_colleague(colleague)
    assert not roles.is_hr_colleague(former)
    assert not roles.is_hr_colleague(other)
    assert not roles_of(UserFactory()).hr_colleagues().exists()


def test_services_refuse_a_document_from_someone_outside_the_group():
    group = WorkingGroupFactory()
    outsider = HRStaffFactory().user
    newcomer = UserFactory()
    for user in (outsider, newcomer):
        with pytest.raises(PermissionDenied):
            company_services.document_upload(
                group=group,
                user=user,
                title="Plan",
                kind=WorkingGroupDocument.Kind.OTHER,
                file=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
            )
    assert not WorkingGroupDocument.objects.exists()


def test_services_refuse_working_group_membership_to_people_who_are_not_member_hr():
    group = WorkingGroupFactory()
    with pytest.raises(PermissionDenied):
        company_services.working_group_join(group=group, user=UserFactory())
    assert not group.members.exists()


def test_services_refuse_a_service_request_on_behalf_of_another_company():
    offer = ServiceOfferFactory()
    hr_b = HRStaffFactory().user
    with pytest.raises(PermissionDenied):
        company_services.service_request_send(
            offer=offer, user=hr_b, company=CompanyFactory(), message="Hello"
        )
    assert not offer.requests.exists()


ROLE_TESTS = re.compile(r"\.kind\s*(==|!=|\bin\b|\bnot in\b)|\bis_staff\b|\bis_superuser\b")


def _sources():
    for app in (*APPS, "templates"):
        for path in (ROOT / app).rglob("*"):
            if path.suffix == ".html" or (
                # views.py, info_views.py, feeds.py, and every module of a views/ package
                path.suffix == ".py"
                and ("views" in path.name or "feeds" in path.name or path.parent.name == "views")
            ):
                yield path
            elif path.suffix == ".py" and path.parent.name == "templatetags":
                yield path


def test_views_and_templates_leave_roles_to_the_access_layer():
    """Roles are decided in network/access.py; views and templates ask it (`roles.hr`, `hr_required`)."""
    offenders = []
    for path in _sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ROLE_TESTS.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
