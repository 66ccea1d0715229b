from slack_bolt import App

from bot.listeners.shortcuts.report import handle_report_from_message, handle_report_global
from bot.views.ids import Shortcut


def register(app: App) -> None:
    app.shortcut(Shortcut.REPORT_GLOBAL)(handle_report_global)
    app.shortcut(Shortcut.REPORT_FROM_MESSAGE)(handle_report_from_message)
