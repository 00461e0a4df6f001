"""teachers: accounts that own quizzes and sessions; quizzes shared with the school

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import vocabquiz.db

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_role"), type_="check")
        batch.create_check_constraint("role", "role IN ('admin', 'teacher', 'player')")
        batch.add_column(
            sa.Column("disabled_at", vocabquiz.db.UTCDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("quizzes") as batch:
        batch.add_column(sa.Column("owner_id", sa.String(length=36), nullable=True))
        batch.add_column(
            sa.Column("shared", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.create_foreign_key(
            "fk_quizzes_owner_id_users", "users", ["owner_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_quizzes_owner_created", ["owner_id", "created_at"])
        batch.create_index("ix_quizzes_shared_created", ["shared", "created_at"])
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("opened_by", sa.String(length=36), nullable=True))
        batch.create_foreign_key(
            "fk_sessions_opened_by_users", "users", ["opened_by"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_sessions_opened_by_created", ["opened_by", "created_at"])
    # What there is already belongs to the admin who wrote it, and its sessions to the same admin.
    op.execute("UPDATE quizzes SET owner_id = created_by")
    op.execute(
        "UPDATE sessions SET opened_by = "
        "(SELECT quizzes.owner_id FROM quizzes WHERE quizzes.id = sessions.quiz_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_index("ix_sessions_opened_by_created")
        batch.drop_constraint("fk_sessions_opened_by_users", type_="foreignkey")
        batch.drop_column("opened_by")
    with op.batch_alter_table("quizzes") as batch:
        batch.drop_index("ix_quizzes_shared_created")
        batch.drop_index("ix_quizzes_owner_created")
        batch.drop_constraint("fk_quizzes_owner_id_users", type_="foreignkey")
        batch.drop_column("shared")
        batch.drop_column("owner_id")
    op.execute("UPDATE users SET role = 'player' WHERE role = 'teacher'")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("disabled_at")
        batch.drop_constraint(op.f("ck_users_role"), type_="check")
        batch.create_check_constraint("role", "role IN ('admin', 'player')")
