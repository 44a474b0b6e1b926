from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.lookups import Exact, In, IsNull
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from network.languages import CEFR_LEVELS

# Country groups decide which checklist items apply (registration rules differ by citizenship).
NORDIC = {"DK", "FI", "IS", "SE", "NO", "AX", "FO", "GL"}
EU_EEA_CH = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "EE", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
    "PL", "PT", "RO", "SK", "SI", "ES", "LI", "CH",
}  # fmt: skip


class CountryGroup(models.TextChoices):
    NORDIC = "nordic", _("Nordic")
    EU_EEA = "eu", _("EU/EEA/Switzerland")
    OTHER = "other", _("Other countries")


def country_group(code: str | None) -> str | None:
    if not code:
        return None
    code = str(code).upper()
    if code in NORDIC:
        return CountryGroup.NORDIC
    if code in EU_EEA_CH:
        return CountryGroup.EU_EEA
    return CountryGroup.OTHER


def country_group_expression(citizenship) -> Case:
    """`country_group` as SQL, for a rule applied to many newcomers in one query."""
    return Case(
        When(Exact(citizenship, ""), then=Value(None)),
        When(In(citizenship, sorted(NORDIC)), then=Value(CountryGroup.NORDIC)),
        When(In(citizenship, sorted(EU_EEA_CH)), then=Value(CountryGroup.EU_EEA)),
        default=Value(CountryGroup.OTHER),
        output_field=models.CharField(),
    )


# The consent text's version is stored with the consent, so a later change of the text is traceable.
CONSENT_VERSION = "2026-11"


class Interest(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


def subquery_count(queryset) -> Subquery:
    """How many rows a correlated subquery has, as a number the outer query can use."""
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=models.IntegerField(),
    )


class NewcomerProfileQuerySet(models.QuerySet):
    def with_checklist_progress(self):
        """Annotate `checklist_done` and `checklist_total`: the same numbers the newcomer's own
        checklist shows, for any number of newcomers in one query."""
        applicable = ChecklistItem.objects.applicable_to(OuterRef("pk"))
        ticked = ChecklistTick.objects.filter(profile=OuterRef(OuterRef("pk")), item=OuterRef("pk"))
        return self.annotate(
            checklist_total=subquery_count(applicable),
            checklist_done=subquery_count(applicable.filter(Exists(ticked))),
        )


