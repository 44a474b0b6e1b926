"""What the careers app holds about a person, for their data export and their erasure.

Joined through the newcomers app's privacy registry in CareersConfig.ready, so the erasure stays one
transaction across every app.
"""

from django.db import transaction

from .models import CareerProfile


def _iso(value):
    return value.isoformat() if value else None


def person_export(*, user) -> dict | None:
    profile = CareerProfile.objects.filter(user=user).prefetch_related("professional_fields").first()
    if profile is None:
        return None
    return {
        "professional_fields": [f.name for f in profile.professional_fields.all()],
        "education": profile.education,
        "years_experience": profile.years_experience,
        "norwegian_level": profile.norwegian_level,
        "english_level": profile.english_level,
        "other_languages": profile.other_languages,
        "driving_licence": profile.driving_licence,
        "extent_wanted": profile.extent_wanted,
        "max_commute_minutes": profile.max_commute_minutes,
        "open_to_retraining": profile.open_to_retraining,
        "cv_uploaded": bool(profile.cv),
        "shown_to_companies_since": _iso(profile.shown_to_companies_at),
        "looking_since": _iso(profile.looking_since),
        "found_work_on": _iso(profile.found_work_on),
        "found_work_how": profile.found_work_how,
        "interested_in": [
            {"opening": i.opening.title, "company": i.opening.company.name, "at": _iso(i.created_at)}
            for i in profile.interests.select_related("opening__company")
        ],
        "companies_interested": [
            {"company": i.company.name, "at": _iso(i.created_at)}
            for i in profile.company_interests.select_related("company")
        ],
    }


@transaction.atomic
def person_erase(*, user) -> None:
    """Remove the career profile, its interests and the CV file (after the erasure commits)."""
    for profile in CareerProfile.objects.filter(user=user):
        storage, name = profile.cv.storage, profile.cv.name
        profile.delete()
        if name:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
