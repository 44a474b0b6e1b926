"""What the retention app holds about a person, for their data export and their erasure.

Joined through the newcomers app's privacy registry in RetentionConfig.ready. The erasure keeps the
answers as anonymous counts: the link to the person (the invitation) goes, and so does free text,
which may name them; the scale and choice answers stay with the cohort and place only.
"""

from django.db import transaction

from .models import Answer, ContactNote, Departure, Invitation, Response


def _iso(value):
    return value.isoformat() if value else None


def person_export(*, user) -> dict | None:
    invitations = list(
        Invitation.objects.filter(profile__user=user).select_related("survey").order_by("sent_at", "pk")
    )
    departure = Departure.objects.filter(profile__user=user).first()
    notes = list(ContactNote.objects.filter(profile__user=user).order_by("contacted_at", "pk"))
    if not invitations and departure is None and not notes:
        return None
    answers = (
        Answer.objects.filter(response__invitation__profile__user=user)
        .select_related("question", "response")
        .prefetch_related("choices")
        .order_by("response_id", "question__position", "question_id")
    )
    by_response: dict[int, list] = {}
    for answer in answers:
        by_response.setdefault(answer.response.invitation_id, []).append(
            {
                "question": answer.question.text,
                "scale": answer.scale,
                "choices": [c.text for c in answer.choices.all()],
                "text": answer.text,
            }
        )
    return {
        "surveys": [
            {
                "survey": invitation.survey.name,
                "years_since_arrival": invitation.year,
                "sent": _iso(invitation.sent_at),
                "reminded": _iso(invitation.reminded_at),
                "answered": _iso(invitation.responded_at),
                "answers": by_response.get(invitation.pk, []),
            }
            for invitation in invitations
        ],
        "left_the_region": (
            {"on": _iso(departure.left_on), "reason": departure.reason, "recorded_from": departure.source}
            if departure
            else None
        ),
        "contact_notes": [
            {"about": note.get_kind_display(), "note": note.note, "when": _iso(note.contacted_at)}
            for note in notes
        ],
    }


@transaction.atomic
def person_erase(*, user) -> None:
    """Cut the answers loose from the person, drop their free text, then their invitations and
    departure go with the profile."""
    responses = Response.objects.filter(invitation__profile__user=user)
    Answer.objects.filter(response__in=responses).exclude(text="").update(text="")
    responses.update(invitation=None, company=None)
    Invitation.objects.filter(profile__user=user).delete()
    Departure.objects.filter(profile__user=user).delete()
    ContactNote.objects.filter(profile__user=user).delete()
