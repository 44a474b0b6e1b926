import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MAX_PERSONS, MAX_RENT_NOK, UnitKind
from .selectors import Filters, municipalities_with_housing, units_for_offer

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


def _sane(day: dt.date | None) -> dt.date | None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(_("Enter a date between the years 2000 and 2100."), code="date_range")
    return day


class FilterForm(forms.Form):
    """The public list's filters (all optional; an invalid one is reported and left out)."""

    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Rooms and flats")), *UnitKind.choices]
    )
    rent_min = forms.IntegerField(
        label=_("Rent from (NOK)"), required=False, min_value=0, max_value=MAX_RENT_NOK
    )
    rent_max = forms.IntegerField(
        label=_("Rent up to (NOK)"), required=False, min_value=0, max_value=MAX_RENT_NOK
    )
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    free_from = forms.DateField(label=_("Free from"), required=False, widget=DATE_WIDGET)
    free_to = forms.DateField(label=_("Free until"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities = {m.slug: m for m in municipalities_with_housing()}
        self.fields["municipality"].choices = [("", _("All municipalities"))] + [
            (slug, m.name) for slug, m in self.municipalities.items()
        ]

    def clean_free_from(self):
        return _sane(self.cleaned_data.get("free_from"))

    def clean_free_to(self):
        return _sane(self.cleaned_data.get("free_to"))

    def clean(self):
        data = super().clean()
        start, end = data.get("free_from"), data.get("free_to")
        if start and end and end <= start:
            self.add_error("free_to", _("The end of the period must be after its start."))
        low, high = data.get("rent_min"), data.get("rent_max")
        if low is not None and high is not None and high < low:
            self.add_error("rent_max", _("The highest rent must be at least the lowest."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        return Filters(
            municipality=self.municipalities.get(data.get("municipality") or ""),
            kind=data.get("kind") or "",
            rent_min=data.get("rent_min"),
            rent_max=data.get("rent_max"),
            step_free=bool(data.get("step_free")),
            free_from=data.get("free_from"),
            free_to=data.get("free_to"),
        )


class ApplicationForm(forms.Form):
    """Where (a unit, or any unit in a municipality), when, how many, and a message."""

    wish = forms.ChoiceField(label=_("Where would you like to live?"))
    move_in = forms.DateField(label=_("Move-in"), widget=DATE_WIDGET)
    move_out = forms.DateField(label=_("Move-out"), widget=DATE_WIDGET)
    persons = forms.IntegerField(label=_("Persons"), min_value=1, max_value=MAX_PERSONS, initial=1)
    message = forms.CharField(
        label=_("Message to the coordinator"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Anything that helps, such as your start date at work or what you need."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipality_choices = [
            (f"m:{m.pk}", _("Any unit in %(municipality)s") % {"municipality": m.name})
            for m in municipalities_with_housing()
        ]
        unit_choices = [
            (f"u:{u.pk}", f"{u.residence.name}, {u.title} ({u.rent_nok} NOK)") for u in units_for_offer()
        ]
        self.fields["wish"].choices = [
            ("", _("Choose…")),
            (_("Municipality"), municipality_choices),
            (_("A particular unit"), unit_choices),
        ]

    def clean_move_in(self):
        return _sane(self.cleaned_data.get("move_in"))

    def clean_move_out(self):
        return _sane(self.cleaned_data.get("move_out"))

    def clean(self):
        data = super().clean()
        move_in, move_out = data.get("move_in"), data.get("move_out")
        if move_in and move_out and move_out <= move_in:
            self.add_error("move_out", _("The move-out date must be after the move-in date."))
        if move_in and move_in < timezone.localdate():
            self.add_error("move_in", _("The move-in date cannot be in the past."))
        return data

    def service_data(self) -> dict:
        kind, _sep, pk = self.cleaned_data["wish"].partition(":")
        return {
            "unit_id": int(pk) if kind == "u" else None,
            "municipality_id": int(pk) if kind == "m" else None,
            "move_in": self.cleaned_data["move_in"],
            "move_out": self.cleaned_data["move_out"],
            "persons": self.cleaned_data["persons"],
            "message": self.cleaned_data["message"],
        }


class StayChangeForm(forms.Form):
    """The tenant changes their stay: a new move-out date (later or earlier), or cancel before it begins."""

    ACTIONS = [("extend", _("Stay longer")), ("end", _("Move out earlier")), ("cancel", _("Cancel the stay"))]

    action = forms.ChoiceField(
        label=_("What would you like to do?"), choices=ACTIONS, widget=forms.RadioSelect
    )
    ends_on = forms.DateField(
        label=_("New move-out date"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Not needed to cancel."),
    )

    def clean_ends_on(self):
        return _sane(self.cleaned_data.get("ends_on"))

    def clean(self):
        data = super().clean()
        if data.get("action") in ("extend", "end") and not data.get("ends_on"):
            self.add_error("ends_on", _("Choose the new move-out date."))
        return data


class DecideForm(forms.Form):
    """The coordinator's decision on an application (admin)."""

    ACTIONS = [
        ("approve", _("Approve: book the unit for the period asked")),
        ("offer", _("Offer a unit and period; the applicant answers on the site")),
        ("decline", _("Decline")),
    ]

    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    move_in = forms.DateField(label=_("Move-in"), required=False, widget=DATE_WIDGET)
    move_out = forms.DateField(label=_("Move-out"), required=False, widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_offer()

    def clean_move_in(self):
        return _sane(self.cleaned_data.get("move_in"))

    def clean_move_out(self):
        return _sane(self.cleaned_data.get("move_out"))

    def clean(self):
        data = super().clean()
        if data.get("action") == "offer" and not data.get("unit"):
            self.add_error("unit", _("Choose the unit to offer."))
        return data


class PeriodForm(forms.Form):
    """The coordinator extends or shortens a stay (admin)."""

    ends_on = forms.DateField(label=_("New move-out date"), widget=DATE_WIDGET)

    def clean_ends_on(self):
        return _sane(self.cleaned_data.get("ends_on"))
