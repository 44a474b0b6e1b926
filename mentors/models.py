"""Mentors ("fadder") and reserve grandparents: volunteers, what newcomers ask for, and the matches.

The rules that span rows (capacity, the police certificate, who may be proposed) live in
`mentors/services.py`; what one row must always satisfy is here, in the database where it can be.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.languages import language_name
from network.models import Mailing, MailingRecipient

# A police certificate ("politiattest") is accepted for this long after the day it was issued.
CERTIFICATE_YEARS = 3
# A request waiting longer than this without a match is shown to the coordinator as overdue.
WAITING_DAYS = 30
MAX_CAPACITY = 10


class Scheme(models.TextChoices):
    MENTOR = "mentor", _("Mentor (fadder)")
    GRANDPARENT = "grandparent", _("Reserve grandparents")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("About once a week")
    FORTNIGHTLY = "fortnightly", _("Every other week")
    MONTHLY = "monthly", _("About once a month")
    FLEXIBLE = "flexible", _("Now and then, as it suits us")


class Hope(models.TextChoices):
    """What a newcomer hopes for, and what a volunteer can offer: the same list, so they can meet."""

    PRACTICAL = "practical", _("Practical help (forms, services, finding things)")
    LANGUAGE = "language", _("Norwegian language practice")
    OUTDOORS = "outdoors", _("Outdoor life and walks")
    FAMILY = "family", _("Family life and children")
    CULTURE = "culture", _("Local culture and traditions")
    SOCIAL = "social", _("Company and a local friend")


def certificate_valid_since(today: dt.date) -> dt.date:
    """The oldest issue date of a police certificate that is still accepted on `today`."""
    try:
        return today.replace(year=today.year - CERTIFICATE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - CERTIFICATE_YEARS, day=28)


class VolunteerQuerySet(models.QuerySet):
    def approved(self):
        """Volunteers the coordinator approved and who are not paused or withdrawn."""
        return self.filter(status=Volunteer.Status.APPROVED, user__is_active=True)

    def certificate_valid(self, today: dt.date):
        return self.filter(police_certificate_date__gte=certificate_valid_since(today))

    def certificate_expired(self, today: dt.date):
        return self.filter(grandparent=True, police_certificate_date__lt=certificate_valid_since(today))

    def for_scheme(self, scheme: str):
        return self.filter(grandparent=True) if scheme == Scheme.GRANDPARENT else self.filter(mentor=True)

    def with_load(self):
        """Annotate `load`: the matches that take up a place now (proposed or active)."""
        return self.annotate(load=Count("matches", filter=Q(matches__status__in=Match.LIVE), distinct=True))


class Volunteer(models.Model):
    """Someone who offers to be a mentor and/or reserve grandparent, as they applied."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        PAUSED = "paused", _("Paused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="volunteer"
    )
    mentor = models.BooleanField(_("mentor (fadder)"), default=False)
    grandparent = models.BooleanField(_("reserve grandparent"), default=False)
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="volunteers",
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    interests = models.ManyToManyField("newcomers.Interest", verbose_name=_("interests"), blank=True)
    offers = models.JSONField(_("can offer"), default=list, blank=True)
    frequency = models.CharField(
        _("how often"), max_length=12, choices=Frequency, default=Frequency.FORTNIGHTLY
    )
    capacity = models.PositiveSmallIntegerField(
        _("newcomers or families at once"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    child_age_min = models.PositiveSmallIntegerField(
        _("children's age from"), default=0, validators=[MaxValueValidator(17)]
    )
    child_age_max = models.PositiveSmallIntegerField(
        _("children's age to"), default=12, validators=[MaxValueValidator(17)]
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    presentation = models.TextField(_("presentation"), validators=[MaxLengthValidator(1500)])
    contact_consent_at = models.DateTimeField(_("agreed to be contacted"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.APPLIED)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    decision_note = models.CharField(_("note to the applicant"), max_length=500, blank=True)
    police_certificate_date = models.DateField(
        _("police certificate issued"),
        null=True,
        blank=True,
        help_text=_("The date on the police certificate (politiattest) the coordinator has seen."),
    )
    police_certificate_seen_at = models.DateTimeField(_("police certificate seen"), null=True, blank=True)
    police_certificate_seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("police certificate seen by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mentor=True) | Q(grandparent=True), name="volunteer_has_a_role"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY), name="volunteer_capacity_range"
            ),
            models.CheckConstraint(
                condition=Q(child_age_min__lte=models.F("child_age_max")), name="volunteer_child_ages_ordered"
            ),
        ]

    def __str__(self):
        return str(self.user)

    @property
    def roles_display(self) -> str:
        return ", ".join(
            str(label)
            for flag, label in (
                (self.mentor, Scheme.MENTOR.label),
                (self.grandparent, Scheme.GRANDPARENT.label),
            )
            if flag
        )

    @property
    def offer_labels(self) -> list[str]:
        return [label for value, label in Hope.choices if value in (self.offers or ())]

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages or ()]

    def takes(self, scheme: str) -> bool:
        return self.grandparent if scheme == Scheme.GRANDPARENT else self.mentor

    def certificate_valid_on(self, today: dt.date) -> bool:
        return bool(
            self.police_certificate_date and self.police_certificate_date >= certificate_valid_since(today)
        )

    def certificate_expires_on(self) -> dt.date | None:
        if not self.police_certificate_date:
            return None
        issued = self.police_certificate_date
        try:
            return issued.replace(year=issued.year + CERTIFICATE_YEARS)
        except ValueError:
            return issued.replace(year=issued.year + CERTIFICATE_YEARS, day=28)


class MentorRequestQuerySet(models.QuerySet):
    def waiting(self):
        """Requests the coordinator should find someone for: open, with no proposal pending."""
        return self.filter(status=MentorRequest.Status.OPEN)

    def overdue(self, now: dt.datetime):
        return self.waiting().filter(opened_at__lt=now - dt.timedelta(days=WAITING_DAYS))


class MentorRequest(models.Model):
    """A newcomer's wish for a mentor or reserve grandparents (or HR's suggestion of one)."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested by the employer, not confirmed")
        OPEN = "open", _("Waiting for a match")
        PROPOSED = "proposed", _("Match proposed")
        MATCHED = "matched", _("Matched")
        CLOSED = "closed", _("Closed")

    # Emptied when the person is erased: the request stays as an anonymous count.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("newcomer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_requests",
    )
    scheme = models.CharField(_("scheme"), max_length=12, choices=Scheme)
    hopes = models.JSONField(_("hopes"), default=list, blank=True)
    message = models.TextField(_("in their own words"), blank=True, validators=[MaxLengthValidator(1500)])
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    suggested_by_company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("suggested by the employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    opened_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = MentorRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor request")
        verbose_name_plural = _("mentor requests")
        ordering = ["opened_at", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scheme"],
                condition=~Q(status="closed"),
                name="mentor_request_one_live_per_scheme",
            ),
            models.CheckConstraint(
                condition=Q(status="suggested") | Q(opened_at__isnull=False),
                name="mentor_request_opened_when_confirmed",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_scheme_display()}"

    def waiting_days(self, now: dt.datetime | None = None) -> int | None:
        if self.status != self.Status.OPEN or not self.opened_at:
            return None
        return ((now or timezone.now()) - self.opened_at).days

    @property
    def hope_labels(self) -> list[str]:
        return [label for value, label in Hope.choices if value in (self.hopes or ())]

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages or ()]

    @property
    def overdue(self) -> bool:
        days = self.waiting_days()
        return days is not None and days > WAITING_DAYS


class Side(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomer")
    VOLUNTEER = "volunteer", _("Volunteer")
    COORDINATOR = "coordinator", _("Coordinator")


class Match(models.Model):
    """A volunteer proposed for a request: proposed → active (both accepted) → ended, or declined."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    LIVE = (Status.PROPOSED, Status.ACTIVE)

    request = models.ForeignKey(
        MentorRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="matches"
    )
    # Emptied when the volunteer is erased: the match stays as an anonymous count.
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("volunteer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matches",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    score = models.SmallIntegerField(_("score when proposed"), default=0)
    reasons = models.JSONField(_("reasons when proposed"), default=list, blank=True)
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    newcomer_accepted_at = models.DateTimeField(_("newcomer accepted"), null=True, blank=True)
    volunteer_accepted_at = models.DateTimeField(_("volunteer accepted"), null=True, blank=True)
    declined_by = models.CharField(_("declined by"), max_length=12, choices=Side, blank=True)
    activated_at = models.DateTimeField(_("active since"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    ended_by = models.CharField(_("ended by"), max_length=12, choices=Side, blank=True)
    newcomer_feedback = models.TextField(
        _("newcomer's feedback"), blank=True, validators=[MaxLengthValidator(1500)]
    )
    volunteer_feedback = models.TextField(
        _("volunteer's feedback"), blank=True, validators=[MaxLengthValidator(1500)]
    )

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-proposed_at"]
        constraints = [
            # A declined volunteer is never proposed again for the same request.
            models.UniqueConstraint(fields=["request", "volunteer"], name="match_volunteer_once_per_request"),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=["proposed", "active"]),
                name="match_one_live_per_request",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(activated_at__isnull=False), name="match_active_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} ↔ {self.request.user}"

    def accepted_by(self, side: str) -> bool:
        return bool(self.newcomer_accepted_at if side == Side.NEWCOMER else self.volunteer_accepted_at)


class FollowUp(models.Model):
    """ "How is it going?" asked of one side of an active match after 1 and 6 months; answered once."""

    class Answer(models.TextChoices):
        WELL = "well", _("Well")
        MIXED = "mixed", _("So-so")
        NOT_WELL = "not_well", _("Not well")

    MONTHS = (1, 6)

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    side = models.CharField(_("asked"), max_length=12, choices=Side)
    month = models.PositiveSmallIntegerField(_("after months"))
    sent_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer, blank=True)
    comment = models.TextField(_("comment"), blank=True, validators=[MaxLengthValidator(1500)])
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    handled_at = models.DateTimeField(
        _("handled by the coordinator"),
        null=True,
        blank=True,
        help_text=_("For answers that say it does not go well."),
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["match", "side", "month"], name="follow_up_once_per_side_and_month"
            ),
            models.CheckConstraint(condition=Q(month__in=[1, 6]), name="follow_up_month_1_or_6"),
            models.CheckConstraint(condition=Q(side__in=["newcomer", "volunteer"]), name="follow_up_side"),
        ]

    def __str__(self):
        return f"{self.match} – {self.month}"

    @property
    def flagged(self) -> bool:
        return self.answer == self.Answer.NOT_WELL


class VolunteerMessage(Mailing):
    """A message the coordinator sent to volunteers at once, kept with who got it."""

    mail_key_prefix = "mentors:message"

    class Meta(Mailing.Meta):
        verbose_name = _("message to volunteers")
        verbose_name_plural = _("messages to volunteers")


class VolunteerMessageRecipient(MailingRecipient):
    mailing = models.ForeignKey(
        VolunteerMessage, verbose_name=_("message"), on_delete=models.CASCADE, related_name="recipients"
    )
    volunteer = models.ForeignKey(
        "Volunteer", verbose_name=_("volunteer"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
