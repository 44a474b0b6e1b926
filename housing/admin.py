"""The coordinator's screens: residences and units, the rules, applications in order with the
units free for each, bookings (occupancy, moves, CSV, extending and ending stays) and rent due.
Every change of state goes through the services, and says what it did."""

import csv

from django.contrib import admin, messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from network.exports import csv_cell

from . import selectors, services
from .forms import DecideForm, PeriodForm
from .models import Application, Booking, HousingSettings, RentCharge, Residence, ResidencePhoto, Unit


@admin.register(HousingSettings)
class HousingSettingsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "min_stay_months", "max_stay_months", "book_ahead_months", "offer_days")

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not HousingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0
    fields = (
        "label",
        "kind",
        "beds",
        "size_m2",
        "furnished",
        "rent_nok",
        "deposit_nok",
        "step_free",
        "pets_allowed",
        "available_from",
        "active",
    )


class PhotoInline(TranslationTabularInline):
    model = ResidencePhoto
    extra = 0
    fields = ("image", "alt_text", "position")


@admin.register(Residence)
class ResidenceAdmin(TabbedTranslationAdmin):
    list_display = ("name", "municipality", "address", "published", "position")
    list_editable = ("published", "position")
    list_filter = ("municipality", "published")
    search_fields = ("name_nb", "name_en", "address")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [UnitInline, PhotoInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "published", "position")}),
        (_("Where"), {"fields": ("address", "postal_code", "postal_town", "municipality")}),
        (_("About"), {"fields": ("description", "house_rules", "facilities")}),
        (_("Contact"), {"fields": ("contact_name", "contact_email", "contact_phone")}),
    )


def _waiting_message(model_admin, request, application) -> None:
    """After nights come free: who is next on the waiting list for that municipality."""
    if application is None:
        model_admin.message_user(request, _("Nobody on the waiting list wants these nights."), messages.INFO)
        return
    url = reverse("admin:housing_application_decide", args=[application.pk])
    model_admin.message_user(
        request,
        format_html(
            _('Next on the waiting list for {municipality}: <a href="{url}">{who}</a>, {start} to {end}.'),
            municipality=application.municipality.name,
            url=url,
            who=application.user.get_full_name() or application.user.email,
            start=application.move_in,
            end=application.move_out,
        ),
        messages.WARNING,
    )


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


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = (
        "unit",
        "tenant_display",
        "starts_on",
        "ends_on",
        "persons",
        "status",
        "rent_nok",
        "change_link",
    )
    list_filter = ("status", "unit__residence")
    list_select_related = ("unit__residence", "tenant")
    search_fields = ("tenant__email", "tenant__first_name", "tenant__last_name")
    date_hierarchy = "starts_on"
    actions = ["export_csv", "cancel_bookings"]
    readonly_fields = [f.name for f in Booking._meta.concrete_fields if f.name != "id"]
    change_list_template = "admin/housing/booking/change_list.html"

    def has_add_permission(self, request):
        return False  # made by approving or offering on an application

    def has_delete_permission(self, request, obj=None):
        return False  # cancelled through the rules, so the waiting list is told

    @admin.display(description=_("tenant"), ordering="tenant__first_name")
    def tenant_display(self, obj):
        if obj.tenant is None:
            return _("(erased)")
        return obj.tenant.get_full_name() or obj.tenant.email

    @admin.display(description=_("extend or end early"))
    def change_link(self, obj):
        if obj.status != Booking.Status.CONFIRMED:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:housing_booking_period", args=[obj.pk]),
            _("Change move-out"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/period/", view(self.period_view), name="housing_booking_period"),
            path("occupancy/", view(self.occupancy_view), name="housing_booking_occupancy"),
            path("moves/", view(self.moves_view), name="housing_booking_moves"),
            *super().get_urls(),
        ]

    def _render(self, request, template, title, **context):
        return TemplateResponse(
            request,
            f"admin/housing/booking/{template}",
            {**self.admin_site.each_context(request), "title": title, "opts": self.model._meta, **context},
        )

    def period_view(self, request, pk):
        booking = get_object_or_404(Booking.objects.select_related("unit__residence", "tenant"), pk=pk)
        form = PeriodForm(
            request.POST if request.method == "POST" else None, initial={"ends_on": booking.ends_on}
        )
        if request.method == "POST" and form.is_valid():
            ends_on = form.cleaned_data["ends_on"]
            try:
                if ends_on > booking.ends_on:
                    services.booking_extend(booking_id=booking.pk, ends_on=ends_on, by=request.user)
                    self.message_user(
                        request,
                        _("The stay is extended to %(date)s; the tenant has been told by e-mail.")
                        % {"date": ends_on},
                        messages.SUCCESS,
                    )
                else:
                    _booking, following = services.booking_end_early(
                        booking_id=booking.pk, ends_on=ends_on, by=request.user
                    )
                    self.message_user(
                        request,
                        _("The stay now ends %(date)s; the tenant has been told by e-mail.")
                        % {"date": ends_on},
                        messages.SUCCESS,
                    )
                    _waiting_message(self, request, following)
            except services.HousingError as error:
                form.add_error(None, error.message)
            else:
                return HttpResponseRedirect(reverse("admin:housing_booking_changelist"))
        return self._render(
            request, "period.html", _("Extend or end a stay early"), booking=booking, form=form
        )

    def occupancy_view(self, request):
        first = timezone.localdate().replace(day=1)
        rows = selectors.occupancy_by_residence(first_month=first)
        months = [cell["month"] for cell in rows[0]["months"]] if rows else []
        return self._render(
            request, "occupancy.html", _("Occupancy per residence and month"), rows=rows, months=months
        )

    def moves_view(self, request):
        return self._render(
            request,
            "moves.html",
            _("Move-ins and move-outs in the coming 60 days"),
            **selectors.moves_upcoming(),
        )

    @admin.action(description=_("Export the bookings (CSV)"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="bookings.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Residence"),
                _("Unit"),
                _("Tenant"),
                _("E-mail"),
                _("Move-in"),
                _("Move-out"),
                _("Nights"),
                _("Persons"),
                _("Status"),
                _("Monthly rent (NOK)"),
            ]
        )
        for booking in queryset.select_related("unit__residence", "tenant").order_by("starts_on", "unit_id"):
            tenant = booking.tenant
            row = [
                booking.unit.residence.name,
                booking.unit.title,
                tenant.get_full_name() if tenant else _("(erased)"),
                tenant.email if tenant else "",
                booking.starts_on.isoformat(),
                booking.ends_on.isoformat(),
                booking.nights,
                booking.persons,
                booking.get_status_display(),
                booking.rent_nok,
            ]
            writer.writerow([csv_cell(cell) for cell in row])
        return response

    @admin.action(description=_("Cancel (stays that have not begun, and offers)"))
    def cancel_bookings(self, request, queryset):
        cancelled = 0
        for booking in queryset.filter(status__in=Booking.BLOCKING).order_by("starts_on"):
            try:
                _booking, following = services.booking_cancel(booking_id=booking.pk, by=request.user)
            except services.HousingError as error:
                self.message_user(request, f"{booking}: {error.message}", messages.WARNING)
            else:
                cancelled += 1
                _waiting_message(self, request, following)
        self.message_user(
            request,
            ngettext(
                "%(count)d booking cancelled; the tenant has been told by e-mail.",
                "%(count)d bookings cancelled; the tenants have been told by e-mail.",
                cancelled,
            )
            % {"count": cancelled},
            messages.SUCCESS,
        )


