from django import forms
from django.utils.translation import gettext_lazy as _


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids beyond a 64-bit integer before querying: Django's `pk__in` lookup, unlike
    `pk=`, sends them to the database, which fails with an overflow (a 500)."""

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = abs(int(pk)) >= 2**63
            except (TypeError, ValueError):
                continue  # reported by the parent as not a valid value
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class SignupNameForm(forms.Form):
    """Extra fields of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): the portal greets people
    and shows them to organisers by name, never by e-mail address."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])
