"""Every Slack id the app uses: commands, shortcuts, callbacks, blocks and actions.

Dotted by feature (`report.submit`). The manifest test checks that every
command and shortcut here is declared in manifest.yml and has a listener.
"""

from __future__ import annotations

from enum import StrEnum


class Command(StrEnum):
    REDFLAG = "/redflag"
    CLIENT = "/client"  # an owner's client dossier
    WORSTCLIENTS = "/worstclients"  # the "name your five worst clients" poll


class Shortcut(StrEnum):
    REPORT_FROM_MESSAGE = "report.from_message"
    REPORT_GLOBAL = "report.global"


class Callback(StrEnum):
    """callback_id of modals (view_submission)."""

    REPORT = "report.submit"
    BALLOT = "poll.ballot"  # the worst-clients ballot; private_metadata: poll id


class Block(StrEnum):
    REPORT_CLIENT = "report.client"
    REPORT_CATEGORIES = "report.categories"
    REPORT_SEVERITY = "report.severity"
    REPORT_DESCRIPTION = "report.description"
    REPORT_WHEN = "report.when"
    REPORT_ANONYMOUS = "report.anonymous"
    POLL_RANK = "poll.rank"  # ballot pickers, suffixed .1 … .5 per rank
    POLL_WHY = "poll.why"  # ballot "why" inputs, suffixed .1 … .5


class Action(StrEnum):
    CLIENT_PICK = "client.pick"  # external select answered by the options listener
    REPORT_CATEGORIES = "report.categories.pick"
    REPORT_SEVERITY = "report.severity.pick"
    REPORT_DESCRIPTION = "report.description.input"
    REPORT_WHEN = "report.when.pick"
    REPORT_ANONYMOUS = "report.anonymous.pick"
    REPORT_OPEN = "report.open"  # a "Report a red flag" button (App Home)
    POLL_CLIENT_PICK = "poll.client.pick"  # the ballot's client picker: existing clients only
    POLL_WHY = "poll.why.input"
    POLL_VOTE = "poll.vote"  # "Fill in the ballot" button (announcement, DMs); value: poll id
    DOSSIER_OPEN = "dossier.open"  # a "Dossier" button next to a client (digest, App Home); value: client id
    DIGEST_PREVIEW = "digest.preview"  # owners' App Home: this week's digest so far, in a modal, in their language


# Value prefix of the "add as a new client" option in the client picker.
NEW_CLIENT_PREFIX = "new:"
ANONYMOUS_VALUE = "anonymous"
