"""scoring options: accuracy or speed, streak bonus

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SCORING_CHECK = "scoring IN ('speed', 'accuracy')"


def upgrade() -> None:
    for table in ("quizzes", "sessions"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("scoring", sa.String(length=10), server_default="speed", nullable=False)
            )
            batch.add_column(
                sa.Column("streak_bonus", sa.Boolean(), server_default=sa.false(), nullable=False)
            )
            batch.create_check_constraint(op.f(f"ck_{table}_scoring"), SCORING_CHECK)
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("streak", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("answers") as batch:
        batch.add_column(
            sa.Column("streak_bonus", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(sa.Column("streak", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("streak")
        batch.drop_column("streak_bonus")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("streak")
    for table in ("sessions", "quizzes"):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(op.f(f"ck_{table}_scoring"), type_="check")
            batch.drop_column("streak_bonus")
            batch.drop_column("scoring")
