"""Speaking the team's language: gettext catalogs (Babel) and locale-aware numbers, money and dates.

English is the source language; `bot/i18n/locales/<lang>/LC_MESSAGES/messages.po` hold the
Italian, Dutch, French and German catalogs (README "Translations" says how to update them).

- `translator(lang)` gives a `Translator`: `t.gettext("Client")`, `t.ngettext("{n} report",
  "{n} reports", n)`, and `t.money(...)`, `t.number(...)`, `t.date(...)`, `t.relative(...)`.
  Placeholders are named (`{client}`) and filled after translation; ints, Decimals, dates,
  `Money` and `Totals` in them are formatted for the locale (so never write `{n:,}`: no format specs).
- Code that has no translator at hand (domain rules, validation) returns `Msg` values made with
  `N_("...", **params)` or `lazy_ngettext(...)`; whoever shows them calls `t.text(msg)`.
- Which language: a person's Slack locale for what only they see (`bot/flows/locales.py`), the
  workspace's LANGUAGE setting for channel posts.
"""

from bot.i18n.translator import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Money,
    Msg,
    MsgError,
    N_,
    Totals,
    Translator,
    language_of,
    lazy_ngettext,
    translator,
)

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Money", "Msg", "MsgError", "N_", "Totals", "Translator", "language_of",
           "lazy_ngettext", "translator"]
