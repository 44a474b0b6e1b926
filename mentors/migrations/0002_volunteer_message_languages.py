"""Messages to volunteers become bilingual mailings (network.models.Mailing) with their recipients
kept: the messages sent before keep their text as the Norwegian version."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("volunteermessage", "subject", "subject_nb"),
        migrations.RenameField("volunteermessage", "body", "body_nb"),
        migrations.RenameField("volunteermessage", "recipients", "recipient_count"),
    ]
