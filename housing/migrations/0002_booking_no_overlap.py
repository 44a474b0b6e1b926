"""No unit is ever double-booked: on PostgreSQL, an exclusion constraint over the unit and the
booked nights (offers and bookings), with btree_gist for the unit's equality. SQLite has no such
constraint; there the services' check under the unit's row lock holds it (housing/services/bookings.py).
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE housing_booking ADD CONSTRAINT housing_booking_no_overlap
    EXCLUDE USING gist (unit_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&)
    WHERE (status IN ('offered', 'confirmed'));
"""
DROP = "ALTER TABLE housing_booking DROP CONSTRAINT IF EXISTS housing_booking_no_overlap;"


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("housing", "0001_initial")]

    operations = [migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP), elidable=False)]
