"""Pure domain rules over plain data. Imports nothing from Slack, SQLAlchemy or storage."""
