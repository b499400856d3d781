"""PostgreSQL with pg_trgm (see 0003): the ledger's search (``ledger.filters.search``) reads the
stop (点位) too, so that column gets the trigram index the other searched columns have.
Nothing on SQLite."""

from django.db import migrations

INDEX = "ledger_item_stop_name_trgm"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone():
            cursor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON ledger_item USING gin (UPPER("stop_name") gin_trgm_ops)')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("ledger", "0005_clock_defaults"),
    ]

    operations = [migrations.RunPython(add_index, drop_index)]
