from django import forms


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
