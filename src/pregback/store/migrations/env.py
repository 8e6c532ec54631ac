"""Alembic environment: runs the migrations on the connection pregback hands over (store.db.migrate).

Owns: configuring Alembic against pregback's models. Never: reading alembic.ini, configuring
logging, or opening a connection of its own (the caller holds the lock and the transaction).
"""

from __future__ import annotations

from alembic import context

from pregback.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "pregback runs its migrations through pregback.store.db.migrate(), with a connection"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
