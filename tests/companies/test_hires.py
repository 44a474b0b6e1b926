"""Hires: registration and invitation, acceptance and the welcome pack, the onboarding board."""

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from companies import services
from companies.models import Hire
from companies.tasks import hire_invitation_reminders_send_task
from network.models import OutgoingMail, User
from newcomers.models import ChecklistTick
from tests.events.factories import EventFactory, SignUpFactory
from tests.network.factories import UserFactory
from tests.newcomers.factories import ChecklistItemFactory, NewcomerProfileFactory

from .factories import HireFactory, HRStaffFactory

pytestmark = pytest.mark.django_db


def _hire_form(**overrides):
    return {
        "name": "Olga Petrenko",
        "email": "olga@example.com",
        "position": "Safety engineer",
        "start_date": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "expected_arrival": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
        "country": "UA",
        "with_partner": "on",
        "children": "2",
        "language": "en",
        **overrides,
    }


def test_registering_a_hire_invites_them_by_mail(client, hr, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/companies/hr/hires/new/", _hire_form())
    assert response.status_code == 302 and response["Location"] == "/en/companies/hr/hires/"
    hire = Hire.objects.get()
    assert hire.company == hr.company and hire.registered_by == hr.user and hire.invited_at
    assert hire.stage() == Hire.Stage.INVITED
    assert [m.to for m in mailoutbox] == [["olga@example.com"]]
    assert hr.company.name in mailoutbox[0].subject
    assert "/en/companies/welcome/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("children", "99", "Enter a number from 0 to 20."),
        ("children", "-1", "Ensure this value is greater than or equal to 0."),
        ("start_date", "1900-01-01", "Enter a date between 2000 and three years from now."),
        ("start_date", "not a date", "Enter a valid date."),
        ("email", "not-an-address", "Enter a valid email address."),
        ("name", "", "This field is required."),
    ],
)
def test_bad_hire_input_gets_a_form_error_and_keeps_the_rest(client, hr, field, value, message):
    response = client.post("/en/companies/hr/hires/new/", _hire_form(**{field: value}))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Safety engineer" in page or field == "position"
    assert not Hire.objects.exists()


def test_the_same_person_cannot_be_registered_twice_by_one_company(client, hr):
    HireFactory(company=hr.company, email="olga@example.com")
    response = client.post("/en/companies/hr/hires/new/", _hire_form(email="OLGA@example.com"))
    assert "Your company has already registered a hire with this e-mail address." in response.content.decode()
    assert Hire.objects.count() == 1


def test_accepting_creates_the_newcomer_account_and_links_the_hire(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    hire = HireFactory(email="olga@example.com", language="nb")
    with django_capture_on_commit_callbacks(execute=True):
        services.hire_invite(hire=hire)
    link = next(line for line in mailoutbox[0].body.splitlines() if "/companies/welcome/" in line)
    path = urlparse(link.strip()).path
    assert path.startswith("/nb/")
    assert hire.company.name in client.get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            path,
            {
                "first_name": "Olga",
                "last_name": "P",
                "password1": "a-long-secret-9517",
                "password2": "a-long-secret-9517",
            },
        )
    assert response.status_code == 302 and response["Location"] == "/nb/newcomers/"
    hire.refresh_from_db()
    user = User.objects.get(email="olga@example.com")
    assert (
        hire.user == user and hire.accepted_at and user.kind == User.Kind.NEWCOMER and user.language == "nb"
    )
    # No empty welcome pack now: it goes when onboarding is finished (tests/newcomers/test_onboarding.py).
    assert not OutgoingMail.objects.filter(key=f"newcomers:welcome-pack:{user.pk}").exists()
    # The link cannot be used twice.
    response = client.get(path)
    assert response.status_code == 404


