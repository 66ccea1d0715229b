"""Redflag: the Slack app."""
