"""Her risk profile (issue 12): each fact present, absent or not said, in a table of its own; the
three answers the profile had (first_pregnancy, previous_preterm_birth, multiple_pregnancy) move
into it.

A downgrade moves those three back into the person table; the other facts (a previous caesarean,
a low-lying placenta...) have nowhere to go in the older schema and are dropped with the table.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from pregback.store.models import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: The person columns of the first schema, each a profile fact of the same id.
CARRIED = ("first_pregnancy", "previous_preterm_birth", "multiple_pregnancy")

fact_table = sa.table(
    "profile_fact",
    sa.column("person_id", sa.Integer()),
    sa.column("fact", sa.String()),
    sa.column("value", sa.String()),
    sa.column("since", sa.Date()),
    sa.column("updated_at", UTCDateTime()),
)


def upgrade() -> None:
    op.create_table(
        "profile_fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("fact", sa.String(40), nullable=False),
        sa.Column("value", sa.String(8), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "value IN ('present', 'absent')", name="ck_profile_fact_present_or_absent"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name="fk_profile_fact_person_id_person",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_profile_fact"),
        sa.UniqueConstraint("person_id", "fact", name="uq_profile_fact_person_fact"),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.text(f"SELECT id, {', '.join(CARRIED)} FROM person")).all()
    now = datetime.now(UTC)
    carried = [
        {
            "person_id": row[0],
            "fact": fact,
            "value": "present" if value else "absent",
            "since": None,  # the day she said it was not kept
            "updated_at": now,
        }
        for row in rows
        for fact, value in zip(CARRIED, row[1:], strict=True)
        if value is not None
    ]
    if carried:
        conn.execute(fact_table.insert(), carried)
    with op.batch_alter_table("person") as batch:
        for column in CARRIED:
            batch.drop_column(column)


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        for column in CARRIED:
            batch.add_column(sa.Column(column, sa.Boolean(), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT person_id, fact, value FROM profile_fact WHERE fact IN :facts").bindparams(
            sa.bindparam("facts", expanding=True)
        ),
        {"facts": list(CARRIED)},
    ).all()
    for person_id, fact, value in rows:
        assert fact in CARRIED  # a column name from the list above, never from the data
        conn.execute(
            sa.text(f"UPDATE person SET {fact} = :value WHERE id = :id"),
            {"value": value == "present", "id": person_id},
        )
    op.drop_table("profile_fact")
