"""Derived rows' story links indexed by story event alone.

Deleting a story event makes the database look for the derived rows that
still point at it (the foreign key of ``derived_story_events``); the only
index there began with the kind, so every deleted story event scanned the
whole link table: an incremental rebuild dropping a few thousand story
events at 10,000 articles spent 20 s there. Whoever else asks "what rests
on this story event" of every kind gains too.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_derived_story_events_story_event", "derived_story_events", ["story_event"])


def downgrade() -> None:
    op.drop_index("ix_derived_story_events_story_event", table_name="derived_story_events")
