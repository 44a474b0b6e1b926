import pytest
from django.contrib.auth import get_user_model

from newcomers.models import ChecklistItem, ChecklistTick, Partner, PartnerRequest
from newcomers.selectors import (
    checklist_for_profile,
    checklist_progress,
    checklist_progress_for_users,
    checklist_stuck_items,
)
from tests.events.factories import EventFactory, SignUpFactory
from tests.network.factories import CoordinatorFactory, UserFactory

from .factories import ChecklistItemFactory, NewcomerProfileFactory

pytestmark = pytest.mark.django_db


def _titles(profile):
    return [item.title_en for item in checklist_for_profile(profile=profile)]


def test_items_apply_by_group_children_and_partner():
    ChecklistItemFactory(title_en="Everyone")
    ChecklistItemFactory(title_en="Permit", for_nordic=False, for_eu=False)
    ChecklistItemFactory(title_en="EU registration", for_nordic=False, for_other=False)
    ChecklistItemFactory(title_en="Kindergarten", only_with_children=True)
    ChecklistItemFactory(title_en="NAV for partner", only_with_partner=True)
    ChecklistItemFactory(title_en="Retired", active=False)
    swede = NewcomerProfileFactory(citizenship="SE")
    assert _titles(swede) == ["Everyone"]
    pole = NewcomerProfileFactory(citizenship="PL", has_children=True)
    assert _titles(pole) == ["Everyone", "EU registration", "Kindergarten"]
    indian = NewcomerProfileFactory(citizenship="IN")
    Partner.objects.create(profile=indian, name="Asha")
    assert _titles(indian) == ["Everyone", "Permit", "NAV for partner"]


def test_ticking_and_unticking_shows_progress(client):
    profile = NewcomerProfileFactory()
    first, second = ChecklistItemFactory(), ChecklistItemFactory()
    client.force_login(profile.user)
    client.post(f"/en/newcomers/checklist/{first.pk}/", {"done": "1"})
    client.post(f"/en/newcomers/checklist/{first.pk}/", {"done": "1"})  # twice: still one tick
    assert ChecklistTick.objects.filter(profile=profile).count() == 1
    html = client.get("/en/newcomers/checklist/").content.decode()
    assert "1 of 2 done" in html
    assert "Mark “Task" in html
    client.post(f"/en/newcomers/checklist/{first.pk}/", {"done": "0"})
    assert not ChecklistTick.objects.exists()
    assert second.pk


def test_an_item_that_does_not_apply_cannot_be_ticked(client):
    profile = NewcomerProfileFactory(citizenship="SE")
    permit = ChecklistItemFactory(for_nordic=False)
    client.force_login(profile.user)
    assert client.post(f"/en/newcomers/checklist/{permit.pk}/", {"done": "1"}).status_code == 404
    assert client.post("/en/newcomers/checklist/999999/", {"done": "1"}).status_code == 404
    assert not ChecklistTick.objects.exists()


def test_checklist_page_in_norwegian(client):
    profile = NewcomerProfileFactory()
    ChecklistItemFactory(title_nb="Skattekort")
    client.force_login(profile.user)
    html = client.get("/nb/newcomers/checklist/").content.decode()
    assert "Min sjekkliste" in html and "Skattekort" in html


def test_progress_is_shared_with_the_employer_only_with_consent():
    items = ChecklistItemFactory.create_batch(3)
    sharing = NewcomerProfileFactory(share_progress_with_employer=True)
    private = NewcomerProfileFactory(share_progress_with_employer=False)
    ChecklistTick.objects.create(profile=sharing, item=items[0])
    ChecklistTick.objects.create(profile=private, item=items[0])
    result = checklist_progress_for_users(user_ids=[sharing.user_id, private.user_id])
    assert result == {sharing.user_id: (1, 3)}


def test_where_people_get_stuck_orders_items_by_how_many_keep_them_open(client):
    quick = ChecklistItemFactory(title_en="Quick")
    slow = ChecklistItemFactory(title_en="Slow")
    for profile in NewcomerProfileFactory.create_batch(3):
        ChecklistTick.objects.create(profile=profile, item=quick)
    rows = checklist_stuck_items()
    assert [row["item"].pk for row in rows] == [slow.pk, quick.pk]
    assert rows[0]["open"] == 3 and rows[1]["open"] == 0 and rows[1]["done"] == 3
    client.force_login(CoordinatorFactory())
    html = client.get("/en/admin/newcomers/checklistitem/stuck/").content.decode()
    assert "Where newcomers get stuck" in html and "Slow" in html


