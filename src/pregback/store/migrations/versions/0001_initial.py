"""The first schema: people, diary entries, timed waves, assessments.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from pregback.store.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("first_pregnancy", sa.Boolean(), nullable=True),
        sa.Column("previous_preterm_birth", sa.Boolean(), nullable=True),
        sa.Column("multiple_pregnancy", sa.Boolean(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_person"),
        sa.UniqueConstraint("uid", name="uq_person_uid"),
        sa.UniqueConstraint("name", name="uq_person_name"),
    )
    op.create_table(
        "diary_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("pain", sa.SmallInteger(), nullable=False),
        sa.Column("locations", JSON, nullable=False),
        sa.Column("symptoms", JSON, nullable=False),
        sa.Column("helped", JSON, nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("pain >= 0 AND pain <= 10", name="ck_diary_entry_pain_0_10"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name="fk_diary_entry_person_id_person", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_diary_entry"),
    )
    op.create_index("ix_diary_entry_person_at", "diary_entry", ["person_id", "at"])
    op.create_table(
        "episode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "ended_at IS NULL OR ended_at > started_at", name="ck_episode_ends_after_start"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name="fk_episode_person_id_person", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_episode"),
    )
    op.create_index("ix_episode_person_started", "episode", ["person_id", "started_at"])
    op.create_index(
        "uq_episode_one_open",
        "episode",
        ["person_id"],
        unique=True,
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("inputs", JSON, nullable=False),
        sa.Column("result", JSON, nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("knowledge_version", sa.String(40), nullable=False),
        sa.Column("pregback_version", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name="fk_assessment_person_id_person", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assessment"),
    )
    op.create_index("ix_assessment_person_at", "assessment", ["person_id", "at"])


def downgrade() -> None:
    op.drop_table("assessment")
    op.drop_index("uq_episode_one_open", table_name="episode")
    op.drop_table("episode")
    op.drop_table("diary_entry")
    op.drop_table("person")