class PaidFilter(admin.SimpleListFilter):
    title = _("paid")
    parameter_name = "paid"

    def lookups(self, request, model_admin):
        return [("no", _("Not paid")), ("yes", _("Paid"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(paid_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(paid_at__isnull=False)
        return queryset


@admin.register(RentCharge)
class RentChargeAdmin(admin.ModelAdmin):
    """Rent due per month: a list to follow up (payment itself happens outside the portal)."""

    list_display = ("month_display", "booking", "tenant_display", "nights", "amount_nok", "paid_at")
    list_filter = (PaidFilter, "booking__unit__residence")
    list_select_related = ("booking__unit__residence", "booking__tenant")
    date_hierarchy = "month"
    actions = ["mark_paid", "mark_unpaid"]
    readonly_fields = ("booking", "month", "nights", "amount_nok", "paid_at")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("month"), ordering="month")
    def month_display(self, obj):
        return obj.month.strftime("%Y-%m")

    @admin.display(description=_("tenant"))
    def tenant_display(self, obj):
        tenant = obj.booking.tenant
        return (tenant.get_full_name() or tenant.email) if tenant else _("(erased)")

    @admin.action(description=_("Mark as paid"))
    def mark_paid(self, request, queryset):
        count = services.rent_mark_paid(
            charge_ids=queryset.values_list("pk", flat=True), paid=True, by=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d month's rent marked as paid.", "%(count)d months' rent marked as paid.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as not paid"))
    def mark_unpaid(self, request, queryset):
        count = services.rent_mark_paid(
            charge_ids=queryset.values_list("pk", flat=True), paid=False, by=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d month's rent marked as not paid.",
                "%(count)d months' rent marked as not paid.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
