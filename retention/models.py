"""Who stays: surveys (the move survey, the yearly check-ins), invitations with a signed link, the
answers, and the record of a newcomer who moved away from the region."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Check-ins go out on the arrival anniversary for the first ten years: the network's goal.
CHECK_IN_YEARS = 10
SCALE_MIN, SCALE_MAX = 1, 5


class Survey(models.Model):
    class Trigger(models.TextChoices):
        MOVE = "move", _("Three months after arrival")
        ANNIVERSARY = "anniversary", _("On each arrival anniversary (years 1–10)")
        MANUAL = "manual", _("Not sent automatically")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    introduction = models.TextField(_("introduction"), blank=True)
    trigger = models.CharField(_("sent"), max_length=12, choices=Trigger, default=Trigger.MANUAL)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale 1–5")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    # A stable name the code can ask by ("still_in_region"), whatever the coordinator writes.
    key = models.SlugField(_("key"), max_length=50)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="retention_question_key_once")]

    def __str__(self):
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class Choice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    key = models.SlugField(_("key"), max_length=50)
    text = models.CharField(_("answer"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="retention_choice_key_once")]

    def __str__(self):
        return self.text


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(responded_at__isnull=True)


class Invitation(models.Model):
    """One survey sent to one newcomer for one year since arrival (0 for the move survey)."""

    profile = models.ForeignKey(
        "newcomers.NewcomerProfile",
        verbose_name=_("newcomer"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations"
    )
    year = models.PositiveSmallIntegerField(
        _("years since arrival"), validators=[MaxValueValidator(CHECK_IN_YEARS)]
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "survey", "year"], name="retention_invitation_once"),
            models.CheckConstraint(condition=models.Q(year__lte=CHECK_IN_YEARS), name="retention_year_max"),
        ]

    def __str__(self):
        return f"{self.survey} · {self.profile} · {self.year}"


class Response(models.Model):
    """A survey's answers. Who answered is known only through the invitation; once the person erases
    their account the invitation goes and the answers stay, counted by cohort and place only."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
    )
    year = models.PositiveSmallIntegerField(_("years since arrival"), default=0)
    arrival_year = models.PositiveSmallIntegerField(_("arrival year"), null=True, blank=True)
    municipality = models.ForeignKey(
        "network.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.survey} · {self.submitted_at:%Y-%m-%d}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    scale = models.PositiveSmallIntegerField(
        _("scale"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    choices = models.ManyToManyField(Choice, verbose_name=_("choices"), blank=True, related_name="answers")
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="retention_answer_once"),
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True) | models.Q(scale__gte=SCALE_MIN, scale__lte=SCALE_MAX),
                name="retention_scale_range",
            ),
        ]

    def __str__(self):
        return str(self.question)


class Departure(models.Model):
    """A newcomer who moved away from the region: when, and (if they said) why."""

    class Reason(models.TextChoices):
        PARTNER_WORK = "partner_work", _("The partner's work")
        JOB = "job", _("The job")
        HOUSING = "housing", _("Housing")
        CLIMATE = "climate", _("The climate")
        FAMILY = "family", _("Family")
        SOCIAL = "social", _("Making friends, feeling at home")
        LANGUAGE = "language", _("The language")
        OTHER = "other", _("Something else")

    class Source(models.TextChoices):
        CHECK_IN = "check_in", _("Check-in")
        PROFILE = "profile", _("The newcomer's page")
        HR = "hr", _("The employer's HR")
        COORDINATOR = "coordinator", _("The coordinator")

    profile = models.OneToOneField(
        "newcomers.NewcomerProfile",
        verbose_name=_("newcomer"),
        on_delete=models.CASCADE,
        related_name="departure",
    )
    left_on = models.DateField(_("left the region on"))
    reason = models.CharField(_("main reason"), max_length=12, choices=Reason, blank=True)
    source = models.CharField(_("recorded from"), max_length=12, choices=Source)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("departure from the region")
        verbose_name_plural = _("departures from the region")
        ordering = ["-left_on"]

    def __str__(self):
        return f"{self.profile} · {self.left_on}"

    def clean(self):
        if self.left_on and self.left_on > timezone.localdate():
            raise ValidationError({"left_on": _("The date cannot be in the future.")})


class SignalKind(models.TextChoices):
    """Why the coordinator should get in touch (computed in `selectors.signals`, never stored)."""

    PARTNER_JOB = "partner_job", _("The partner has looked for work for more than six months")
    NO_ACTIVITY = "no_activity", _("No activity attended for six months")
    CHECKLIST = "checklist", _("A checklist item open for more than 60 days")
    UNLIKELY_TO_STAY = "unlikely_to_stay", _("Answered that they are unlikely to stay")
    FRIENDS = "friends", _("Finds it hard to make friends")


NOTE_MAX = 2000


class ContactNote(models.Model):
    """The coordinator got in touch about a signal: kept, with who and when. A signal with a note
    written after it began is shown as handled."""

    profile = models.ForeignKey(
        "newcomers.NewcomerProfile",
        verbose_name=_("newcomer"),
        on_delete=models.CASCADE,
        related_name="contact_notes",
    )
    kind = models.CharField(_("signal"), max_length=20, choices=SignalKind)
    note = models.TextField(_("note"), validators=[MaxLengthValidator(NOTE_MAX)])
    contacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contacted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contacted_at = models.DateTimeField(_("contacted"), default=timezone.now)

    class Meta:
        verbose_name = _("contact note")
        verbose_name_plural = _("contact notes")
        ordering = ["-contacted_at", "-pk"]
        indexes = [models.Index(fields=["profile", "kind", "contacted_at"], name="retention_note_lookup")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.profile} · {self.contacted_at:%Y-%m-%d}"