def test_a_logged_in_newcomer_links_their_existing_account_and_the_employer_is_filled_in(client):
    profile = NewcomerProfileFactory(employer=None)
    hire = HireFactory(email=profile.user.email.upper())
    client.force_login(profile.user)
    token = services.link_token(purpose="hire", pk=hire.pk)
    assert client.post(f"/en/companies/welcome/{token}/").status_code == 302
    hire.refresh_from_db()
    profile.refresh_from_db()
    assert hire.user == profile.user and profile.employer == hire.company
    # The profile was already complete: the hire starts as onboarded.
    assert hire.onboarded_at == profile.completed_at


def test_a_hire_invitation_is_accepted_only_by_the_invited_address(client):
    """Anyone holding the link used to be able to accept it, and so show their stage and attendance to
    the employer as if they were the hire."""
    hire = HireFactory(email="olga@example.com")
    someone = NewcomerProfileFactory().user
    client.force_login(someone)
    token = services.link_token(purpose="hire", pk=hire.pk)
    page = client.get(f"/en/companies/welcome/{token}/").content.decode()
    assert "Log out and log in as olga@example.com" in page
    response = client.post(f"/en/companies/welcome/{token}/")
    assert "This invitation was sent to olga@example.com" in response.content.decode()
    hire.refresh_from_db()
    assert hire.user is None and hire.accepted_at is None
    with pytest.raises(services.InvitationError):
        services.hire_accept(hire=hire, user=someone)


def test_finishing_onboarding_moves_the_hire_to_onboarded():
    from newcomers.services import onboarding_complete

    profile = NewcomerProfileFactory(completed_at=None)
    hire = HireFactory(user=profile.user, accepted_at=timezone.now(), arrived_on=timezone.localdate())
    assert hire.stage() == Hire.Stage.ARRIVED
    onboarding_complete(profile=profile)
    hire.refresh_from_db()
    assert hire.onboarded_at == profile.completed_at and hire.stage() == Hire.Stage.ONBOARDED


def test_hr_staff_cannot_accept_a_hire_invitation(client, hr):
    hire = HireFactory()
    token = services.link_token(purpose="hire", pk=hire.pk)
    response = client.post(f"/en/companies/welcome/{token}/")
    assert "This invitation is for a newcomer." in response.content.decode()
    hire.refresh_from_db()
    assert hire.user is None


def test_board_places_hires_by_stage_and_shows_only_shared_progress(client, hr):
    today = timezone.localdate()
    item = ChecklistItemFactory()
    sharing = NewcomerProfileFactory(share_progress_with_employer=True, completed_at=timezone.now())
    private = NewcomerProfileFactory(share_progress_with_employer=False, completed_at=timezone.now())
    for profile in (sharing, private):
        ChecklistTick.objects.create(profile=profile, item=item)
    past = EventFactory(
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3, hours=-2),
    )
    SignUpFactory(event=past, user=sharing.user)
    now = timezone.now()
    HireFactory(company=hr.company, name="Registered Rita")
    HireFactory(company=hr.company, name="Late Lars", invited_at=now - dt.timedelta(days=8))
    HireFactory(company=hr.company, name="Arrived Ari", invited_at=now, accepted_at=now, arrived_on=today)
    HireFactory(
        company=hr.company,
        name="Sharing Sam",
        user=sharing.user,
        invited_at=now,
        accepted_at=now,
        onboarded_at=now,
        arrived_on=today,
    )
    HireFactory(
        company=hr.company,
        name="Private Pia",
        user=private.user,
        invited_at=now,
        accepted_at=now,
        onboarded_at=now,
        arrived_on=today,
    )
    HireFactory(company=hr.company, name="Settled Siri", arrived_on=today - dt.timedelta(days=400))
    HireFactory(
        company=hr.company,
        name="Gone Gunnar",
        arrived_on=today - dt.timedelta(days=100),
        left_region_on=today,
    )
    HireFactory(name="Other Company Olav")

    columns = {stage: [h.name for h in hires] for stage, _label, hires in services_board(hr.company)}
    assert columns == {
        "registered": ["Registered Rita"],
        "invited": ["Late Lars"],
        "arrived": ["Arrived Ari"],
        "onboarded": ["Private Pia", "Sharing Sam"],
        "one_year": ["Settled Siri"],
        "left": ["Gone Gunnar"],
    }
    page = client.get("/en/companies/hr/hires/").content.decode()
    assert "Other Company Olav" not in page
    assert "Checklist: 1 of 1" in page and page.count("Checklist:") == 1
    # Attendance is covered by the same consent as the checklist: only Sharing Sam's shows.
    assert "1 activity attended" in page and page.count("attended") == 1
    assert "Not accepted after 7 days" in page
    assert "Ombordstigning" not in page
    nb_page = client.get("/nb/companies/hr/hires/").content.decode()
    assert "Registered Rita" in nb_page