@pytest.mark.parametrize("count", [2, 20])
def test_dashboard_and_checklist_queries_do_not_grow(client, django_assert_max_num_queries, count):
    profile = NewcomerProfileFactory()
    for item in ChecklistItemFactory.create_batch(count):
        ChecklistTick.objects.create(profile=profile, item=item)
    for event in EventFactory.create_batch(count):
        SignUpFactory(event=event, user=profile.user)
    for requester in UserFactory.create_batch(count):
        PartnerRequest.objects.create(requester=requester, email=profile.user.email, profile=profile)
    client.force_login(profile.user)
    # 12, the mentors panel (the person's requests; their matches only when there are any), the start
    # housing panel's applications and bookings (housing.selectors.housing_for_dashboard), the people
    # asking to join the household, and the "who stays" panel's departure
    # (retention.selectors.departure_for_dashboard), and the meetings with the contact person
    # (appointments.selectors.appointments_for_dashboard).
    with django_assert_max_num_queries(18):
        assert client.get("/en/newcomers/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/en/newcomers/checklist/").status_code == 200


def test_dashboard_shows_progress_activities_and_contact_person(client):
    from tests.network.factories import ContactPersonFactory

    ContactPersonFactory()
    profile = NewcomerProfileFactory()
    ChecklistItemFactory()
    SignUpFactory(event=EventFactory(title_en="Harbour walk"), user=profile.user)
    client.force_login(profile.user)
    html = client.get("/en/newcomers/").content.decode()
    assert "0 of 1 done" in html
    assert "Harbour walk" in html
    assert "Ingrid Haugen" in html
    assert "You do not have a mentor yet." in html


def test_incomplete_onboarding_redirects_from_the_dashboard(client):
    profile = NewcomerProfileFactory(completed_at=None, step=3)
    client.force_login(profile.user)
    assert client.get("/en/newcomers/")["Location"] == "/en/newcomers/onboarding/3/"


def test_a_user_cannot_see_another_users_profile_data(client):
    mine = NewcomerProfileFactory(languages="Klingon")
    other = NewcomerProfileFactory(languages="Esperanto")
    client.force_login(other.user)
    html = client.get("/en/newcomers/profile/").content.decode()
    assert "Esperanto" in html and "Klingon" not in html
    assert get_user_model().objects.count() == 2
    assert mine.pk != other.pk


def test_the_employer_sees_the_same_progress_as_the_newcomer(client):
    """Ticks on a retired item, or on one that no longer applies, count on neither page."""
    from companies.selectors import hire_board
    from tests.companies.factories import HireFactory, HRStaffFactory

    everyone, permit, tax = ChecklistItemFactory.create_batch(3)
    retired = ChecklistItemFactory(active=False)
    nordic_only = ChecklistItemFactory(for_other=False, for_eu=False)
    profile = NewcomerProfileFactory(citizenship="IN", share_progress_with_employer=True)
    for item in (everyone, retired, nordic_only):
        ChecklistTick.objects.create(profile=profile, item=item)
    position = HRStaffFactory()
    HireFactory(company=position.company, user=profile.user)

    client.force_login(profile.user)
    assert "1 of 3 done" in client.get("/en/newcomers/checklist/").content.decode()
    assert checklist_progress_for_users(user_ids=[profile.user_id]) == {profile.user_id: (1, 3)}
    hires = [hire for _stage, _label, column in hire_board(company=position.company) for hire in column]
    assert [hire.progress for hire in hires] == [(1, 3)]
    client.force_login(position.user)
    assert "Checklist: 1 of 3" in client.get("/en/companies/hr/hires/").content.decode()


def test_one_rule_decides_applicability_for_one_newcomer_and_for_many():
    ChecklistItemFactory(title_en="Everyone")
    ChecklistItemFactory(title_en="Permit", for_nordic=False, for_eu=False)
    ChecklistItemFactory(title_en="EU registration", for_nordic=False, for_other=False)
    ChecklistItemFactory(title_en="Nordic move", for_eu=False, for_other=False)
    ChecklistItemFactory(title_en="Kindergarten", only_with_children=True)
    ChecklistItemFactory(title_en="NAV for partner", only_with_partner=True)
    ChecklistItemFactory(title_en="Retired", active=False)
    profiles = [
        NewcomerProfileFactory(citizenship="SE", share_progress_with_employer=True),
        NewcomerProfileFactory(citizenship="PL", has_children=True, share_progress_with_employer=True),
        NewcomerProfileFactory(citizenship="IN", share_progress_with_employer=True),
        NewcomerProfileFactory(citizenship="", has_children=True, share_progress_with_employer=True),
    ]
    Partner.objects.create(profile=profiles[2], name="Asha")
    for profile in profiles:
        for item in ChecklistItem.objects.all()[:4]:
            ChecklistTick.objects.create(profile=profile, item=item)
    many = checklist_progress_for_users(user_ids=[p.user_id for p in profiles])
    for profile in profiles:
        profile.refresh_from_db()
        one = checklist_progress(items=checklist_for_profile(profile=profile))
        assert many[profile.user_id] == one
        assert one[1] == ChecklistItem.objects.applicable_to(profile).count()
    assert [many[p.user_id][1] for p in profiles] == [2, 3, 3, 5]


