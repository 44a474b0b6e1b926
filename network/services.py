"""State changes that belong to the region as a whole: mail, the coordinator's account and group."""

import base64
import datetime as dt
import logging
import re
import smtplib
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.sites.models import Site
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import translate_url
from django.utils import timezone, translation

from .models import OutgoingMail, User
from .selectors import outgoing_mail_about, person_needles, region_get_cached

logger = logging.getLogger(__name__)

COORDINATOR_GROUP = "Coordinator"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str

    def as_json(self) -> dict:
        return {
            "filename": self.filename,
            "mimetype": self.mimetype,
            "content_b64": base64.b64encode(self.content).decode("ascii"),
        }


def absolute_url(path: str, language: str | None = None) -> str:
    """The full address of a path on this site, for links read outside its pages: e-mails, calendar
    files, the calendar feed's address. The scheme is ACCOUNT_DEFAULT_HTTP_PROTOCOL, as in allauth's
    own mails; the domain is the Site's. With `language`, a path under i18n_patterns moves to that
    language's prefix (`/nb/events/3/` → `/en/events/3/`), however it was reversed."""
    if language:
        # translate_url resolves in the active language, so resolve in the language of the path.
        with translation.override(translation.get_language_from_path(path) or translation.get_language()):
            path = translate_url(path, language)
    return f"{settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL}://{Site.objects.get_current().domain}{path}"


def mail_render(*, template_prefix: str, context: dict, language: str) -> tuple[str, str, str]:
    """Render `<prefix>_subject.txt`, `<prefix>.txt` and (if present) `<prefix>.html` in a language."""
    # Every mail may name the region (its name is data, never a literal in a template).
    context = {"region": region_get_cached(), **context}
    with translation.override(language):
        # Text parts render unescaped (the "text" engine): they are not HTML.
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context, using="text").split())
        text = render_to_string(f"{template_prefix}.txt", context, using="text")
        try:
            html_template = get_template(f"{template_prefix}.html")
        except TemplateDoesNotExist:
            html = ""  # the HTML part is optional; a broken one is an error, raised when it renders
        else:
            html = html_template.render(context)
    return subject, text, html


def _safe_headers(headers: dict[str, str]) -> dict[str, str]:
    """Header names and values on one line each: a line break would let a value add headers."""
    for name, value in headers.items():
        if not re.fullmatch(r"[A-Za-z0-9-]+", name) or any(c in str(value) for c in "\r\n"):
            raise ValueError(f"unsafe mail header {name!r}")
    return {name: str(value) for name, value in headers.items()}


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369's List-Unsubscribe and RFC 8058's one-click POST, for a link that stops a mailing."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def mail_queue(
    *,
    key: str,
    to: str,
    language: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    attachments: list[Attachment] | tuple = (),
    headers: dict[str, str] | None = None,
) -> OutgoingMail | None:
    """Record a mail under a unique key and send it after the transaction commits.

    Returns None when a mail with this key was recorded before: that is what makes every
    caller (and every retried task) safe to run twice. `headers` (such as List-Unsubscribe) are
    stored with the mail and sent with it.
    """
    from .tasks import outgoing_mail_send

    batch = _mail_batch.get()
    with transaction.atomic():
        mail, created = OutgoingMail.objects.get_or_create(
            key=key,
            defaults={
                "to": to,
                "language": language,
                "subject": subject[:255],
                "body_text": body_text,
                "body_html": body_html,
                "attachments": [a.as_json() for a in attachments],
                "headers": _safe_headers(headers or {}),
            },
        )
        if not created:
            return None
        if batch is not None:
            batch.append(mail.pk)
        else:
            transaction.on_commit(lambda: outgoing_mail_send.delay(mail.pk))
    return mail


# Inside `mail_batch()`, the mails queued are sent by one task for them all instead of one task each.
_mail_batch: ContextVar[list[int] | None] = ContextVar("mail_batch", default=None)


@contextmanager
def mail_batch():
    """Queue many mails (a chunk of reminders, a mailing) and hand them to the worker as one task
    after commit: for thousands of mails the broker's round trip per mail costs more than the
    sending. Each mail is still sent once (`mail_send` locks and checks its row)."""
    from .tasks import outgoing_mails_send

    ids: list[int] = []
    token = _mail_batch.set(ids)
    try:
        yield
    finally:
        _mail_batch.reset(token)
    if ids:
        transaction.on_commit(lambda: outgoing_mails_send.delay(ids))


def mail_queue_template(
    *,
    key: str,
    user: User | None = None,
    to: str | None = None,
    language: str | None = None,
    template_prefix: str,
    context: dict,
    attachments: list[Attachment] | tuple = (),
    headers: dict[str, str] | None = None,
) -> OutgoingMail | None:
    """Render a mail template in the recipient's language and queue it (see `mail_queue`)."""
    if OutgoingMail.objects.filter(key=key).exists():
        return None
    language = language or (user.language if user else settings.LANGUAGE_CODE)
    to = to or user.email
    subject, text, html = mail_render(
        template_prefix=template_prefix, context={"user": user, **context}, language=language
    )
    return mail_queue(
        key=key,
        to=to,
        language=language,
        subject=subject,
        body_text=text,
        body_html=html,
        attachments=attachments,
        headers=headers,
    )


class TemporaryMailError(Exception):
    """The mail server could not take the message now; trying again later may work."""


TEMPORARY_SMTP_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPDataError,
    ConnectionError,
    TimeoutError,
)


def _from_email() -> str:
    region = region_get_cached()
    return region.from_email if region else settings.DEFAULT_FROM_EMAIL


