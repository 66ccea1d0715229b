"""polls: polls, who may vote and has voted, ballots keyed by HMAC, ranked picks

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 13:26:34.236234
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('polls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('cadence', sa.String(length=10), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('opened_by', sa.String(length=32), nullable=True),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.Column('announcement_channel', sa.String(length=32), nullable=True),
    sa.Column('announcement_ts', sa.String(length=32), nullable=True),
    sa.Column('results_posted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_polls')),
    sa.UniqueConstraint('team_id', 'period', name=op.f('uq_polls_team_id'))
    )
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_polls_closes_at'), ['closes_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_polls_team_id'), ['team_id'], unique=False)

    op.create_table('poll_ballots',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('voter_key', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_ballots_poll_id_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_ballots')),
    sa.UniqueConstraint('poll_id', 'voter_key', name=op.f('uq_poll_ballots_poll_id'))
    )
    with op.batch_alter_table('poll_ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_ballots_poll_id'), ['poll_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_poll_ballots_team_id'), ['team_id'], unique=False)

    op.create_table('poll_voters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('voted', sa.Boolean(), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_voters_poll_id_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_voters')),
    sa.UniqueConstraint('poll_id', 'user_id', name=op.f('uq_poll_voters_poll_id'))
    )
    with op.batch_alter_table('poll_voters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_voters_poll_id'), ['poll_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_poll_voters_team_id'), ['team_id'], unique=False)

    op.create_table('poll_picks',
    sa.Column('ballot_id', sa.String(length=32), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('why', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['ballot_id'], ['poll_ballots.id'], name=op.f('fk_poll_picks_ballot_id_poll_ballots'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_poll_picks_client_id_clients')),
    sa.PrimaryKeyConstraint('ballot_id', 'rank', name=op.f('pk_poll_picks'))
    )
    with op.batch_alter_table('poll_picks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_picks_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_poll_picks_team_id'), ['team_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('poll_picks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_picks_team_id'))
        batch_op.drop_index(batch_op.f('ix_poll_picks_client_id'))

    op.drop_table('poll_picks')
    with op.batch_alter_table('poll_voters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_voters_team_id'))
        batch_op.drop_index(batch_op.f('ix_poll_voters_poll_id'))

    op.drop_table('poll_voters')
    with op.batch_alter_table('poll_ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_ballots_team_id'))
        batch_op.drop_index(batch_op.f('ix_poll_ballots_poll_id'))

    op.drop_table('poll_ballots')
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_polls_team_id'))
        batch_op.drop_index(batch_op.f('ix_polls_closes_at'))

    op.drop_table('polls')
