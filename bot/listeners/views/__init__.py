from slack_bolt import App

from bot.listeners.views.ballot import handle_ballot_submission
from bot.listeners.views.report import handle_report_submission
from bot.views.ids import Callback


def register(app: App) -> None:
    app.view(Callback.REPORT)(handle_report_submission)
    app.view(Callback.BALLOT)(handle_ballot_submission)
