from slack_bolt import App

from bot.listeners.commands.client import handle_client
from bot.listeners.commands.redflag import handle_redflag
from bot.listeners.commands.worstclients import handle_worstclients
from bot.views.ids import Command


def register(app: App) -> None:
    app.command(Command.REDFLAG)(handle_redflag)
    app.command(Command.CLIENT)(handle_client)
    app.command(Command.WORSTCLIENTS)(handle_worstclients)
