import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event, SignUp
from tests.network.factories import CoordinatorFactory, UserFactory

from .factories import CategoryFactory, EventFactory, SignUpFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(CoordinatorFactory())
    return client


def changelist():
    return reverse("admin:events_event_changelist")


def test_changelist_shows_counts_without_n_plus_one(admin_client, django_assert_max_num_queries):
    for _ in range(3):
        event = EventFactory(capacity=1)
        SignUpFactory(event=event, attended=True)
        SignUpFactory(event=event, status=SignUp.Status.WAITING, waitlist_position=1)
    with django_assert_max_num_queries(20) as small:
        assert admin_client.get(changelist()).status_code == 200
    EventFactory.create_batch(25)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = admin_client.get(changelist())
    assert 'class="field-attended_display">1<' in response.content.decode()


def test_changelist_filters_and_search(admin_client):
    EventFactory(title_en="Findable walk", title_nb="Finnbar tur")
    response = admin_client.get(changelist(), {"q": "Findable", "audience__exact": "everyone"})
    assert "Findable walk" in response.content.decode() or "Finnbar tur" in response.content.decode()


def test_change_form_with_inline_signups_renders(admin_client):
    event = EventFactory()
    SignUpFactory(event=event)
    response = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200
    assert "signups-TOTAL_FORMS" in response.content.decode()


def change_data(admin_client, event, signups=None, **changes):
    """The change form's data as the browser sends it; `signups` maps a sign-up to its inline edits."""
    response = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if hasattr(value, "pk"):
            value = value.pk
        if name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at") and value:
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.date().isoformat(), local.strftime("%H:%M:%S")
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = value
    inline = response.context["inline_admin_formsets"][0].formset
    data.update(
        {
            f"{inline.prefix}-TOTAL_FORMS": inline.total_form_count(),
            f"{inline.prefix}-INITIAL_FORMS": inline.initial_form_count(),
            f"{inline.prefix}-MIN_NUM_FORMS": 0,
            f"{inline.prefix}-MAX_NUM_FORMS": 1000,
        }
    )
    edits = {signup.pk: fields for signup, fields in (signups or {}).items()}
    for i, signup_form in enumerate(inline.forms):
        signup = signup_form.instance
        data[f"{inline.prefix}-{i}-id"] = signup.pk
        data[f"{inline.prefix}-{i}-event"] = event.pk
        if signup.paid:
            data[f"{inline.prefix}-{i}-paid"] = "on"
        data[f"{inline.prefix}-{i}-attended"] = {None: "unknown", True: "true", False: "false"}[
            signup.attended
        ]
        data.update(
            {f"{inline.prefix}-{i}-{name}": value for name, value in edits.get(signup.pk, {}).items()}
        )
    # The other inlines (the after-action note) are sent as the browser sends them untouched.
    for other in response.context["inline_admin_formsets"][1:]:
        formset = other.formset
        data.update(
            {
                f"{formset.prefix}-TOTAL_FORMS": formset.initial_form_count(),
                f"{formset.prefix}-INITIAL_FORMS": formset.initial_form_count(),
                f"{formset.prefix}-MIN_NUM_FORMS": 0,
                f"{formset.prefix}-MAX_NUM_FORMS": 1,
            }
        )
        for i, subform in enumerate(formset.initial_forms):
            data.update({f"{formset.prefix}-{i}-{k}": v for k, v in subform.initial.items() if v is not None})
    data.update(changes)
    return data


def _post_change(admin_client, event, signups=None, **changes):
    data = change_data(admin_client, event, signups, **changes)
    return admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)


def test_saving_a_larger_capacity_promotes_from_the_waiting_list(admin_client):
    event = EventFactory(capacity=1)
    services.signup_create(event=event, user=UserFactory())
    waiting = services.signup_create(event=event, user=UserFactory())

    response = _post_change(admin_client, event, capacity=2)

    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CONFIRMED


def test_raising_capacity_while_ticking_paid_keeps_the_promotion(admin_client):
    event = EventFactory(capacity=1)
    services.signup_create(event=event, user=UserFactory())
    waiting = services.signup_create(event=event, user=UserFactory())

    response = _post_change(admin_client, event, signups={waiting: {"paid": "on"}}, capacity=2)

    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    # The inline's copy of the sign-up was still on the waiting list; it must not be saved back.
    assert (waiting.status, waiting.waitlist_position, waiting.paid) == (SignUp.Status.CONFIRMED, None, True)