class NewcomerProfile(models.Model):
    """What a newcomer told the network; kept only once they consented (`data_consent_at`)."""

    class Step(models.IntegerChoices):
        CONSENT = 1, _("Consent")
        ABOUT = 2, _("About you")
        INTERESTS = 3, _("Interests")
        HOUSEHOLD = 4, _("Household")
        DONE = 5, _("Done")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="newcomer_profile",
    )
    citizenship = CountryField(_("country of citizenship"), blank=True)
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("municipality of residence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newcomers",
    )
    employer = models.ForeignKey(
        "companies.Company",
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newcomer_profiles",
    )
    employer_other = models.CharField(_("other employer"), max_length=200, blank=True)
    professional_field = models.ForeignKey(
        "companies.ProfessionalField",
        verbose_name=_("professional field"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newcomer_profiles",
    )
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    norwegian_level = models.CharField(
        _("Norwegian (CEFR level)"),
        max_length=2,
        choices=CEFR_LEVELS,
        blank=True,
        help_text=_("Leave empty if you do not speak Norwegian yet."),
    )
    interests = models.ManyToManyField(Interest, verbose_name=_("interests"), blank=True)
    has_children = models.BooleanField(_("children in the household"), default=False)
    step = models.PositiveSmallIntegerField(_("onboarding step"), choices=Step, default=Step.ABOUT)
    completed_at = models.DateTimeField(_("onboarding completed"), null=True, blank=True)
    data_consent_at = models.DateTimeField(_("consented to data storage"))
    data_consent_version = models.CharField(_("consent text version"), max_length=20, default=CONSENT_VERSION)
    contact_by_mentors_at = models.DateTimeField(
        _("may be contacted by mentors since"), null=True, blank=True
    )
    contact_by_companies_at = models.DateTimeField(
        _("may be contacted by companies since"), null=True, blank=True
    )
    share_progress_with_employer = models.BooleanField(
        _("share checklist progress with my employer"), default=False
    )
    welcome_pack_sent_at = models.DateTimeField(_("welcome pack sent"), null=True, blank=True)
    weekly_digest = models.BooleanField(
        _("weekly digest by e-mail"),
        default=False,
        help_text=_(
            "Once a week: the coming activities that fit, new stories and new practical pages "
            "(each mail has a link to stop it)."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewcomerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("newcomer profile")
        verbose_name_plural = _("newcomer profiles")

    def __str__(self):
        return str(self.user)

    @property
    def group(self) -> str | None:
        return country_group(self.citizenship.code if self.citizenship else None)

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class Partner(models.Model):
    profile = models.OneToOneField(
        NewcomerProfile, verbose_name=_("newcomer"), on_delete=models.CASCADE, related_name="partner"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    looking_for_work = models.BooleanField(_("looking for work"), default=False)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partner's account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner_of",
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class PartnerRequest(models.Model):
    """Someone who signed up on their own says "my partner works here": the household is linked only
    when that newcomer confirms. `email` is the address the requester typed; `profile` is the
    newcomer it belongs to, or None when it matches nobody who could confirm (the requester is not
    told which, so an address's account is never revealed)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Not confirmed")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="partner_requests_made",
    )
    email = models.EmailField(_("partner's e-mail address"))
    profile = models.ForeignKey(
        NewcomerProfile,
        verbose_name=_("newcomer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="partner_requests",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to join a household")
        verbose_name_plural = _("requests to join a household")
        ordering = ["-created_at"]
        constraints = [
            # Asking the same person twice (after a "no") is refused, not mailed again.
            models.UniqueConstraint(fields=["requester", "email"], name="partnerrequest_once_per_address"),
            models.UniqueConstraint(fields=["requester", "profile"], name="partnerrequest_once_per_newcomer"),
            # A person has one partner: one question waiting at a time.
            models.UniqueConstraint(
                fields=["requester"], condition=Q(status="pending"), name="partnerrequest_one_pending"
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="partnerrequest_decided_when_answered",
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(profile__isnull=False),
                name="partnerrequest_confirmed_by_a_newcomer",
            ),
        ]

    def __str__(self):
        return f"{self.requester} → {self.email}"


class Child(models.Model):
    profile = models.ForeignKey(
        NewcomerProfile, verbose_name=_("newcomer"), on_delete=models.CASCADE, related_name="children"
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["birth_year"]

    def __str__(self):
        return str(self.birth_year)


class ChecklistItemQuerySet(models.QuerySet):
    def applicable_to(self, profile: "NewcomerProfile | OuterRef"):
        """The active items that apply to a newcomer — the one rule for the checklist, the dashboard,
        the welcome pack, the employer's board and the coordinator's report.

        `profile` is a NewcomerProfile, or OuterRef("pk") (or OuterRef("<path to a profile>")) for
        the newcomer of each row of an outer query, so many newcomers take one query.
        """
        if isinstance(profile, OuterRef):
            prefix = "" if profile.name == "pk" else f"{profile.name}__"
            group = country_group_expression(OuterRef(f"{prefix}citizenship"))
            has_children = OuterRef(f"{prefix}has_children")
            has_partner = Exists(Partner.objects.filter(profile=OuterRef(OuterRef(f"{prefix}pk"))))
        else:
            group = Value(profile.group, output_field=models.CharField())
            has_children = Value(profile.has_children)
            has_partner = Exists(Partner.objects.filter(profile=profile.pk))
        country = (
            Q(IsNull(group, True))
            | (Q(Exact(group, CountryGroup.NORDIC)) & Q(for_nordic=True))
            | (Q(Exact(group, CountryGroup.EU_EEA)) & Q(for_eu=True))
            | (Q(Exact(group, CountryGroup.OTHER)) & Q(for_other=True))
        )
        return self.filter(
            Q(active=True)
            & country
            & (Q(Exact(has_children, True)) | Q(only_with_children=False))
            & (Q(has_partner) | Q(only_with_partner=False))
        )


class ChecklistItem(models.Model):
    """One step of the "paper mill", shown to the newcomers it applies to."""

    title = models.CharField(_("title"), max_length=200)
    explanation = models.TextField(_("explanation"), blank=True)
    link = models.URLField(_("official link"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    for_nordic = models.BooleanField(_("applies to Nordic citizens"), default=True)
    for_eu = models.BooleanField(_("applies to EU/EEA/Swiss citizens"), default=True)
    for_other = models.BooleanField(_("applies to other citizens"), default=True)
    only_with_children = models.BooleanField(_("only when there are children"), default=False)
    only_with_partner = models.BooleanField(_("only when there is a partner"), default=False)
    active = models.BooleanField(_("active"), default=True)

    objects = ChecklistItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class ChecklistItemMunicipalLink(models.Model):
    """Where an item is done differently in each municipality (kindergarten, school): the link for
    the newcomer's own municipality replaces the item's general one."""

    item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist item"),
        on_delete=models.CASCADE,
        related_name="municipal_links",
    )
    municipality = models.ForeignKey(
        "network.Municipality", verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    link = models.URLField(_("link"))

    class Meta:
        verbose_name = _("link for a municipality")
        verbose_name_plural = _("links for each municipality")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "municipality"], name="checklist_link_once_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.item} – {self.municipality}"


class ChecklistTick(models.Model):
    """An item a newcomer has done; the time tells the coordinator how long items stay open."""

    profile = models.ForeignKey(
        NewcomerProfile, verbose_name=_("newcomer"), on_delete=models.CASCADE, related_name="ticks"
    )
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="ticks"
    )
    done_at = models.DateTimeField(_("done"), auto_now_add=True)

    class Meta:
        verbose_name = _("checklist tick")
        verbose_name_plural = _("checklist ticks")
        constraints = [
            models.UniqueConstraint(fields=["profile", "item"], name="checklisttick_once_per_item")
        ]

    def __str__(self):
        return f"{self.item} ✓"


class ContactMessage(models.Model):
    """A message to the coordinator from the contact form: stored here, and mailed too."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        on_delete=models.CASCADE,
        related_name="contact_messages",
    )
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class AnonymousStat(models.Model):
    """Counts that survive the erasure of accounts, so retention figures stay true."""

    year = models.PositiveSmallIntegerField(_("year the account was erased"))
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    country_group = models.CharField(_("country group"), max_length=10, choices=CountryGroup, blank=True)
    citizenship = models.CharField(_("country of citizenship"), max_length=2, blank=True)
    arrival_year = models.PositiveSmallIntegerField(
        _("arrival year"), default=0, help_text=_("0 means unknown.")
    )
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("anonymous statistic")
        verbose_name_plural = _("anonymous statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "municipality", "country_group", "citizenship", "arrival_year"],
                name="anonymousstat_unique_bucket",
            )
        ]

    def __str__(self):
        return f"{self.year} {self.municipality} {self.citizenship}: {self.count}"


class ErasureRecord(models.Model):
    """That an account was erased, and when — deliberately without who."""

    requested_at = models.DateTimeField(_("requested"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=models.F("requested_at")),
                name="erasurerecord_completed_after_request",
            )
        ]

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d %H:%M}"