def mail_send(*, mail_id: int, connection=None, from_email: str | None = None) -> bool:
    """Send a recorded mail once. Returns True if it was sent now, False if it already was.
    `from_email`: the region's sender, when the caller sends many and has read it once."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.sent_at is not None:
            return False
        mail.attempts += 1
        message = EmailMultiAlternatives(
            subject=mail.subject,
            body=mail.body_text,
            from_email=from_email or _from_email(),
            to=[mail.to],
            headers=mail.headers or None,
            connection=connection,
        )
        if mail.body_html:
            message.attach_alternative(mail.body_html, "text/html")
        for attachment in mail.attachments:
            message.attach(
                attachment["filename"],
                base64.b64decode(attachment["content_b64"]),
                attachment["mimetype"],
            )
        try:
            message.send()
        except TEMPORARY_SMTP_ERRORS as exc:
            # Recorded (and committed) before raising, so the admin shows why a retry is pending.
            failure = exc
            mail.last_error = str(exc)[:2000]
            mail.save(update_fields=["attempts", "last_error"])
        else:
            failure = None
            mail.sent_at = timezone.now()
            mail.last_error = ""
            mail.save(update_fields=["attempts", "sent_at", "last_error"])
    if failure is not None:
        raise TemporaryMailError(str(failure)) from failure
    return True


def mails_send(*, mail_ids: list[int]) -> int:
    """Send these recorded mails over one connection to the mail server; returns how many were sent
    now. A mail the server cannot take now is left to `outgoing_mail_send`'s retries, on its own."""
    from .tasks import outgoing_mail_send

    sent = 0
    connection = get_connection()
    from_email = _from_email()
    with connection:
        for mail_id in mail_ids:
            try:
                sent += mail_send(mail_id=mail_id, connection=connection, from_email=from_email)
            except TemporaryMailError:
                transaction.on_commit(lambda mail_id=mail_id: outgoing_mail_send.delay(mail_id))
    return sent


def coordinator_group_sync(*, using: str = "default") -> Group:
    """Give the Coordinator group every permission on the project's own models.

    Run after each migrate, so a model added by a later release is covered without a
    hand-written data migration. Users get view/change (not delete: accounts are erased
    through the privacy service, which keeps anonymous statistics).
    """
    group, _ = Group.objects.using(using).get_or_create(name=COORDINATOR_GROUP)
    project_perms = (
        Permission.objects.using(using)
        .filter(content_type__app_label__in=settings.PROJECT_APPS)
        .exclude(content_type__model="user", codename__startswith="delete_")
    )
    extra = Permission.objects.using(using).filter(
        content_type__app_label__in=["django_celery_beat", "account"]
    )
    group.permissions.set(list(project_perms) + list(extra))
    return group


@transaction.atomic
def coordinator_ensure(*, email: str, password: str | None) -> tuple[User, bool]:
    """Create the coordinator account if it is missing; never changes an existing password.

    Without a password the account gets an unusable one: set it through `password_set_link`.
    """
    from allauth.account.models import EmailAddress

    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            email=email,
            password=password,  # None: an unusable password
            first_name="Coordinator",
            is_staff=True,
            kind=User.Kind.COORDINATOR,
        )
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(coordinator_group_sync())
    return user, created


def password_set_link(*, user: User) -> str:
    """A link to set a new password (allauth's reset form), valid once and for PASSWORD_RESET_TIMEOUT."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str
    from django.urls import reverse

    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return absolute_url(path)


# --- privacy -----------------------------------------------------------------------------------

ERASED = "[erased]"
# Sent mail is kept only as long as it helps (a bounce, a "did you get it?"): then only its key
# (which keeps sending idempotent), recipient, subject and dates stay.
SENT_MAIL_BODY_DAYS = 30


def _redact(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(ERASED, text) if text else text


@transaction.atomic
def personal_data_scrub(*, email: str, names: Iterable[str]) -> int:
    """Take a person's e-mail address and names out of stored mail and the admin's history.

    Mail to them goes; mail about them (to HR, to the contact person, to a partner) keeps its key
    and date with their name and address replaced, and loses its attachments (a PDF or .ics may
    name them and cannot be redacted). Returns how many rows were changed.
    """
    from django.contrib.admin.models import LogEntry
    from django.db.models import Q

    needles = person_needles(email=email, names=names)
    if not needles:
        return 0
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in needles), re.IGNORECASE)
    changed = OutgoingMail.objects.filter(to__iexact=email).delete()[0] if email else 0
    for mail in outgoing_mail_about(email=email, names=names).select_for_update():
        key = _redact(mail.key, pattern)
        mail.key = key if key == mail.key else f"{key}#{mail.pk}"[:200]
        mail.to = ERASED if pattern.fullmatch(mail.to) else mail.to
        mail.subject = _redact(mail.subject, pattern)
        mail.body_text = _redact(mail.body_text, pattern)
        mail.body_html = _redact(mail.body_html, pattern)
        mail.attachments = []
        mail.save(update_fields=["key", "to", "subject", "body_text", "body_html", "attachments"])
        changed += 1
    log_mentions = Q()
    for needle in needles:
        log_mentions |= Q(object_repr__icontains=needle) | Q(change_message__icontains=needle)
    for entry in LogEntry.objects.filter(log_mentions):
        entry.object_repr = _redact(entry.object_repr, pattern)[:200]
        entry.change_message = _redact(entry.change_message, pattern)
        entry.save(update_fields=["object_repr", "change_message"])
        changed += 1
    return changed


def outgoing_mail_bodies_purge(*, now: dt.datetime | None = None) -> int:
    """Empty the bodies and attachments of mail sent more than SENT_MAIL_BODY_DAYS ago."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=SENT_MAIL_BODY_DAYS)
    old = OutgoingMail.objects.filter(sent_at__lt=cutoff).exclude(body_text="", body_html="", attachments=[])
    return old.update(body_text="", body_html="", attachments=[])
