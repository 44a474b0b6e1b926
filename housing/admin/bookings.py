"""Bookings (occupancy, moves, CSV, extending and ending stays) and rent due."""

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

from network.exports import csv_cell

from .. import selectors, services
from ..forms import PeriodForm
from ..models import Booking, RentCharge


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
