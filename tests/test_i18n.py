"""Translations: every catalog complete and consistent with the source; numbers, money, dates per locale."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import bot
from bot.i18n import LANGUAGES, Money, N_, language_of, lazy_ngettext, translator
from bot.i18n.catalogs import extract_source, read_catalog

TRANSLATED = [code for code in LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"\{(\w*)\}")
# Slack markup a translation must keep: emoji codes, bold/italic/code markers are free to move.
EMOJI = re.compile(r":[a-z0-9_+-]+:")


@pytest.fixture(scope="module")
def source() -> dict:
    return extract_source(Path(bot.__file__).parent)


def test_the_source_has_translatable_texts(source: dict) -> None:
    assert len(source) > 50


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_text_is_translated(language: str, source: dict) -> None:
    catalog = read_catalog(language)
    missing = []
    for (context, msgid), (plural, where) in sorted(source.items(), key=lambda item: item[1][1][0]):
        message = catalog.get(msgid, context=context)
        strings = [] if message is None else (list(message.string) if isinstance(message.string, tuple)
                                               else [message.string])
        if message is None or not all(strings) or message.fuzzy or (plural and not isinstance(message.string, tuple)):
            missing.append(f"{where[0]}: {msgid!r}")
    assert not missing, f"{len(missing)} texts have no {language} translation:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_placeholders_and_emoji(language: str, source: dict) -> None:
    catalog = read_catalog(language)
    wrong = []
    for (context, msgid), (plural, where) in source.items():
        message = catalog.get(msgid, context=context)
        if message is None:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(msgid)) | set(PLACEHOLDER.findall(plural or ""))
        for text in strings:
            got = set(PLACEHOLDER.findall(text))
            # A plural form may leave out {n} (e.g. "un rapporto"), never add or rename one.
            if not text or got - wanted or (wanted - got) - {"n"}:
                wrong.append(f"{where[0]}: {msgid!r} → {text!r} (placeholders {sorted(got)}, expected {sorted(wanted)})")
            if sorted(EMOJI.findall(text)) != sorted(EMOJI.findall(msgid)):
                wrong.append(f"{where[0]}: {msgid!r} → {text!r} (emoji differ)")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogs_hold_no_stale_texts(language: str, source: dict) -> None:
    stale = [message.id for message in read_catalog(language)
             if message.id and (message.context, message.id if isinstance(message.id, str) else message.id[0])
             not in source]
    assert not stale, f"{language} translates texts the code no longer has: {stale[:20]}"


def test_a_translation_is_used_and_placeholders_are_filled() -> None:
    t = translator("it")
    assert t.gettext("Cancel") == "Annulla"
    assert translator("en").gettext("Cancel") == "Cancel"


def test_unknown_languages_fall_back_to_english() -> None:
    assert translator("xx").language == "en"
    assert translator(None).language == "en"


@pytest.mark.parametrize(("slack_locale", "language"), [
    ("it-IT", "it"), ("nl-NL", "nl"), ("nl_BE", "nl"), ("fr-FR", "fr"), ("fr-CA", "fr"), ("de-DE", "de"),
    ("en-GB", "en"), ("es-ES", None), ("", None), (None, None)])
def test_slack_locales_map_to_our_languages(slack_locale: str | None, language: str | None) -> None:
    assert language_of(slack_locale) == language


@pytest.mark.parametrize(("language", "cents", "whole", "francs"), [
    ("en", "€1,234.56", "€4,200", "CHF\xa01,100"),
    ("it", "1.234,56\xa0€", "4.200\xa0€", "1.100\xa0CHF"),
    ("nl", "€\xa01.234,56", "€\xa04.200", "CHF\xa01.100"),
    ("fr", "1\u202f234,56\xa0€", "4\u202f200\xa0€", "1\u202f100\xa0CHF"),
    ("de", "1.234,56\xa0€", "4.200\xa0€", "1.100\xa0CHF"),
])
def test_money_is_formatted_for_the_locale_in_the_invoice_currency(language: str, cents: str, whole: str,
                                                                    francs: str) -> None:
    t = translator(language)
    assert t.money(Decimal("1234.56"), "EUR") == cents
    assert t.money(Decimal("4200"), "EUR") == whole
    assert t.money(Decimal("1100"), "CHF") == francs


def test_money_without_a_currency_is_a_plain_number() -> None:
    assert translator("it").money(Decimal("1234.5"), None) == "1.234,50"
    assert translator("en").money(Decimal("1234"), None) == "1,234"


def test_totals_are_never_summed_across_currencies() -> None:
    t = translator("it")
    assert t.money_totals({"USD": Decimal("300"), "EUR": Decimal("4200")}) == "4.200\xa0€ + 300\xa0USD"
    assert t.money_totals({}) == ""


@pytest.mark.parametrize(("language", "medium", "number"), [
    ("en", "Nov 23, 2026", "1,234.5"),
    ("it", "23 nov 2026", "1.234,5"),
    ("nl", "23 nov 2026", "1.234,5"),
    ("fr", "23 nov. 2026", "1\u202f234,5"),
    ("de", "23.11.2026", "1.234,5"),
])
def test_dates_and_numbers_per_locale(language: str, medium: str, number: str) -> None:
    t = translator(language)
    assert t.date(date(2026, 11, 23)) == medium
    assert t.number(Decimal("1234.5")) == number


@pytest.mark.parametrize(("language", "ago", "ahead"), [
    ("en", "3 days ago", "in 2 hours"),
    ("it", "3 giorni fa", "tra 2 ore"),
    ("nl", "3 dagen geleden", "over 2 uur"),
    ("fr", "il y a 3 jours", "dans 2 heures"),
    ("de", "vor 3 Tagen", "in 2 Stunden"),
])
def test_relative_times_per_locale(language: str, ago: str, ahead: str) -> None:
    t = translator(language)
    assert t.relative(timedelta(days=-3)) == ago
    assert t.relative(timedelta(hours=2)) == ahead


def test_placeholders_are_formatted_by_type() -> None:
    t = translator("it")
    text = t.gettext("{a} · {b} · {c} · {d}", a=1234, b=Money(Decimal("1234.5"), "EUR"), c=date(2026, 1, 2),
                     d=N_("Cancel"))
    assert text == "1.234 · 1.234,50\xa0€ · 2 gen 2026 · Annulla"


def test_lazy_texts_translate_when_shown() -> None:
    message = lazy_ngettext("{n} day", "{n} days", 1)
    assert translator("en").text(message) == "1 day"
    assert str(lazy_ngettext("{n} day", "{n} days", 1234)) == "1,234 days"


def test_datetimes_keep_their_time_zone() -> None:
    moment = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Europe/Rome"))
    assert "09:30" in translator("it").datetime(moment)


def test_the_template_lists_exactly_the_texts_in_the_code(source: dict) -> None:
    """messages.pot is regenerated with the README's `pybabel extract` whenever texts change."""
    from babel.messages.pofile import read_po

    from bot.i18n.catalogs import TEMPLATE

    with TEMPLATE.open("rb") as file:
        template = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(file) if m.id}
    assert template == set(source), (
        f"run the README's pybabel extract/update: new {sorted(set(source) - template)[:10]}, "
        f"gone {sorted(template - set(source))[:10]}")


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_language_has_one_catalog_with_its_plural_rule(language: str) -> None:
    from bot.i18n.catalogs import catalog_files

    assert [p.name for p in catalog_files(language)] == ["messages.po"]
    t = translator(language)
    one, many = t.ngettext("{n} attempt", "{n} attempts", 1), t.ngettext("{n} attempt", "{n} attempts", 2)
    assert one != many and "1" in one and "2" in many


@pytest.mark.parametrize(("amount", "currency", "text"), [
    ("4200", "EUR", "€4,200"), ("4200.5", "EUR", "€4,200.50"), ("312.50", "USD", "$312.50"),
    ("1100", "CHF", "CHF\u00a01,100"), ("-12.5", "GBP", "-£12.50"), ("1234567", None, "1,234,567"),
    ("0.1", None, "0.10"),
])
def test_english_money_keeps_its_shapes(amount: str, currency: str | None, text: str) -> None:
    assert translator("en").money(Decimal(amount), currency) == text


def test_negative_amounts_in_another_locale() -> None:
    assert translator("it").money(Decimal("-12.5"), "GBP") == "-12,50\xa0£"


def test_float_placeholders_use_the_locales_decimal_mark() -> None:
    assert translator("de").gettext("{days} days", days=12.5) == "12,5 days"
