from slack_bolt import App

from bot.listeners.commands.redflag import handle_redflag
from bot.views.ids import Command


def register(app: App) -> None:
    app.command(Command.REDFLAG)(handle_redflag)
