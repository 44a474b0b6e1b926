from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Municipality

from .models import Mode, Topic


class SlotFilterForm(forms.Form):
    """The free times' filters (GET): anything that is not a choice is ignored, never an error page."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All municipalities"),
    )
    mode = forms.ChoiceField(
        label=_("How"), choices=[("", _("At the desk or by video")), *Mode.choices], required=False
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"municipality": self.cleaned_data["municipality"], "mode": self.cleaned_data["mode"] or None}


class BookingForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("What would you like to talk about?"), choices=Topic.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything the contact person should know beforehand (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MoveForm(forms.Form):
    CHOOSE = _("Choose one of the free times.")
    slot = forms.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), CHOOSE),
    )
