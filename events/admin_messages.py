"""Messages to an activity's participants: the action on the activities' list (write, preview, send),
the messages kept on each activity, and the list of every message sent."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from network.admin_mailing import MailingAdmin, MailingForm, MailingRecipientInline, mailing_step

from .models import EventMessage, EventMessageRecipient
from .selectors import event_message_audience
from .services_messages import event_message_send


class EventMessageForm(MailingForm):
    audience = forms.ChoiceField(
        label=_("Who gets it"), choices=EventMessage.Audience.choices, initial=EventMessage.Audience.CONFIRMED
    )


@admin.action(description=_("Send a message to the participants of the selected activities"))
def message_participants(modeladmin, request, queryset):
    events = list(queryset.order_by("starts_at", "pk"))
    event_ids = [event.pk for event in events]
    titles = ", ".join(str(event) for event in events[:5]) + ("…" if len(events) > 5 else "")
    return mailing_step(
        modeladmin,
        request,
        action="message_participants",
        selected=events,
        title=_("Send a message to participants"),
        intro=_("To the people of: %(activities)s. Each gets one e-mail, even if they are in several.")
        % {"activities": titles},
        form_class=EventMessageForm,
        mailing_model=EventMessage,
        audience=lambda data: [
            user
            for user, _event in event_message_audience(
                event_ids=event_ids, audience=data.get("audience") or EventMessage.Audience.CONFIRMED
            )
        ],
        send=lambda data, texts: event_message_send(
            event_ids=event_ids,
            audience=data["audience"],
            by=request.user,
            **texts,
        ),
    )


class EventMessageInline(admin.TabularInline):
    """On an activity's page: the messages its participants were sent."""

    model = EventMessage.events.through
    verbose_name = _("message to participants")
    verbose_name_plural = _("messages to participants")
    extra = 0
    can_delete = False
    fields = ("message_link", "sent_to", "recipients", "sent")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("eventmessage")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("subject"))
    def message_link(self, row):
        url = reverse("admin:events_eventmessage_change", args=[row.eventmessage_id])
        return format_html('<a href="{}">{}</a>', url, row.eventmessage)

    @admin.display(description=_("sent to"))
    def sent_to(self, row):
        return row.eventmessage.get_audience_display()

    @admin.display(description=_("recipients"))
    def recipients(self, row):
        return row.eventmessage.recipient_count

    @admin.display(description=_("sent"))
    def sent(self, row):
        return row.eventmessage.created_at


class EventMessageRecipientInline(MailingRecipientInline):
    model = EventMessageRecipient
    context_fields = ("event",)


@admin.register(EventMessage)
class EventMessageAdmin(MailingAdmin):
    """Every message sent to participants, with who got it. Written from the activities' list."""

    list_display = ("__str__", "audience", "recipient_count", "sent_by", "created_at")
    list_filter = ("audience",)
    fields = ("activities", "audience", *MailingAdmin.text_fields)
    inlines = [EventMessageRecipientInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("events")

    @admin.display(description=_("activities"))
    def activities(self, obj):
        return ", ".join(str(event) for event in obj.events.all())
