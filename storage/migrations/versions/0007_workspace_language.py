"""workspace settings: the language of a workspace's channel posts

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 15:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('workspace_settings') as batch:
        batch.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('workspace_settings') as batch:
        batch.drop_column('language')
