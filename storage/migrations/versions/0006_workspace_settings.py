"""workspace settings: per-workspace overrides of owners, channels, time zone and digest slot

Revision ID: 0006
Revises: 0001
Create Date: 2026-11-23 14:16:59.423158
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('workspace_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('owner_user_ids', sa.Text(), nullable=True),
    sa.Column('owners_channel', sa.String(length=32), nullable=True),
    sa.Column('staff_channel', sa.String(length=32), nullable=True),
    sa.Column('poll_voter_ids', sa.Text(), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('digest_day', sa.String(length=16), nullable=True),
    sa.Column('digest_time', sa.String(length=5), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workspace_settings')),
    sa.UniqueConstraint('team_id', name=op.f('uq_workspace_settings_team_id'))
    )


def downgrade() -> None:
    op.drop_table('workspace_settings')
