"""Applications in order, with the units free for each period and the decision screen."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import selectors, services
from ..forms import DecideForm
from ..models import Application


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "applicant",
        "wanted",
        "move_in",
        "move_out",
        "persons",
        "status",
        "free_units_display",
        "arrival_display",
        "decide_link",
    )
    list_filter = ("status", "municipality")
    list_select_related = ("user", "unit__residence", "municipality", "company")
    search_fields = ("user__email", "user__first_name", "user__last_name")
    ordering = ("created_at", "pk")
    actions = ["approve_as_asked", "decline"]
    readonly_fields = [f.name for f in Application._meta.concrete_fields if f.name != "id"]

    def has_add_permission(self, request):
        return False  # households apply on the site; HR from a hire's page

    def get_queryset(self, request):
        return super().get_queryset(request).with_free_units().with_hire_dates()

    @admin.display(description=_("applicant"), ordering="user__first_name")
    def applicant(self, obj):
        if obj.user is None:
            return _("(erased)")
        name = obj.user.get_full_name() or obj.user.email
        return f"{name} ({obj.company})" if obj.company_id else name

    @admin.display(description=_("free units for the period"), ordering="free_units")
    def free_units_display(self, obj):
        return obj.free_units

    @admin.display(description=_("at work / arrives"))
    def arrival_display(self, obj):
        parts = []
        if obj.hire_start:
            parts.append(_("starts %(date)s") % {"date": obj.hire_start})
        if obj.hire_arrived_on:
            parts.append(_("arrived %(date)s") % {"date": obj.hire_arrived_on})
        elif obj.hire_expected_arrival:
            parts.append(_("expected %(date)s") % {"date": obj.hire_expected_arrival})
        return ", ".join(str(p) for p in parts) or "–"

    @admin.display(description=_("decide"))
    def decide_link(self, obj):
        if obj.status != Application.Status.OPEN:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:housing_application_decide", args=[obj.pk]), _("Decide")
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="housing_application_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk):
        application = get_object_or_404(
            Application.objects.with_hire_dates().select_related("user", "unit__residence", "municipality"),
            pk=pk,
        )
        form = DecideForm(
            request.POST if request.method == "POST" else None,
            initial={
                "unit": application.unit_id,
                "move_in": application.move_in,
                "move_out": application.move_out,
            },
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if data["action"] == "approve":
                    booking = services.application_approve(
                        application_id=application.pk,
                        by=request.user,
                        unit_id=data["unit"].pk if data["unit"] else None,
                        note=data["note"],
                    )
                    done = _(
                        "Booked %(unit)s from %(start)s to %(end)s; the applicant has been told by e-mail."
                    )
                elif data["action"] == "offer":
                    booking = services.application_offer(
                        application_id=application.pk,
                        by=request.user,
                        unit_id=data["unit"].pk,
                        move_in=data["move_in"],
                        move_out=data["move_out"],
                        note=data["note"],
                    )
                    done = _(
                        "Offered %(unit)s from %(start)s to %(end)s; the applicant has been asked by e-mail to answer."
                    )
                else:
                    services.application_decline(
                        application_id=application.pk, by=request.user, note=data["note"]
                    )
                    booking, done = (
                        None,
                        _("The application is declined; the applicant has been told by e-mail."),
                    )
            except services.HousingError as error:
                form.add_error(None, error.message)
            else:
                if booking is not None:
                    done = done % {"unit": booking.unit, "start": booking.starts_on, "end": booking.ends_on}
                self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:housing_application_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Decide on an application"),
            "application": application,
            "free_units": selectors.free_units_for_application(application=application),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/housing/application/decide.html", context)

    @admin.action(description=_("Approve: book the unit asked for"))
    def approve_as_asked(self, request, queryset):
        booked, refused = 0, []
        for application in queryset.order_by("created_at", "pk"):
            try:
                services.application_approve(application_id=application.pk, by=request.user)
            except services.HousingError as error:
                refused.append(f"{application}: {error.message}")
            else:
                booked += 1
        self.message_user(
            request,
            ngettext("%(count)d application booked.", "%(count)d applications booked.", booked)
            % {"count": booked},
            messages.SUCCESS,
        )
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)

    @admin.action(description=_("Decline"))
    def decline(self, request, queryset):
        declined = 0
        for application in queryset.filter(status=Application.Status.OPEN):
            services.application_decline(application_id=application.pk, by=request.user)
            declined += 1
        self.message_user(
            request,
            ngettext("%(count)d application declined.", "%(count)d applications declined.", declined)
            % {"count": declined},
            messages.SUCCESS,
        )