def test_where_people_get_stuck_counts_only_people_the_item_applies_to(client):
    kindergarten = ChecklistItemFactory(title_en="Kindergarten", only_with_children=True)
    permit = ChecklistItemFactory(title_en="Permit", for_nordic=False, for_eu=False)
    ChecklistItemFactory(title_en="Retired", active=False)
    parent = NewcomerProfileFactory(citizenship="IN", has_children=True)
    NewcomerProfileFactory.create_batch(2, citizenship="IN")
    swede = NewcomerProfileFactory(citizenship="SE", has_children=True)
    NewcomerProfileFactory(citizenship="IN", has_children=True, completed_at=None)  # not onboarded
    # A tick on an item that does not apply (the Swede's permit) is not "done" either.
    ChecklistTick.objects.create(profile=swede, item=permit)
    ChecklistTick.objects.create(profile=parent, item=permit)
    rows = {row["item"].title_en: row for row in checklist_stuck_items()}
    assert set(rows) == {"Kindergarten", "Permit"}
    assert (rows["Kindergarten"]["open"], rows["Kindergarten"]["done"]) == (2, 0)
    assert (rows["Permit"]["open"], rows["Permit"]["done"]) == (2, 1)
    assert kindergarten.pk


def test_the_tick_service_accepts_only_the_callers_own_applicable_items():
    """checklist_tick_set took any profile and any item from its caller."""
    from newcomers import services
    from newcomers.models import ChecklistTick

    profile = NewcomerProfileFactory(has_children=False)
    other = NewcomerProfileFactory()
    for_parents = ChecklistItemFactory(only_with_children=True)
    retired = ChecklistItemFactory(active=False)
    open_item = ChecklistItemFactory()
    for item_id in (for_parents.pk, retired.pk, 999_999, "x", None):
        with pytest.raises(services.ChecklistItemNotApplicable):
            services.checklist_tick_set(user=profile.user, item_id=item_id, done=True)
    services.checklist_tick_set(user=profile.user, item_id=open_item.pk, done=True)
    assert list(ChecklistTick.objects.values_list("profile", "item")) == [(profile.pk, open_item.pk)]
    with pytest.raises(services.ChecklistItemNotApplicable):
        services.checklist_tick_set(user=UserFactory(), item_id=open_item.pk, done=True)  # no profile
    assert not ChecklistTick.objects.filter(profile=other).exists()


def test_the_welcome_pack_links_the_readers_language_and_their_own_municipality(client):
    """Norwegian packs linked the English pages of Skatteetaten, BankID …, and the kindergarten link went
    to Fredrikstad's site for a Halden resident."""
    from django.core.management import call_command
    from django.utils import translation

    from network.models import Municipality
    from newcomers.selectors import checklist_for_profile

    call_command("seed_demo", stdout=__import__("io").StringIO())
    halden = Municipality.objects.get(slug="halden")
    profile = NewcomerProfileFactory(municipality=halden, has_children=True, citizenship="PL")
    with translation.override("nb"):
        links = {item.title_en: item.link for item in checklist_for_profile(profile=profile)}
    assert (
        links["Register your move and get an ID number"] == "https://www.skatteetaten.no/person/utenlandsk/"
    )
    assert links["Apply for kindergarten or school"] == "https://www.halden.kommune.no/"
    with translation.override("en"):
        links = {item.title_en: item.link for item in checklist_for_profile(profile=profile)}
    assert (
        links["Register your move and get an ID number"] == "https://www.skatteetaten.no/en/person/foreign/"
    )
    assert links["Apply for kindergarten or school"] == "https://www.halden.kommune.no/"
    client.force_login(profile.user)
    assert "https://www.halden.kommune.no/" in client.get("/en/newcomers/checklist/").content.decode()
