import smtplib
from unittest import mock

import pytest

from network.models import OutgoingMail
from network.services import (
    Attachment,
    TemporaryMailError,
    mail_queue,
    mail_queue_template,
    mail_render,
    mail_send,
)
from tests.network.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_mail_key_is_sent_once_however_often_it_is_queued(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = mail_queue(key="k1", to="a@example.com", language="en", subject="Hi", body_text="Body")
        second = mail_queue(key="k1", to="a@example.com", language="en", subject="Hi", body_text="Body")
    assert first is not None and second is None
    assert len(mailoutbox) == 1
    # A retried task finds the mail sent and does nothing.
    assert mail_send(mail_id=first.pk) is False
    assert len(mailoutbox) == 1
    assert OutgoingMail.objects.get().sent_at is not None


def test_attachments_survive_the_queue(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(
            key="k2",
            to="a@example.com",
            language="nb",
            subject="S",
            body_text="B",
            attachments=[Attachment("event.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )
    assert mailoutbox[0].attachments[0][0] == "event.ics"
    assert mailoutbox[0].attachments[0][1] in (b"BEGIN:VCALENDAR", "BEGIN:VCALENDAR")


def test_a_temporary_smtp_error_is_recorded_and_raised_for_retry(mailoutbox):
    mail = OutgoingMail.objects.create(
        key="k3", to="a@example.com", language="en", subject="S", body_text="B"
    )
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=smtplib.SMTPServerDisconnected("x")
    ):
        with pytest.raises(TemporaryMailError):
            mail_send(mail_id=mail.pk)
    mail.refresh_from_db()
    assert mail.sent_at is None and mail.attempts == 1 and "x" in mail.last_error
    assert mail_send(mail_id=mail.pk) is True
    assert len(mailoutbox) == 1


def test_template_mail_is_rendered_in_the_recipients_language(
    mailoutbox, django_capture_on_commit_callbacks, settings, tmp_path
):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "hello_subject.txt").write_text("{% load i18n %}{% translate 'Log in' %}")
    (tmp_path / "t" / "hello.txt").write_text("{% load i18n %}{% translate 'Welcome' %}, {{ user.email }}")
    settings.TEMPLATES = [{**t, "DIRS": [tmp_path, *t["DIRS"]]} for t in settings.TEMPLATES]
    user = UserFactory(language="nb")
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue_template(key="k4", user=user, template_prefix="t/hello", context={})
        assert mail_queue_template(key="k4", user=user, template_prefix="t/hello", context={}) is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [user.email]
    assert mailoutbox[0].subject == "Logg inn"
    assert mailoutbox[0].body == f"Velkommen, {user.email}"


@pytest.fixture
def mail_templates(settings, tmp_path):
    """A folder of mail templates in front of the project's: each `<name>` has a subject and a text."""
    folder = tmp_path / "t"
    folder.mkdir()
    for name in ("plain", "broken", "includes", "html"):
        (folder / f"{name}_subject.txt").write_text("Hello")
        (folder / f"{name}.txt").write_text("Text body")
    settings.TEMPLATES = [{**t, "DIRS": [tmp_path, *t["DIRS"]]} for t in settings.TEMPLATES]
    return folder


def test_text_parts_are_not_html_escaped_but_the_html_part_is(mail_templates):
    (mail_templates / "plain_subject.txt").write_text("Hi {{ name }}")
    (mail_templates / "plain.txt").write_text("Dear {{ name }} & family")
    (mail_templates / "plain.html").write_text("<p>{{ name }}</p>")
    subject, text, html = mail_render(
        template_prefix="t/plain", context={"name": "Siobhán O'Brien <3"}, language="en"
    )
    assert subject == "Hi Siobhán O'Brien <3"
    assert text == "Dear Siobhán O'Brien <3 & family"
    assert html == "<p>Siobhán O&#x27;Brien &lt;3</p>"


def test_a_mail_without_an_html_template_is_text_only(mail_templates):
    assert mail_render(template_prefix="t/plain", context={}, language="en") == ("Hello", "Text body", "")


def test_a_broken_html_template_raises_instead_of_sending_text_only(mail_templates):
    from django.template import TemplateDoesNotExist, TemplateSyntaxError

    (mail_templates / "broken.html").write_text("<p>{% if %}</p>")
    # A missing template the HTML part includes is a mistake too, not an absent HTML part.
    (mail_templates / "includes.html").write_text('<p>{% include "t/missing.html" %}</p>')
    (mail_templates / "html.html").write_text("<p>HTML body</p>")
    with pytest.raises(TemplateSyntaxError):
        mail_render(template_prefix="t/broken", context={}, language="en")
    with pytest.raises(TemplateDoesNotExist):
        mail_render(template_prefix="t/includes", context={}, language="en")
    assert mail_render(template_prefix="t/html", context={}, language="en")[2] == "<p>HTML body</p>"


def test_a_mail_with_an_unsafe_header_is_refused():
    from network.services import mail_queue

    with pytest.raises(ValueError):
        mail_queue(
            key="h", to="a@example.com", language="en", subject="s", body_text="b",
            headers={"List-Unsubscribe": "<https://x>\r\nBcc: all@example.com"},
        )  # fmt: skip
    with pytest.raises(ValueError):
        mail_queue(
            key="h2", to="a@example.com", language="en", subject="s", body_text="b", headers={"X Y": "1"}
        )
