"""workspace settings: the language of a workspace's channel posts, and its lateness, risk and poll policies

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

# The policies a workspace may set for itself, stored as the settings read them from the environment
# (`15`, `true`, `quarterly 15`); NULL: the global setting applies.
POLICY_COLUMNS = (
    ('risk_half_life_days', 16), ('digest_show_reporters', 16), ('lateness_alert_days', 16),
    ('strict_payer_policy', 16), ('lateness_worsening_days', 16), ('poll_anonymity_threshold', 16),
    ('poll_reminder_days', 16), ('poll_duration_days', 16), ('poll_auto_open', 32),
)


def upgrade() -> None:
    with op.batch_alter_table('workspace_settings') as batch:
        batch.add_column(sa.Column('language', sa.String(length=8), nullable=True))
        for name, length in POLICY_COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length=length), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('workspace_settings') as batch:
        for name, _ in reversed(POLICY_COLUMNS):
            batch.drop_column(name)
        batch.drop_column('language')
