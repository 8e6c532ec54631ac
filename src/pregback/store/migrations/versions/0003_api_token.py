"""API bearer tokens, stored as SHA-256 hashes (issue 5's /v1/me endpoints).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pregback.store.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A service started before this migration existed created the table itself: keep it.
    if sa.inspect(op.get_bind()).has_table("api_token"):
        return
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("person.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.String(80), nullable=False, server_default=""),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_api_token_person_id", "api_token", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_api_token_person_id", table_name="api_token")
    op.drop_table("api_token")
