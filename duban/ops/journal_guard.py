"""The journal is append-only in the database itself, not just in the ORM.

``Journal.save``/``delete``, its queryset and the admin already refuse changes; this trigger
also stops raw SQL, a stray ``dbshell`` or another program sharing the database. Only
PostgreSQL gets it: row triggers there do not fire on ``TRUNCATE``, so ``flush`` (tests,
``restore`` into a fresh database) keeps working, whereas SQLite's ``flush`` is a ``DELETE``.
A database owner can still ``DROP TRIGGER``; that is a deliberate, visible act.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections

TABLE = "ledger_journal"
FUNCTION = "duban_journal_append_only"
TRIGGER = "duban_journal_append_only"

# restrict_violation (23001) surfaces as IntegrityError in Django.
INSTALL_SQL = [
    f"""
    CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{TABLE} is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}",
    f"""
    CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()
    """,
]


def install_journal_guard(using: str = DEFAULT_DB_ALIAS, **kwargs) -> bool:
    """Install (or refresh) the trigger; returns whether this database got one.

    Connected to ``post_migrate``; safe to call any number of times.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return False  # ledger not migrated yet (e.g. `migrate ops` alone)
        for statement in INSTALL_SQL:
            cursor.execute(statement)
    return True
