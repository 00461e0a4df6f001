"""participant name key: display names unique within a session, ignoring case and spaces

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows from before stay without a key (NULLs never clash): only new joins are checked.
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("name_key", sa.String(length=40), nullable=True))
        batch.create_unique_constraint(
            "uq_participants_session_id_name_key", ["session_id", "name_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_constraint("uq_participants_session_id_name_key", type_="unique")
        batch.drop_column("name_key")
