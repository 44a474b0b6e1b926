"""The coordinator's mailings in the admin: an action's second step to write, preview and send.

Each app that has an audience (an activity's participants, the HR staff of member companies, the
volunteers) adds an admin action that calls `mailing_step` with its form, who gets it and the
service that sends it. The coordinator writes in Norwegian and/or English, previews the mail as
each language's readers will get it, and sends; the action then says what it did.
"""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .mailings import mailing_preview
from .models import Mailing, User

RECIPIENTS_SHOWN = 100


class MailingForm(forms.Form):
    """Subject and message in each language; the mailing's own rules (at least one language, never a
    subject without its message) decide what is valid."""

    mailing_model: type[Mailing]

    subject_nb = forms.CharField(label=_("Subject in Norwegian"), max_length=200, required=False)
    body_nb = forms.CharField(
        label=_("Message in Norwegian"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    subject_en = forms.CharField(label=_("Subject in English"), max_length=200, required=False)
    body_en = forms.CharField(
        label=_("Message in English"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    TEXT_FIELDS = ("subject_nb", "body_nb", "subject_en", "body_en")

    def __init__(self, *args, mailing_model: type[Mailing], **kwargs):
        super().__init__(*args, **kwargs)
        self.mailing_model = mailing_model

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "").strip() for name in self.TEXT_FIELDS}

    def mailing(self) -> Mailing:
        """An unsaved mailing with the texts, for the preview."""
        return self.mailing_model(**self.texts())

    def clean(self):
        cleaned = super().clean()
        try:
            self.mailing().clean()
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


def mailing_step(
    modeladmin: admin.ModelAdmin,
    request,
    *,
    action: str,
    selected: list,
    title: str,
    intro: str,
    form_class: type[MailingForm],
    mailing_model: type[Mailing],
    audience: Callable[[dict], list[User]],
    send: Callable[[dict, dict], Mailing],
    after_send: Callable[[Mailing], object] | None = None,
):
    """Write → preview → send, as an admin action's second step (the selected rows ride along as
    hidden fields). `audience(data)` lists who would get it for the form's choices; `send(data, texts)`
    calls the app's service with the subject and message in each language and returns the saved
    mailing; `after_send(mailing)` may add its own message (who was left out). Returns None once sent
    (the admin goes back to the list with a message saying what happened), else the page."""
    bound = "preview" in request.POST or "apply" in request.POST
    form = form_class(request.POST if bound else None, mailing_model=mailing_model)
    previews = None
    if bound and form.is_valid():
        data = form.cleaned_data
        if "apply" in request.POST:
            mailing = send(data, form.texts())
            _say_what_was_sent(modeladmin, request, mailing)
            if after_send:
                after_send(mailing)
            return None
        users = audience(data)
        previews = mailing_preview(mailing=form.mailing(), users=users)
    else:
        data = form.cleaned_data if bound and hasattr(form, "cleaned_data") else {}
        data = {name: data.get(name, field.initial) for name, field in form.fields.items()}
        users = audience(data)
    users = [user for user in users if user.is_active]
    return render(
        request,
        "admin/network/mailing.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "intro": intro,
            "form": form,
            "previews": previews,
            "recipients": users[:RECIPIENTS_SHOWN],
            "recipient_count": len(users),
            "more": max(len(users) - RECIPIENTS_SHOWN, 0),
            "selected": selected,
            "action": action,
            "opts": modeladmin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )


def _say_what_was_sent(modeladmin, request, mailing: Mailing) -> None:
    count = mailing.recipient_count
    if not count:
        modeladmin.message_user(
            request,
            _("“%(subject)s” was saved but reached nobody: no one matched the choice.")
            % {"subject": mailing},
            messages.WARNING,
        )
        return
    modeladmin.message_user(
        request,
        ngettext(
            "“%(subject)s” is being sent to %(count)d person, in their own e-mail.",
            "“%(subject)s” is being sent to %(count)d people, each in their own e-mail.",
            count,
        )
        % {"subject": mailing, "count": count},
        messages.SUCCESS,
    )


class MailingRecipientInline(admin.TabularInline):
    """Who got a mailing, in which language and when; `context_fields` adds the app's own column
    (the activity, the company)."""

    extra = 0
    can_delete = False
    context_fields: tuple[str, ...] = ()

    def get_fields(self, request, obj=None):
        return ("user", *self.context_fields, "language", "mailed_at")

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", *self.context_fields)

    def has_add_permission(self, request, obj=None):
        return False


class MailingAdmin(admin.ModelAdmin):
    """A sent mailing as a record: nothing to add or change here (mailings are written from the list
    of their audience), only to read, with its recipients."""

    list_display = ("__str__", "recipient_count", "sent_by", "created_at")
    list_select_related = ("sent_by",)
    search_fields = ("subject_nb", "subject_en", "body_nb", "body_en")
    date_hierarchy = "created_at"
    text_fields = (
        "subject_nb",
        "body_nb",
        "subject_en",
        "body_en",
        "sent_by",
        "recipient_count",
        "created_at",
    )

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
