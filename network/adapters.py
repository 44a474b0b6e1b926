import uuid
from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from .ratelimit import client_ip
from .selectors import region_get_cached
from .services import mail_queue


class AccountAdapter(DefaultAccountAdapter):
    """Accounts: remember the visitor's language, and send allauth's mail through our queue."""

    def get_client_ip(self, request):
        # allauth's rate limits key on the same address as ours, behind the same trusted proxies.
        return client_ip(request)

    def save_user(self, request, user, form, commit=True):
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def format_email_subject(self, subject):
        region = region_get_cached()
        return f"[{region.label}] {subject}" if region else subject

    def send_mail(self, template_prefix, email, context):
        language = translation.get_language() or "nb"
        request = allauth_context.request
        # allauth's templates greet "from {{ current_site.name }}": that is the region.
        site = get_current_site(request)
        region = region_get_cached()
        context = {
            "request": request,
            "email": email,
            "current_site": SimpleNamespace(name=region.name if region else site.name, domain=site.domain),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        # allauth's mails (verification codes, reset links) are each unique: the key only
        # needs to tell them apart, and never deduplicates two of them.
        mail_queue(
            key=f"account:{template_prefix}:{uuid.uuid4()}",
            to=email,
            language=language,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
        )