def test_more_childcare_places_promote_from_the_waiting_list(admin_client):
    event = EventFactory(capacity=10, childcare_offered=True, childcare_capacity=1)
    services.signup_create(event=event, user=UserFactory(), childcare_children=1, childcare_ages="3")
    waiting = services.signup_create(
        event=event, user=UserFactory(), childcare_children=1, childcare_ages="4"
    )
    assert waiting.status == SignUp.Status.WAITING

    _post_change(admin_client, event, childcare_capacity=2)

    waiting.refresh_from_db()
    assert waiting.status == SignUp.Status.CONFIRMED


def test_a_save_does_not_undo_a_cancellation_made_while_the_form_was_open(admin_client, monkeypatch):
    from events.admin import EventAdmin

    event = EventFactory(capacity=1)
    services.signup_create(event=event, user=UserFactory())
    waiting = services.signup_create(event=event, user=UserFactory())
    data = change_data(admin_client, event, capacity=2)
    read = EventAdmin.get_object

    def read_then_cancelled_elsewhere(self, request, object_id, from_field=None):
        obj = read(self, request, object_id, from_field)
        services.event_cancel(event=Event.objects.get(pk=obj.pk), reason="Storm")
        return obj

    monkeypatch.setattr(EventAdmin, "get_object", read_then_cancelled_elsewhere)
    response = admin_client.post(reverse("admin:events_event_change", args=[event.pk]), data)

    assert response.status_code == 302
    event.refresh_from_db()
    waiting.refresh_from_db()
    assert (event.status, event.cancelled_reason, event.capacity) == (Event.Status.CANCELLED, "Storm", 2)
    assert waiting.status == SignUp.Status.WAITING  # nobody is promoted into a cancelled activity


def test_adding_an_event_in_admin(admin_client):
    template = EventFactory()
    data = change_data(admin_client, template, title_nb="Ny tur", title_en="New walk")
    data = {key: value for key, value in data.items() if not key.startswith("signups-")}
    data.update({"signups-TOTAL_FORMS": 0, "signups-INITIAL_FORMS": 0})

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    created = Event.objects.get(title_en="New walk")
    assert response["Location"].endswith(reverse("admin:events_event_changelist"))
    assert created.capacity == template.capacity and created.status == Event.Status.PUBLISHED


def test_export_participants_csv(admin_client):
    event = EventFactory(title_en="Walk")
    SignUpFactory(
        event=event,
        user=UserFactory(first_name="Ada", last_name="Lovelace", email="ada@example.com"),
        extra_adults=1,
        childcare_children=1,
        childcare_ages="3",
        paid=True,
    )
    SignUpFactory(event=event, status=SignUp.Status.CANCELLED, user=UserFactory(email="gone@example.com"))
    SignUpFactory(event=event, user=UserFactory(first_name="=HYPERLINK(1)", last_name="X"))
    SignUpFactory(event=event, user=UserFactory(first_name="Tab"), childcare_ages="\t=cmd")

    response = admin_client.post(
        changelist(), {"action": "export_participants", "_selected_action": [event.pk]}
    )

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 4
    header, row, formula, tab = rows
    assert formula[2] == "'=HYPERLINK(1) X"  # not run as a formula by a spreadsheet
    assert tab[9] == "'\t=cmd"
    record = dict(zip(header, row, strict=True))
    # The admin runs in Norwegian (the default language), and so does the export.
    assert record["E-post"] == "ada@example.com"
    assert record["Navn"] == "Ada Lovelace"
    assert (record["Ekstra voksne"], record["Barn i barnepass"], record["Alder på barn i barnepass"]) == (
        "1",
        "1",
        "3",
    )
    assert record["Betalt"] == "ja"


def _started(**kwargs):
    start = timezone.now() - dt.timedelta(hours=3)
    return EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2), **kwargs)


def test_mark_attendance_action(admin_client):
    event = _started()
    signup = SignUpFactory(event=event)
    response = admin_client.post(
        "/en/admin/events/event/?when=all",
        {"action": "mark_attended", "_selected_action": [event.pk]},
        follow=True,
    )
    signup.refresh_from_db()
    assert signup.attended is True
    assert "1 participant marked as attended." in response.content.decode()


