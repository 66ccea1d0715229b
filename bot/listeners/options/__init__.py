from slack_bolt import App

from bot.listeners.options.clients import handle_client_options
from bot.listeners.options.poll import handle_poll_client_options
from bot.views.ids import Action


def register(app: App) -> None:
    app.options(Action.CLIENT_PICK)(handle_client_options)
    app.options(Action.POLL_CLIENT_PICK)(handle_poll_client_options)
