"""Finding the product functions a benchmark calls; a missing one is reported, not crashed on."""

from __future__ import annotations

import importlib


def unavailable(module: str, *names: str) -> str | None:
    """None when `module` has all of `names`, else a "not available yet (…)" note for the table."""
    try:
        found = importlib.import_module(module)
        for name in names:
            getattr(found, name)
    except (ImportError, AttributeError) as error:
        return f"not available yet ({error})"
    return None
