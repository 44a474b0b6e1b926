"""The coordinator writes to an activity's participants: who gets it, in which language, once only,
and what stays on the activity."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from events.models import EventMessage, EventMessageRecipient, SignUp
from events.services_messages import event_message_send
from network import mailings
from network.models import OutgoingMail
from network.tasks import mailing_send

from .factories import EventFactory, SignUpFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


def url(name, *args):
    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


@pytest.fixture
def walk():
    """A city walk with two confirmed (one reads Norwegian), one on the waiting list, one who attended
    and one who cancelled."""
    event = EventFactory(title_en="City walk in Halden", title_nb="Byvandring i Halden")
    people = {
        "ingrid": SignUpFactory(event=event, user__first_name="Ingrid", user__language="nb").user,
        "tom": SignUpFactory(event=event, user__first_name="Tom", user__language="en").user,
        "wait": SignUpFactory(
            event=event, status=SignUp.Status.WAITING, waitlist_position=1, user__first_name="Wei"
        ).user,
        "came": SignUpFactory(event=event, attended=True, user__first_name="Carmen").user,
        "gone": SignUpFactory(event=event, status=SignUp.Status.CANCELLED, user__first_name="Gunnar").user,
    }
    return event, people


def _send(coordinator, event_ids, audience, **texts):
    return event_message_send(event_ids=event_ids, audience=audience, by=coordinator, **texts)


@pytest.mark.parametrize(
    "audience, expected",
    [
        ("confirmed", {"ingrid", "tom", "came"}),
        ("waiting", {"wait"}),
        ("attended", {"came"}),
        ("all", {"ingrid", "tom", "wait", "came"}),
    ],
)
def test_the_chosen_people_get_it_and_nobody_else(
    coordinator, walk, audience, expected, django_capture_on_commit_callbacks, mailoutbox
):
    event, people = walk
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(
            coordinator, [event.pk], audience, subject_en="Meeting point moved", body_en="By the fort."
        )
    emails = {people[name].email for name in expected}
    assert {m.to[0] for m in mailoutbox} == emails
    assert all(len(m.to) == 1 for m in mailoutbox)
    assert message.recipient_count == len(expected)
    assert set(message.recipients.values_list("user__email", flat=True)) == emails
    assert list(event.messages.all()) == [message]


def test_each_reader_gets_their_language_or_the_other_with_a_note(
    coordinator, walk, django_capture_on_commit_callbacks, mailoutbox
):
    event, people = walk
    with django_capture_on_commit_callbacks(execute=True):
        _send(
            coordinator,
            [event.pk],
            "confirmed",
            subject_nb="Nytt møtested",
            body_nb="Vi møtes ved festningen.",
        )
    by_person = {m.to[0]: m for m in mailoutbox}
    norwegian = by_person[people["ingrid"].email]
    english = by_person[people["tom"].email]
    assert norwegian.subject == english.subject == "Nytt møtested"
    assert "festningen" in norwegian.body and "festningen" in english.body
    assert "This message was written in Norwegian only." in english.body
    assert "written in" not in norwegian.body and "skrevet" not in norwegian.body
    assert norwegian.body.startswith("Hei Ingrid,")
    rows = dict(EventMessageRecipient.objects.values_list("user__first_name", "language"))
    assert rows["Tom"] == "nb" and rows["Ingrid"] == "nb"


def test_written_in_both_each_gets_their_own(
    coordinator, walk, django_capture_on_commit_callbacks, mailoutbox
):
    event, people = walk
    with django_capture_on_commit_callbacks(execute=True):
        _send(
            coordinator,
            [event.pk],
            "confirmed",
            subject_nb="Ta med matpakke",
            body_nb="Vi spiser ute.",
            subject_en="Bring a packed lunch",
            body_en="We eat outdoors.",
        )
    by_person = {m.to[0]: m for m in mailoutbox}
    assert by_person[people["ingrid"].email].subject == "Ta med matpakke"
    assert by_person[people["tom"].email].subject == "Bring a packed lunch"
    assert "only" not in by_person[people["tom"].email].body


def test_a_person_in_several_activities_gets_one_mail(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    first, second = EventFactory(), EventFactory()
    both = SignUpFactory(event=first).user
    SignUpFactory(event=second, user=both)
    only_second = SignUpFactory(event=second).user
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(coordinator, [first.pk, second.pk], "all", subject_en="Hello", body_en="Hi all.")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([both.email, only_second.email])
    assert set(message.events.all()) == {first, second}
    assert message.recipients.get(user=both).event == first


def test_sending_again_or_retrying_mails_nobody_twice(coordinator, walk, django_capture_on_commit_callbacks):
    event, people = walk
    with django_capture_on_commit_callbacks(execute=True):
        message = _send(coordinator, [event.pk], "confirmed", subject_en="Hello", body_en="Hi.")
    assert OutgoingMail.objects.filter(key__startswith="events:message:").count() == 3
    # the task delivered twice (a retry, a duplicate delivery by the broker) …
    mailing_send("events.EventMessage", message.pk)
    # … and a chunk whose worker died after queueing a mail but before marking it
    EventMessageRecipient.objects.update(mailed_at=None)
    ids = list(message.recipients.values_list("pk", flat=True))
    mailings.mailing_send_chunk(label="events.EventMessage", mailing_id=message.pk, recipient_ids=ids)
    mailing_send("events.EventMessage", message.pk)
    keys = list(OutgoingMail.objects.filter(key__startswith="events:message:").values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 3
    assert not message.recipients.filter(mailed_at__isnull=True).exists()


def test_large_audiences_are_handed_out_in_chunks(coordinator, settings, monkeypatch):
    monkeypatch.setattr(mailings, "MAILING_CHUNK_SIZE", 2)
    event = EventFactory(capacity=None)
    SignUpFactory.create_batch(5, event=event)
    message = EventMessage(subject_en="Hi", body_en="Hello", sent_by=coordinator)
    message.save()
    EventMessageRecipient.objects.bulk_create(
        EventMessageRecipient(mailing=message, user=signup.user, language="en")
        for signup in event.signups.all()
    )
    chunks = mailings.mailing_chunks(label="events.EventMessage", mailing_id=message.pk)
    assert [len(chunk) for chunk in chunks] == [2, 2, 1]
    assert mailing_send("events.EventMessage", message.pk) == 5
    assert OutgoingMail.objects.filter(key__startswith=f"events:message:{message.pk}:").count() == 5
    assert mailings.mailing_chunks(label="events.EventMessage", mailing_id=message.pk) == []


@pytest.mark.parametrize(
    "texts, field",
    [
        ({}, None),
        ({"subject_nb": "Bare emne"}, "body_nb"),
        ({"body_en": "A body without a subject"}, "subject_en"),
    ],
)
def test_an_incomplete_message_is_refused_and_nothing_is_saved(coordinator, walk, texts, field, mailoutbox):
    from django.core.exceptions import ValidationError

    event, _people = walk
    with pytest.raises(ValidationError) as error:
        _send(coordinator, [event.pk], "confirmed", **texts)
    if field:
        assert field in error.value.message_dict
    assert not EventMessage.objects.exists() and not EventMessageRecipient.objects.exists()
    assert not mailoutbox


def test_only_the_coordinator_may_send(walk):
    event, people = walk
    with pytest.raises(PermissionDenied):
        _send(people["tom"], [event.pk], "all", subject_en="Spam", body_en="Spam")
    assert not EventMessage.objects.exists()


# --- the admin ----------------------------------------------------------------------------------


def _act(client, events, **data):
    return client.post(
        url("events_event_changelist"),
        {"action": "message_participants", "_selected_action": [e.pk for e in events], **data},
    )


def test_write_preview_send_from_the_activities_list(
    admin_client, coordinator, walk, django_capture_on_commit_callbacks, mailoutbox
):
    event, people = walk
    other = SignUpFactory(user__first_name="Outsider").user  # in another activity: never a recipient

    write = _act(admin_client, [event])
    page = write.content.decode()
    assert write.status_code == 200
    assert 'name="subject_nb"' in page and 'name="audience"' in page and 'name="apply"' not in page
    assert "Ingrid" in page and "Wei" not in page and "Gunnar" not in page and "Outsider" not in page

    texts = {"audience": "all", "subject_nb": "Nytt møtested", "body_nb": "Vi møtes ved festningen."}
    preview = _act(admin_client, [event], preview="1", **texts)
    page = preview.content.decode()
    assert preview.status_code == 200 and 'name="apply"' in page
    assert "As 1 reader of Norwegian Bokmål gets it" in page
    assert "As 3 readers of English get it" in page
    assert "This message was written in Norwegian only." in page
    assert "Wei" in page  # the waiting list is in "everyone"
    assert not EventMessage.objects.exists() and not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        sent = _act(admin_client, [event], apply="1", **texts)
    assert sent.status_code == 302
    assert [str(m) for m in get_messages(sent.wsgi_request)] == [
        "“Nytt møtested” is being sent to 4 people, each in their own e-mail."
    ]
    assert len(mailoutbox) == 4 and other.email not in {m.to[0] for m in mailoutbox}
    message = EventMessage.objects.get()
    assert message.sent_by == coordinator and message.audience == "all"

    # kept on the activity, and on the message's own page with who got it
    change = admin_client.get(url("events_event_change", event.pk)).content.decode()
    assert "Nytt møtested" in change and url("events_eventmessage_change", message.pk) in change
    record = admin_client.get(url("events_eventmessage_change", message.pk)).content.decode()
    assert "Ingrid" in record and "Wei" in record and "Gunnar" not in record


def test_the_form_comes_back_with_errors_and_keeps_what_was_written(admin_client, walk, mailoutbox):
    event, _people = walk
    response = _act(admin_client, [event], apply="1", audience="confirmed", subject_en="Only a subject")
    page = response.content.decode()
    assert response.status_code == 200 and "errorlist" in page
    assert 'value="Only a subject"' in page
    assert not EventMessage.objects.exists() and not mailoutbox


def test_a_forged_audience_is_a_form_error(admin_client, walk):
    event, _people = walk
    response = _act(admin_client, [event], apply="1", audience="everyone-ever", subject_en="x", body_en="y")
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not EventMessage.objects.exists()


def test_people_outside_the_admin_cannot_reach_it(client, walk):
    event, people = walk
    client.force_login(people["tom"])
    response = _act(client, [event], apply="1", audience="all", subject_en="x", body_en="y")
    assert response.status_code == 302 and "login" in response["Location"]
    assert not EventMessage.objects.exists()


def test_the_pages_cost_the_same_queries_however_many_recipients(admin_client, django_assert_max_num_queries):
    event = EventFactory(capacity=None)
    SignUpFactory(event=event)
    with django_assert_max_num_queries(40) as few:
        _act(admin_client, [event], preview="1", audience="all", subject_en="Hi", body_en="Hello")
    SignUpFactory.create_batch(10, event=event, user__language="nb")
    with django_assert_max_num_queries(len(few.captured_queries)):
        _act(admin_client, [event], preview="1", audience="all", subject_en="Hi", body_en="Hello")


def test_a_message_page_costs_the_same_queries_however_many_recipients(
    admin_client, coordinator, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def message_to(count):
        event = EventFactory(capacity=None)
        SignUpFactory.create_batch(count, event=event)
        with django_capture_on_commit_callbacks(execute=True):
            return event_message_send(
                event_ids=[event.pk], audience="all", subject_en="Hi", body_en="Hello", by=coordinator
            )

    small, large = message_to(1), message_to(12)
    with django_assert_max_num_queries(40) as few:
        assert admin_client.get(url("events_eventmessage_change", small.pk)).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(url("events_eventmessage_change", large.pk)).status_code == 200


def test_a_norwegian_reader_of_an_english_only_message_is_told_in_norwegian(
    coordinator, walk, django_capture_on_commit_callbacks, mailoutbox
):
    event, people = walk
    with django_capture_on_commit_callbacks(execute=True):
        _send(coordinator, [event.pk], "confirmed", subject_en="Bring boots", body_en="It will be muddy.")
    norwegian = next(m for m in mailoutbox if m.to[0] == people["ingrid"].email)
    assert "(Denne meldingen er bare skrevet på engelsk.)" in norwegian.body
    assert "Vennlig hilsen" in norwegian.body and "muddy" in norwegian.body
