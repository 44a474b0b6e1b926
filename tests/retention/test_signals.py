"""At-risk signals: each kind appears and goes away with its reason, a contact note marks it handled
and is kept, HR sees only its own consenting hires, and the page's queries do not grow with people."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from retention import selectors, services
from retention.models import ContactNote, SignalKind
from tests.careers.factories import CareerProfileFactory, PartnerFactory
from tests.companies.factories import HireFactory, HRStaffFactory
from tests.events.factories import EventFactory, SignUpFactory
from tests.network.factories import CoordinatorFactory, MunicipalityFactory
from tests.newcomers.factories import ChecklistItemFactory, NewcomerProfileFactory

from .factories import DepartureFactory, InvitationFactory, answers_for, survey

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _person(arrived_days_ago=400, completed_days_ago=None, **kwargs):
    completed = _days_ago(completed_days_ago if completed_days_ago is not None else arrived_days_ago)
    return NewcomerProfileFactory(
        arrival_date=_days_ago(arrived_days_ago),
        completed_at=timezone.make_aware(dt.datetime.combine(completed, dt.time(12))),
        **kwargs,
    )


def _kinds_of(profile, **filters) -> set[str]:
    page = selectors.signal_list(**filters)["page"]
    return {s.kind for s in page.object_list if s.profile_id == profile.pk}


def _answer(profile, year, **by_key):
    invitation = InvitationFactory(profile=profile, year=year)
    services.response_submit(
        invitation_id=invitation.pk,
        answers=answers_for(survey("check-in"), still_in_region="yes", **by_key),
    )


def _attend(user, days_ago):
    event = EventFactory(starts_at=timezone.now() - dt.timedelta(days=days_ago))
    SignUpFactory(event=event, user=user, attended=True)


def test_a_partner_looking_for_work_long_is_a_signal_until_they_find_work():
    profile = _person()
    partner = PartnerFactory(profile=profile, looking_for_work=True)
    # No career profile: counted from the household's arrival.
    assert SignalKind.PARTNER_JOB in _kinds_of(profile, kind=SignalKind.PARTNER_JOB)
    career = CareerProfileFactory(user=partner.user, looking_since=_days_ago(30))
    assert not _kinds_of(profile, kind=SignalKind.PARTNER_JOB)
    career.looking_since = _days_ago(200)
    career.save()
    [signal] = selectors.signal_list(kind=SignalKind.PARTNER_JOB)["page"].object_list
    assert signal.since == _days_ago(200) + dt.timedelta(days=183)
    career.found_work_on, career.found_work_how = TODAY, "network"
    career.save()
    assert not _kinds_of(profile, kind=SignalKind.PARTNER_JOB)


def test_no_activity_for_six_months_is_a_signal_until_someone_in_the_household_attends():
    profile = _person()
    recent = _person(arrived_days_ago=100)
    assert _kinds_of(profile, kind=SignalKind.NO_ACTIVITY) == {SignalKind.NO_ACTIVITY}
    assert not _kinds_of(recent, kind=SignalKind.NO_ACTIVITY)
    _attend(profile.user, days_ago=300)
    assert _kinds_of(profile, kind=SignalKind.NO_ACTIVITY) == {SignalKind.NO_ACTIVITY}
    partner = PartnerFactory(profile=profile)
    _attend(partner.user, days_ago=20)
    assert not _kinds_of(profile, kind=SignalKind.NO_ACTIVITY)


def test_a_checklist_item_open_for_sixty_days_is_a_signal_until_ticked():
    item = ChecklistItemFactory()
    profile = _person(arrived_days_ago=90, completed_days_ago=80)
    fresh = _person(arrived_days_ago=90, completed_days_ago=20)
    [signal] = [s for s in selectors.signal_list(kind=SignalKind.CHECKLIST)["page"].object_list]
    assert signal.profile_id == profile.pk and fresh.pk != signal.profile_id
    assert signal.since == _days_ago(80) + dt.timedelta(days=60)
    profile.ticks.create(item=item)
    profile.ticks.model.objects.filter(profile=fresh).delete()
    assert not _kinds_of(profile, kind=SignalKind.CHECKLIST)


@pytest.mark.parametrize(
    ("key", "kind"), [("stay_five_years", "unlikely_to_stay"), ("making_friends", "friends")]
)
def test_a_low_answer_is_a_signal_until_a_better_one(key, kind):
    profile = _person()
    _answer(profile, 1, **{key: 4})
    assert not _kinds_of(profile, kind=kind)
    _answer(profile, 2, **{key: 2})
    assert _kinds_of(profile, kind=kind) == {kind}
    _answer(profile, 3, **{key: 3})
    assert not _kinds_of(profile, kind=kind)


def test_people_who_left_the_region_have_no_signals():
    profile = _person()
    DepartureFactory(profile=profile)
    left_by_hr = _person()
    HireFactory(user=left_by_hr.user, left_region_on=_days_ago(3))
    assert not _kinds_of(profile) and not _kinds_of(left_by_hr)


def test_filtered_by_municipality():
    here, there = MunicipalityFactory(), MunicipalityFactory()
    profile = _person(municipality=here)
    _person(municipality=there)
    data = selectors.signal_list(kind=SignalKind.NO_ACTIVITY, municipality_id=here.pk)
    assert [s.profile_id for s in data["page"].object_list] == [profile.pk]


def test_a_contact_note_marks_the_signal_handled_and_is_kept_with_who_and_when():
    coordinator = CoordinatorFactory()
    profile = _person()
    services.contact_note_add(
        profile_id=profile.pk,
        kind=SignalKind.NO_ACTIVITY,
        note="  Called; coming to the quiz.  ",
        by=coordinator,
    )
    [signal] = selectors.signal_list(kind=SignalKind.NO_ACTIVITY)["page"].object_list
    assert signal.handled
    assert signal.note.note == "Called; coming to the quiz."
    assert signal.note.contacted_by == coordinator
    assert signal.note.contacted_at.date() == timezone.now().date()
    # The signal goes when its reason does; the note stays.
    _attend(profile.user, days_ago=2)
    assert not selectors.signal_list(kind=SignalKind.NO_ACTIVITY)["page"].object_list
    assert ContactNote.objects.filter(profile=profile).count() == 1


def test_a_note_older_than_the_signal_does_not_handle_it():
    coordinator = CoordinatorFactory()
    profile = _person()
    services.contact_note_add(profile_id=profile.pk, kind=SignalKind.FRIENDS, note="Talked.", by=coordinator)
    ContactNote.objects.update(contacted_at=timezone.now() - dt.timedelta(days=30))
    _answer(profile, 1, making_friends=1)
    [signal] = selectors.signal_list(kind=SignalKind.FRIENDS)["page"].object_list
    assert not signal.handled


def test_only_the_coordinator_writes_notes_and_an_empty_note_is_refused():
    profile = _person()
    with pytest.raises(PermissionDenied):
        services.contact_note_add(profile_id=profile.pk, kind="friends", note="x", by=profile.user)
    with pytest.raises(ValidationError):
        services.contact_note_add(profile_id=profile.pk, kind="friends", note="  ", by=CoordinatorFactory())
    with pytest.raises(ValidationError):
        services.contact_note_add(profile_id=profile.pk, kind="nonsense", note="x", by=CoordinatorFactory())
    assert not ContactNote.objects.exists()


# --- the pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title", "reason"),
    [("en", "People to contact", "No activity attended"), ("nb", "Folk å kontakte", "Ingen aktivitet")],
)
def test_the_coordinator_sees_the_signals_page(client, lang, title, reason):
    profile = _person()
    client.force_login(CoordinatorFactory())
    page = client.get(f"/{lang}/retention/signals/")
    text = page.content.decode()
    assert page.status_code == 200 and title in text and reason in text
    assert f"/{lang}/retention/households/{profile.pk}/" in text


@pytest.mark.parametrize(("lang", "error"), [("en", "Write a short note"), ("nb", "Skriv et kort notat")])
def test_marking_contacted_from_the_page(client, lang, error):
    coordinator = CoordinatorFactory()
    profile = _person()
    client.force_login(coordinator)
    url = f"/{lang}/retention/signals/{profile.pk}/no_activity/contacted/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"note": "   "})
    assert refused.status_code == 200 and error in refused.content.decode()
    done = client.post(url, {"note": "Phoned."})
    assert done.status_code == 302 and done["Location"] == f"/{lang}/retention/signals/"
    note = ContactNote.objects.get()
    assert (note.profile, note.kind, note.contacted_by) == (profile, "no_activity", coordinator)
    # A signal that does not hold (or a kind that does not exist) cannot be marked.
    assert client.get(f"/{lang}/retention/signals/{profile.pk}/friends/contacted/").status_code == 404
    assert client.get(f"/{lang}/retention/signals/{profile.pk}/nonsense/contacted/").status_code == 404


def test_after_marking_from_the_household_page_it_goes_back_there_and_never_elsewhere(client):
    profile = _person()
    client.force_login(CoordinatorFactory())
    url = f"/en/retention/signals/{profile.pk}/no_activity/contacted/"
    back = f"/en/retention/households/{profile.pk}/"
    assert client.post(f"{url}?next={back}", {"note": "Met."})["Location"] == back
    away = client.post(f"{url}?next=https://evil.example/", {"note": "Met."})
    assert away["Location"] == "/en/retention/signals/"


def _hr_scene():
    hr = HRStaffFactory()
    sharing = _person(share_progress_with_employer=True)
    private = _person(share_progress_with_employer=False)
    elsewhere = _person(share_progress_with_employer=True)
    HireFactory(company=hr.company, user=sharing.user)
    HireFactory(company=hr.company, user=private.user)
    HireFactory(user=elsewhere.user)
    _answer(sharing, 1, stay_five_years=1)
    return hr, sharing, private, elsewhere


@pytest.mark.parametrize(("lang", "title"), [("en", "Hires who may need support"), ("nb", "Ansatte som kan")])
def test_hr_sees_only_their_own_hires_who_share_and_only_the_shared_kinds(client, lang, title):
    hr, sharing, private, elsewhere = _hr_scene()
    client.force_login(hr.user)
    page = client.get(f"/{lang}/retention/hr/signals/")
    text = page.content.decode()
    assert page.status_code == 200 and title in text
    assert str(sharing.user) in text
    assert str(private.user) not in text and str(elsewhere.user) not in text
    data = selectors.signal_list(company=hr.company)
    assert {s.kind for s in data["page"].object_list} == {SignalKind.NO_ACTIVITY}
    assert all(s.note is None for s in data["page"].object_list)


def test_another_company_and_a_newcomer_see_none_of_them(client):
    _hr, sharing, _private, _elsewhere = _hr_scene()
    other = HRStaffFactory()
    client.force_login(other.user)
    assert str(sharing.user) not in client.get("/en/retention/hr/signals/").content.decode()
    client.force_login(sharing.user)
    assert client.get("/en/retention/hr/signals/").status_code == 403
    assert client.get("/en/retention/signals/").status_code == 403


def _everyone_at_risk(count: int, item) -> None:
    for n in range(count):
        profile = _person(arrived_days_ago=400 + n)
        partner = PartnerFactory(profile=profile, looking_for_work=True)
        if n % 2:
            CareerProfileFactory(user=partner.user, looking_since=_days_ago(300))
        _answer(profile, 1, stay_five_years=1, making_friends=2)


@pytest.mark.parametrize("count", [1, 6])
def test_the_signals_page_takes_the_same_queries_for_few_and_many(
    client, django_assert_max_num_queries, count
):
    _everyone_at_risk(count, ChecklistItemFactory())
    client.force_login(CoordinatorFactory())
    with django_assert_max_num_queries(16):
        page = client.get("/en/retention/signals/")
    assert page.status_code == 200
    assert page.content.decode().count("Mark contacted") == count * 5
