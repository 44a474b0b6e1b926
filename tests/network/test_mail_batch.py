"""Many mails handed to the worker as one task (`network.services.mail_batch`): each still sent once,
and a mail the server refuses for now retried on its own."""

import smtplib

import pytest

from network import services, tasks
from network.models import OutgoingMail

pytestmark = pytest.mark.django_db


def _queue(n, prefix="batch"):
    return [
        services.mail_queue(
            key=f"{prefix}:{i}", to=f"person{i}@example.com", language="en", subject="Hi", body_text="Hello"
        )
        for i in range(n)
    ]


def test_mails_queued_in_a_batch_go_out_in_one_task(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    single, batches = [], []
    monkeypatch.setattr(tasks.outgoing_mail_send, "delay", lambda pk: single.append(pk))
    original = tasks.outgoing_mails_send.run
    monkeypatch.setattr(tasks.outgoing_mails_send, "run", lambda ids: batches.append(ids) or original(ids))
    with django_capture_on_commit_callbacks(execute=True):
        with services.mail_batch():
            mails = _queue(3)
            assert _queue(1)[0] is None  # recorded before: not queued, not sent again
    assert batches == [[m.pk for m in mails]] and not single
    assert sorted(m.to[0] for m in mailoutbox) == [f"person{i}@example.com" for i in range(3)]
    assert not OutgoingMail.objects.filter(sent_at__isnull=True).exists()
    # the batch delivered twice (a retry) sends nothing twice
    assert tasks.outgoing_mails_send.run([m.pk for m in mails]) == 0
    assert len(mailoutbox) == 3


def test_outside_a_batch_each_mail_has_its_own_task(monkeypatch, django_capture_on_commit_callbacks):
    single = []
    monkeypatch.setattr(tasks.outgoing_mail_send, "delay", lambda pk: single.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        mails = _queue(2, prefix="alone")
    assert single == [m.pk for m in mails]


def test_a_mail_the_server_refuses_for_now_is_retried_on_its_own(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        mails = _queue(3, prefix="flaky")
    real_send = services.EmailMultiAlternatives.send

    def send(message, *args, **kwargs):
        if message.to == ["person1@example.com"]:
            raise smtplib.SMTPServerDisconnected("try later")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", send)
    retried = []
    monkeypatch.setattr(tasks.outgoing_mail_send, "delay", lambda pk: retried.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.mails_send(mail_ids=[m.pk for m in mails]) == 2
    assert retried == [mails[1].pk]
    refused = OutgoingMail.objects.get(pk=mails[1].pk)
    assert refused.sent_at is None and "try later" in refused.last_error
    assert sorted(m.to[0] for m in mailoutbox) == ["person0@example.com", "person2@example.com"]