def test_attendance_cannot_be_marked_for_an_activity_that_has_not_started(admin_client):
    upcoming = EventFactory()
    signup = SignUpFactory(event=upcoming)
    response = admin_client.post(
        "/en/admin/events/event/", {"action": "mark_attended", "_selected_action": [upcoming.pk]}, follow=True
    )
    assert "1 activity has not started yet" in response.content.decode()
    response = admin_client.post(
        "/en/admin/events/signup/",
        {"action": "mark_attended", "_selected_action": [signup.pk]},
        follow=True,
    )
    assert "only confirmed sign-ups of activities that have started" in response.content.decode()
    signup.refresh_from_db()
    assert signup.attended is None


def test_cancel_action_asks_for_a_reason_then_notifies_everyone(
    admin_client, django_capture_on_commit_callbacks, mailoutbox
):
    event = EventFactory()
    SignUpFactory.create_batch(2, event=event)

    confirm = admin_client.post(changelist(), {"action": "cancel_events", "_selected_action": [event.pk]})
    assert confirm.status_code == 200
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            changelist(),
            {
                "action": "cancel_events",
                "_selected_action": [event.pk],
                "apply": "1",
                "reason": "Ice on the roads",
            },
        )
    event.refresh_from_db()
    assert (event.status, event.cancelled_reason) == (Event.Status.CANCELLED, "Ice on the roads")
    assert len(mailoutbox) == 2


def test_duplicate_action(admin_client):
    event = EventFactory()
    admin_client.post(changelist(), {"action": "duplicate_events", "_selected_action": [event.pk]})
    assert Event.objects.filter(title_en=event.title_en).count() == 2


def test_signup_admin_actions_say_what_they_did(admin_client):
    """Mark as paid, mark as attended and cancel showed no message at all."""
    signup = SignUpFactory(event=_started())
    url = "/en/admin/events/signup/"

    def act(action):
        page = admin_client.post(url, {"action": action, "_selected_action": [signup.pk]}, follow=True)
        return page.content.decode()

    assert "1 sign-up marked as paid." in act("mark_paid")
    assert "1 sign-up marked as not attended." in act("mark_absent")
    signup.refresh_from_db()
    assert signup.paid is True and signup.attended is False
    assert "1 sign-up marked as attended." in act("mark_attended")
    assert "1 sign-up marked as unpaid." in act("mark_unpaid")
    assert "1 sign-up cancelled" in act("cancel_signups")
    signup.refresh_from_db()
    assert signup.status == SignUp.Status.CANCELLED


def test_the_activity_list_opens_on_upcoming_activities_with_a_past_filter(admin_client):
    start = timezone.now() - dt.timedelta(days=2)
    EventFactory(title_en="Yesterday's walk", starts_at=start, ends_at=start + dt.timedelta(hours=2))
    EventFactory(title_en="Tomorrow's walk", title_nb="Morgendagens tur")
    default = admin_client.get("/en/admin/events/event/").content.decode()
    assert "Tomorrow&#x27;s walk" in default and "Yesterday" not in default
    past = admin_client.get("/en/admin/events/event/?when=past").content.decode()
    assert "Yesterday&#x27;s walk" in past and "Tomorrow" not in past


def test_the_audience_filter_returns_only_that_audience(client):
    EventFactory(title_en="Company network meeting", audience="companies")
    EventFactory(title_en="Open walk", audience="everyone")
    page = client.get("/en/events/?audience=companies").content.decode()
    assert "Company network meeting" in page and "Open walk" not in page


def test_category_admin(admin_client):
    CategoryFactory(name_en="Culture")
    assert admin_client.get(reverse("admin:events_category_changelist")).status_code == 200


def test_admin_save_invalidates_the_calendar_cache(admin_client, client):
    from events.selectors import calendar_cache_version

    event = EventFactory(capacity=5)
    before = calendar_cache_version()
    _post_change(admin_client, event, title_en="Renamed")
    assert calendar_cache_version() != before


def test_non_staff_cannot_reach_the_admin(client):
    client.force_login(UserFactory())
    assert client.get(changelist()).status_code == 302