def services_board(company):
    from companies.selectors import hire_board

    return hire_board(company=company)


@pytest.mark.parametrize("count", [2, 20])
def test_board_and_dashboard_queries_do_not_grow(client, hr, django_assert_max_num_queries, count):
    for _ in range(count):
        profile = NewcomerProfileFactory(share_progress_with_employer=True)
        HireFactory(company=hr.company, user=profile.user, invited_at=timezone.now())
    with django_assert_max_num_queries(12):
        assert client.get("/en/companies/hr/hires/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/en/companies/hr/").status_code == 200


def test_hr_of_another_company_gets_404_for_every_hire_action(client, hr):
    hire = HireFactory(name="Foreign Hire")
    base = f"/en/companies/hr/hires/{hire.pk}/"
    assert client.get(base).status_code == 404
    assert client.post(base, {"name": "Changed"}).status_code == 404
    assert client.post(base + "arrived/", {"arrived_on": timezone.localdate().isoformat()}).status_code == 404
    assert (
        client.post(base + "left/", {"left_company_on": timezone.localdate().isoformat()}).status_code == 404
    )
    assert client.post(base + "resend/").status_code == 404
    assert client.get("/en/companies/hr/hires/not-a-number/").status_code == 404
    hire.refresh_from_db()
    assert hire.name == "Foreign Hire" and hire.arrived_on is None and hire.left_on is None


def test_marking_arrival_and_departure(client, hr):
    hire = HireFactory(company=hr.company)
    today = timezone.localdate()
    base = f"/en/companies/hr/hires/{hire.pk}/"
    response = client.post(base + "arrived/", {"arrived_on": (today + dt.timedelta(days=5)).isoformat()})
    assert "The arrival date cannot be in the future." in response.content.decode()
    assert client.post(base + "arrived/", {"arrived_on": today.isoformat()}).status_code == 302
    response = client.post(base + "left/", {"reason": "Moved"})
    assert "Give the date they left the company, the region or both." in response.content.decode()
    response = client.post(
        base + "left/", {"left_region_on": today.isoformat(), "reason": "Partner got a job in Oslo"}
    )
    assert response.status_code == 302
    hire.refresh_from_db()
    assert (
        hire.arrived_on == today
        and hire.left_region_on == today
        and hire.left_reason == "Partner got a job in Oslo"
    )
    assert hire.stage() == Hire.Stage.LEFT


def test_resend_gives_a_new_invitation(client, hr, mailoutbox, django_capture_on_commit_callbacks):
    hire = HireFactory(company=hr.company)
    with django_capture_on_commit_callbacks(execute=True):
        services.hire_invite(hire=hire)
        client.post(f"/en/companies/hr/hires/{hire.pk}/resend/")
    assert len(mailoutbox) == 2
    hire.accepted_at = timezone.now()
    hire.save()
    client.post(f"/en/companies/hr/hires/{hire.pk}/resend/")
    assert len(mailoutbox) == 2


