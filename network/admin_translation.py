"""Which translated content lacks a language, so that nothing is published half-translated by accident.

Every ModelAdmin of a model registered with django-modeltranslation uses `TranslationStatusMixin`:
a column "Missing translations" ("title (en), summary (nb)") and a list filter "Missing a
translation". Translated models edited inline (a residence's photos, a series' exceptions) count
towards their parent: the column names them ("photos") and the filter finds the parent. `translation_status_overview` counts what is missing per model for the coordinator's
overview page (one query per model).

What counts as missing, for the text fields of the model's translation.py:

- a field the coordinator must fill (the model field is not `blank`): empty in any language;
- an optional field: filled in some language and empty in another (an optional field empty in
  every language is simply not used).

A ModelAdmin leaves out fields that fall back to another language on purpose with
`translation_status_exclude` (the checklist's links: the agency's English page where there is one).
"""

from dataclasses import dataclass

from django.contrib import admin
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

MISSING_PARAMETER = "missing_translation"


@dataclass(frozen=True)
class TranslatedField:
    name: str
    required: bool


def languages() -> list[str]:
    return list(mt_settings.AVAILABLE_LANGUAGES)


def is_translated(model) -> bool:
    try:
        translator.get_options_for_model(model)
    except NotRegistered:
        return False
    return True


def translated_fields(model, exclude=()) -> list[TranslatedField]:
    """The text fields registered for `model` in its app's translation.py (none if it is not registered)."""
    if not is_translated(model):
        return []
    fields = []
    for name in translator.get_options_for_model(model).all_fields:
        field = model._meta.get_field(name)
        if name in exclude or not isinstance(field, models.CharField | models.TextField):
            continue
        fields.append(TranslatedField(name=name, required=not field.blank))
    return fields


def _empty(name: str) -> Q:
    return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})


def _filled(name: str) -> Q:
    # Any text sorts after the empty one, and NULL compares as nothing.
    return Q(**{f"{name}__gt": ""})


def missing_translation_q(model, exclude=()) -> Q:
    """Rows of `model` with a translation missing (see the module's docstring); matches nothing if none can."""
    condition = Q()
    fields = translated_fields(model, exclude)
    if not fields:
        return Q(pk__in=[])
    for field in fields:
        columns = [build_localized_fieldname(field.name, language) for language in languages()]
        any_empty = Q()
        for column in columns:
            any_empty |= _empty(column)
        if field.required:
            condition |= any_empty
        else:
            any_filled = Q()
            for column in columns:
                any_filled |= _filled(column)
            condition |= any_empty & any_filled
    return condition


def missing_translations(obj, exclude=()) -> list[tuple[str, str]]:
    """(field name, language) pairs missing on one object, read from its loaded columns (no query)."""
    missing = []
    for field in translated_fields(type(obj), exclude):
        values = {
            language: getattr(obj, build_localized_fieldname(field.name, language)) or ""
            for language in languages()
        }
        if not field.required and not any(values.values()):
            continue
        missing += [(field.name, language) for language, value in values.items() if not value]
    return missing


@dataclass(frozen=True)
class TranslatedInline:
    """A translated model edited inline on the list's model (a residence's photos): its rows count
    towards their parent's, as the coordinator fixes them on the parent's page."""

    model: type
    fk_name: str
    exclude: tuple[str, ...]

    @property
    def annotation(self) -> str:
        return f"missing_translation_{self.model._meta.model_name}"

    def missing_rows(self):
        return self.model._default_manager.filter(missing_translation_q(self.model, self.exclude))


def translated_inlines(model_admin) -> list[TranslatedInline]:
    inlines = []
    for inline in model_admin.inlines:
        exclude = tuple(getattr(inline, "translation_status_exclude", ()))
        if not translated_fields(inline.model, exclude):
            continue
        fk_name = inline.fk_name or next(
            field.name
            for field in inline.model._meta.fields
            if (field.many_to_one or field.one_to_one) and issubclass(model_admin.model, field.related_model)
        )
        inlines.append(TranslatedInline(model=inline.model, fk_name=fk_name, exclude=exclude))
    return inlines


def admin_missing_q(model_admin) -> Q:
    """What the admin's filter and the overview count: the model's own fields, or an inline row's."""
    condition = missing_translation_q(
        model_admin.model, getattr(model_admin, "translation_status_exclude", ())
    )
    for inline in translated_inlines(model_admin):
        condition |= Q(pk__in=inline.missing_rows().values(inline.fk_name))
    return condition


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing a translation")
    parameter_name = MISSING_PARAMETER

    def __init__(self, request, params, model, model_admin):
        self.model_admin = model_admin
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        condition = admin_missing_q(self.model_admin)
        if self.value() == "yes":
            return queryset.filter(condition)
        if self.value() == "no":
            return queryset.exclude(condition)
        return queryset


class TranslationStatusMixin:
    """For the ModelAdmin of every translated model (a house rule, checked by tests/network)."""

    translation_status_exclude: tuple[str, ...] = ()

    def get_list_display(self, request):
        return [*super().get_list_display(request), "missing_translations"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingTranslationFilter]

    def get_queryset(self, request):
        # Whether an inline row lacks a translation, in the list's own query (none per row).
        queryset = super().get_queryset(request)
        for inline in translated_inlines(self):
            rows = inline.missing_rows().filter(**{inline.fk_name: OuterRef("pk")})
            queryset = queryset.annotate(**{inline.annotation: Exists(rows)})
        return queryset

    @admin.display(description=_("Missing translations"))
    def missing_translations(self, obj) -> str:
        opts = type(obj)._meta
        parts = [
            f"{opts.get_field(name).verbose_name} ({language})"
            for name, language in missing_translations(obj, self.translation_status_exclude)
        ]
        parts += [
            str(inline.model._meta.verbose_name_plural)
            for inline in translated_inlines(self)
            if getattr(obj, inline.annotation, False)
        ]
        return ", ".join(parts) or "—"


@dataclass(frozen=True)
class TranslationStatusRow:
    app: str
    model: str
    total: int
    missing: int
    url: str


def translation_status_overview(*, site: admin.AdminSite, request) -> list[TranslationStatusRow]:
    """Per translated model in the admin that the person may see: its items and those missing a
    translation, with a link to them. One COUNT query per model."""
    rows = []
    for model, model_admin in site._registry.items():
        if not is_translated(model) or not model_admin.has_view_or_change_permission(request):
            continue
        missing = Count("pk", filter=admin_missing_q(model_admin))
        counts = model._default_manager.aggregate(total=Count("pk"), missing=missing)
        opts = model._meta
        try:
            changelist = reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            continue
        rows.append(
            TranslationStatusRow(
                app=str(opts.app_config.verbose_name),
                model=str(opts.verbose_name_plural),
                total=counts["total"],
                missing=counts["missing"],
                url=f"{changelist}?{MISSING_PARAMETER}=yes",
            )
        )
    return sorted(rows, key=lambda row: (row.app.casefold(), row.model.casefold()))


def translation_status_view(request):
    """The coordinator's overview (wrapped in `admin.site.admin_view` in network/urls.py)."""
    rows = translation_status_overview(site=admin.site, request=request)
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "rows": rows,
        "missing_total": sum(row.missing for row in rows),
    }
    return render(request, "admin/translation_status.html", context)
