from slack_bolt import App


def register(app: App) -> None:
    """Events API listeners. None yet beyond those registered by later features."""
