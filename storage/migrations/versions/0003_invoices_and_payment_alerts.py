"""invoices and payment alerts

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23 13:30:04.556752
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('invoices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('paid_amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('paid_after', sa.Date(), nullable=True),
    sa.Column('paid_approximate', sa.Boolean(), nullable=False),
    sa.Column('last_payment_on', sa.Date(), nullable=True),
    sa.Column('open_seen_on', sa.Date(), nullable=True),
    sa.Column('disputed', sa.Boolean(), nullable=False),
    sa.Column('voided', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_invoices_client_id_clients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoices')),
    sa.UniqueConstraint('team_id', 'client_id', 'number', name=op.f('uq_invoices_team_id'))
    )
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoices_client_id'), ['client_id'], unique=False)
        batch_op.create_index('ix_invoices_team_id_number', ['team_id', 'number'], unique=False)

    op.create_table('payment_alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('channel', sa.String(length=32), nullable=True),
    sa.Column('message_ts', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_payment_alerts_client_id_clients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_alerts')),
    sa.UniqueConstraint('team_id', 'key', name=op.f('uq_payment_alerts_team_id'))
    )
    with op.batch_alter_table('payment_alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_alerts_client_id'), ['client_id'], unique=False)
        batch_op.create_index('ix_payment_alerts_team_id_created_at', ['team_id', 'created_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('payment_alerts', schema=None) as batch_op:
        batch_op.drop_index('ix_payment_alerts_team_id_created_at')
        batch_op.drop_index(batch_op.f('ix_payment_alerts_client_id'))

    op.drop_table('payment_alerts')
    with op.batch_alter_table('invoices', schema=None) as batch_op:
        batch_op.drop_index('ix_invoices_team_id_number')
        batch_op.drop_index(batch_op.f('ix_invoices_client_id'))

    op.drop_table('invoices')
