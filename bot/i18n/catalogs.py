"""The message catalogs: read from the .po files in bot/i18n/locales, compiled in memory.

The .po files are the only copy (no compiled .mo to go stale); each language's catalog is read once
per process. `KEYWORDS` is what marks a translatable text in our code, for `pybabel extract`
(README "Languages") and for the test that checks every catalog is complete.
"""

from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
# pybabel extract -k …: gettext, ngettext, _ and N_ are Babel's defaults; lazy_ngettext is ours.
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "_": None, "N_": None, "lazy_ngettext": (1, 2)}


def catalog_files(language: str) -> list[Path]:
    return sorted((LOCALES_DIR / language / "LC_MESSAGES").glob("*.po"))


def read_catalog(language: str) -> Catalog:
    """The .po files of `language` (one, messages.po, in the repo) as one catalog."""
    merged = Catalog(locale=language, domain=DOMAIN)
    for path in catalog_files(language):
        with path.open("rb") as file:
            part = read_po(file, locale=language)
        for message in part:
            if message.id:
                merged[message.id] = message
    return merged


def load_translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog for `language`; English (the source) and missing catalogs translate nothing."""
    files = catalog_files(language)
    if not files:
        return gettext.NullTranslations()
    buffer = BytesIO()
    write_mo(buffer, read_catalog(language))  # leaves out untranslated and fuzzy entries
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def extract_source(root: Path) -> dict[tuple[str | None, str], tuple[str | None, list[str]]]:
    """Every translatable text marked in the Python files under `root`:
    (context, msgid) → (plural, ["file:line", …])."""
    from babel.messages.extract import extract_from_dir

    found: dict[tuple[str | None, str], tuple[str | None, list[str]]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(root), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
        singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        if not singular:
            continue
        where = found.setdefault((context, singular), (plural, []))[1]
        where.append(f"{filename}:{lineno}")
    return found
