from slack_bolt import App

from bot.listeners.options.clients import handle_client_options
from bot.views.ids import Action


def register(app: App) -> None:
    app.options(Action.CLIENT_PICK)(handle_client_options)
