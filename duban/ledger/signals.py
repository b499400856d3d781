"""Signals other apps listen to, so the ledger need not know them (work areas, notifications)."""

from django.dispatch import Signal

# Sent inside the import transaction once a report's proposals exist: sender=Source,
# source=Source, items=list[Item]. A receiver that raises rolls the whole import back.
proposals_imported = Signal()
