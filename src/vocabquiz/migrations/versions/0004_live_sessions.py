"""live sessions: a mode per session, the phase a live one is in, and ranks around a reveal

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import vocabquiz.db

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(
            sa.Column("mode", sa.String(length=12), server_default="self_paced", nullable=False)
        )
        batch.add_column(sa.Column("phase", sa.String(length=10), nullable=True))
        batch.add_column(
            sa.Column("phase_version", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(sa.Column("question_index", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("question_id", sa.String(length=36), nullable=True))
        batch.add_column(
            sa.Column("question_started_at", vocabquiz.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(
            sa.Column("question_deadline", vocabquiz.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch.create_check_constraint("mode", "mode IN ('self_paced', 'live')")
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("live_rank", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("live_previous_rank", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("live_previous_rank")
        batch.drop_column("live_rank")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_constraint("ck_sessions_mode", type_="check")
        for column in (
            "question_deadline",
            "question_started_at",
            "question_id",
            "question_index",
            "phase_version",
            "phase",
            "mode",
        ):
            batch.drop_column(column)
