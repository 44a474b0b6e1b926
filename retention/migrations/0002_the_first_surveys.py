from django.db import migrations


def create(apps, schema_editor):
    from retention.survey_definitions import surveys_ensure

    surveys_ensure(apps.get_model("retention", "Survey"), apps.get_model("retention", "Question"), apps.get_model("retention", "Choice"))


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
