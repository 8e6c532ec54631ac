"""Diary entries keep their calendar day, so history reads one row a day.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _ordinal(value: datetime | str) -> int:
    """The local calendar day of a stored moment (text in UTC on SQLite; with a zone on PostgreSQL)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return date.fromtimestamp(moment.timestamp()).toordinal()


def upgrade() -> None:
    with op.batch_alter_table("diary_entry") as batch:
        batch.add_column(sa.Column("day", sa.Integer(), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, at FROM diary_entry")).all()
    if rows:
        conn.execute(
            sa.text("UPDATE diary_entry SET day = :day WHERE id = :id"),
            [{"id": row[0], "day": _ordinal(row[1])} for row in rows],
        )
    with op.batch_alter_table("diary_entry") as batch:
        batch.alter_column("day", existing_type=sa.Integer(), nullable=False)
        batch.create_index("ix_diary_entry_person_day", ["person_id", "day"])


def downgrade() -> None:
    with op.batch_alter_table("diary_entry") as batch:
        batch.drop_index("ix_diary_entry_person_day")
        batch.drop_column("day")