def test_reminder_after_seven_days_goes_once_to_the_hire_and_their_hr(
    mailoutbox, django_capture_on_commit_callbacks
):
    position = HRStaffFactory()
    now = timezone.now()
    late = HireFactory(
        company=position.company, invited_at=now - dt.timedelta(days=8), email="late@example.com"
    )
    HireFactory(company=position.company, invited_at=now - dt.timedelta(days=3))
    HireFactory(company=position.company, invited_at=now - dt.timedelta(days=9), accepted_at=now)
    with django_capture_on_commit_callbacks(execute=True):
        assert hire_invitation_reminders_send_task.delay().get() == 1
        assert hire_invitation_reminders_send_task.delay().get() == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted(["late@example.com", position.user.email])
    late.refresh_from_db()
    assert late.reminded_at is not None


def test_the_hr_dashboard_lists_network_meetings_for_members(client, hr):
    from events.models import Audience

    meeting = EventFactory(audience=Audience.COMPANIES, title_en="Quarterly network meeting")
    page = client.get("/en/companies/hr/").content.decode()
    assert meeting.title_en in page
    assert client.get("/nb/companies/hr/").status_code == 200


def test_newcomers_and_coordinators_do_not_reach_hr_pages(client):
    client.force_login(UserFactory())
    assert client.get("/en/companies/hr/hires/").status_code == 403
    client.logout()
    assert client.get("/en/companies/hr/hires/")["Location"].startswith("/en/accounts/login/")


def _not_accepted_everywhere(client, hr):
    """Which hires the board, the HR dashboard, the coordinator's filter and the reminder call overdue."""
    from companies.selectors import hire_stages
    from tests.network.factories import CoordinatorFactory

    board = {hire.name for _s, _l, hires in hire_stages(company=hr.company) for hire in hires}
    flagged = {
        hire.name
        for _s, _l, hires in hire_stages(company=hr.company)
        for hire in hires
        if hire.not_accepted_in_time
    }
    dashboard = client.get("/en/companies/hr/").content.decode()
    coordinator = client.__class__()
    coordinator.force_login(CoordinatorFactory())
    admin_page = coordinator.get("/en/admin/companies/hire/?invitation=overdue").content.decode()
    in_admin = {name for name in board if name in admin_page}
    reminded = services.hire_invitation_reminders_send()
    return flagged, in_admin, reminded, dashboard


def test_a_hire_who_left_is_not_overdue_on_the_board_in_admin_or_for_the_reminder(client, hr):
    eight_days_ago = timezone.now() - dt.timedelta(days=8)
    HireFactory(company=hr.company, name="Late Lars", invited_at=eight_days_ago)
    HireFactory(
        company=hr.company,
        name="Gone Gunnar",
        invited_at=eight_days_ago,
        left_company_on=timezone.localdate(),
    )
    HireFactory(company=hr.company, name="Fresh Frida", invited_at=timezone.now())
    flagged, in_admin, reminded, dashboard = _not_accepted_everywhere(client, hr)
    assert flagged == in_admin == {"Late Lars"}
    assert reminded == 1
    assert "1 hire has not accepted the invitation after 7 days." in dashboard
    assert set(Hire.objects.overdue(timezone.now()).values_list("name", flat=True)) == {"Late Lars"}


def test_the_days_in_the_overdue_texts_come_from_the_reminder_constant(
    client, hr, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    import companies.admin
    import companies.models
    import companies.services.hires
    import companies.views.hires
    import companies.views.registry

    for module in (
        companies.models,
        companies.services.hires,
        companies.views.registry,
        companies.views.hires,
        companies.admin,
    ):
        monkeypatch.setattr(module, "INVITATION_REMINDER_AFTER", dt.timedelta(days=5))
    HireFactory(company=hr.company, name="Late Lars", invited_at=timezone.now() - dt.timedelta(days=6))
    assert "Not accepted after 5 days" in client.get("/en/companies/hr/hires/").content.decode()
    dashboard = client.get("/en/companies/hr/").content.decode()
    assert "1 hire has not accepted the invitation after 5 days." in dashboard
    assert "Ikke godtatt etter 5 dager" in client.get("/nb/companies/hr/hires/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.hire_invitation_reminders_send() == 1
    to_hr = next(mail for mail in mailoutbox if mail.to == [hr.user.email])
    assert "after 5 days" in to_hr.body
