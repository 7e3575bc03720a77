from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # The rate-limit counters live in a DatabaseCache table; creating it here
    # means `migrate` is the only set-up step a deployment needs.
    call_command("createcachetable", database=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
