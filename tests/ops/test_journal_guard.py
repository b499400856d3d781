"""The database refuses to change or remove journal rows, whatever client asks (PostgreSQL)."""

import os

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from duban.ledger.models import Journal
from duban.ops.journal_guard import TRIGGER, install_journal_guard

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
                       reason="needs DATABASE_URL=postgres://…"),
]


@pytest.fixture
def entry():
    return Journal.record(action="edit", field="text", old="原文", new="新文", reason="核实")


def raw(sql, params=()):
    # A savepoint, so the refused statement does not poison the test's transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def test_raw_update_is_refused(entry):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("UPDATE ledger_journal SET new = %s WHERE id = %s", ["篡改", entry.pk])
    assert Journal.objects.get(pk=entry.pk).new == "新文"


def test_raw_delete_is_refused(entry):
    with pytest.raises(DatabaseError, match="append-only"):
        raw("DELETE FROM ledger_journal WHERE id = %s", [entry.pk])
    assert Journal.objects.filter(pk=entry.pk).exists()


def test_appending_still_works(entry):
    assert raw("INSERT INTO ledger_journal (at, username, target, action, field, old, new, reason) "
               "VALUES (now(), 'sql', '', 'note', '', '', '', '')") == 1
    assert Journal.objects.count() == 2


def test_installing_again_keeps_exactly_one_trigger(entry):
    assert install_journal_guard() and install_journal_guard()
    call_command("migrate", verbosity=0)  # post_migrate runs it once more
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = %s AND NOT tgisinternal", [TRIGGER])
        assert cursor.fetchone()[0] == 1
    with pytest.raises(DatabaseError):
        raw("UPDATE ledger_journal SET reason = ''")
