from django.db import migrations


def add(apps, schema_editor):
    """Add the "making friends" question to a check-in survey created before it (before the comment)."""
    from retention.survey_definitions import MAKING_FRIENDS

    question_model = apps.get_model("retention", "Question")
    survey = apps.get_model("retention", "Survey").objects.filter(slug="check-in").first()
    key, kind, required, text_en, text_nb, _choices = MAKING_FRIENDS
    if survey is None or question_model.objects.filter(survey=survey, key=key).exists():
        return
    comment = question_model.objects.filter(survey=survey, key="comment").first()
    position = comment.position if comment else survey.questions.count()
    if comment:
        comment.position += 1
        comment.save(update_fields=["position"])
    question_model.objects.create(
        survey=survey,
        key=key,
        kind=kind,
        required=required,
        position=position,
        text=text_nb,
        text_nb=text_nb,
        text_en=text_en,
    )


class Migration(migrations.Migration):
    dependencies = [("retention", "0003_contact_notes")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
