"""Every Slack id the app uses: commands, shortcuts, callbacks, blocks and actions.

Dotted by feature (`report.submit`). The manifest test checks that every
command and shortcut here is declared in manifest.yml and has a listener.
"""

from __future__ import annotations

from enum import StrEnum


class Command(StrEnum):
    REDFLAG = "/redflag"
    CLIENT = "/client"  # an owner's client dossier


class Shortcut(StrEnum):
    REPORT_FROM_MESSAGE = "report.from_message"
    REPORT_GLOBAL = "report.global"


class Callback(StrEnum):
    """callback_id of modals (view_submission)."""

    REPORT = "report.submit"


class Block(StrEnum):
    REPORT_CLIENT = "report.client"
    REPORT_CATEGORIES = "report.categories"
    REPORT_SEVERITY = "report.severity"
    REPORT_DESCRIPTION = "report.description"
    REPORT_WHEN = "report.when"
    REPORT_ANONYMOUS = "report.anonymous"


class Action(StrEnum):
    CLIENT_PICK = "client.pick"  # external select answered by the options listener
    REPORT_CATEGORIES = "report.categories.pick"
    REPORT_SEVERITY = "report.severity.pick"
    REPORT_DESCRIPTION = "report.description.input"
    REPORT_WHEN = "report.when.pick"
    REPORT_ANONYMOUS = "report.anonymous.pick"
    REPORT_OPEN = "report.open"  # a "Report a red flag" button (App Home)
    DOSSIER_OPEN = "dossier.open"  # a "Dossier" button next to a client (digest, App Home); value: client id


# Value prefix of the "add as a new client" option in the client picker.
NEW_CLIENT_PREFIX = "new:"
ANONYMOUS_VALUE = "anonymous"
