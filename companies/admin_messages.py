"""Messages to the HR staff of member companies: the action on the companies' list (write, preview,
send) and the list of every message sent, with who got it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from network.admin_mailing import MailingAdmin, MailingForm, MailingRecipientInline, mailing_step

from . import services
from .models import HRMessage, HRMessageRecipient


@admin.action(description=_("Send a message to the HR staff of the selected member companies"))
def message_hr_staff(modeladmin, request, queryset):
    companies = list(queryset.order_by("name", "pk"))
    company_ids = [company.pk for company in companies]
    return mailing_step(
        modeladmin,
        request,
        action="message_hr_staff",
        selected=companies,
        title=_("Send a message to HR staff"),
        intro=_(
            "To the HR staff of the selected companies that are members of the network (former members "
            "and prospects get nothing). Select all members to write to the whole company network."
        ),
        form_class=MailingForm,
        mailing_model=HRMessage,
        audience=lambda data: [
            user for user, _company in services.hr_message_audience(company_ids=company_ids)
        ],
        send=lambda data, texts: services.hr_message_send(
            company_ids=company_ids,
            by=request.user,
            **texts,
        ),
    )


class HRMessageRecipientInline(MailingRecipientInline):
    model = HRMessageRecipient
    context_fields = ("company",)


@admin.register(HRMessage)
class HRMessageAdmin(MailingAdmin):
    fields = ("to_companies", *MailingAdmin.text_fields)
    inlines = [HRMessageRecipientInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("companies")

    @admin.display(description=_("companies"))
    def to_companies(self, obj):
        return ", ".join(str(company) for company in obj.companies.all())
