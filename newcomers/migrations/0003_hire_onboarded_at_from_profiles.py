from django.db import migrations
from django.db.models import OuterRef, Subquery


def forwards(apps, schema_editor):
    """Hires of people who had already finished onboarding start as "onboarded"."""
    Hire = apps.get_model("companies", "Hire")
    NewcomerProfile = apps.get_model("newcomers", "NewcomerProfile")
    completed = NewcomerProfile.objects.filter(user=OuterRef("user"), completed_at__isnull=False)
    Hire.objects.filter(user__isnull=False, onboarded_at__isnull=True).update(
        onboarded_at=Subquery(completed.values("completed_at")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0005_hire_onboarded_at"),
        ("newcomers", "0002_partner_account"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
