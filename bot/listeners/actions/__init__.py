from slack_bolt import App

from bot.listeners.actions.home import handle_digest_preview, handle_dossier_open, handle_report_open
from bot.listeners.actions.poll import handle_vote_button
from bot.views.ids import Action


def register(app: App) -> None:
    """Block actions (buttons). None yet beyond those registered by later features."""
    app.action(Action.REPORT_OPEN)(handle_report_open)
    app.action(Action.DOSSIER_OPEN)(handle_dossier_open)
    app.action(Action.DIGEST_PREVIEW)(handle_digest_preview)
    app.action(Action.POLL_VOTE)(handle_vote_button)
