"""Pure Block Kit builders: plain data in, slack_sdk model objects or dicts out.

Builders never query the database or read settings; every user-typed string
goes through `text.escape` (mrkdwn) or a plain_text object.
"""
