from slack_bolt import App


def register(app: App) -> None:
    """Block actions (buttons). None yet beyond those registered by later features."""
