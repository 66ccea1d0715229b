"""The layering the team agreed on, checked: pure domain, pure views, SQL only in storage, thin listeners."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SQL_NAMES = {"select", "insert", "update", "delete", "text", "func", "and_", "or_", "case", "exists"}


def modules(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def imports_of(path: Path) -> list[tuple[str, list[str]]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", modules("bot/domain"), ids=rel)
def test_domain_rules_import_nothing_from_slack_sqlalchemy_or_storage(path):
    banned = ("slack_sdk", "slack_bolt", "sqlalchemy", "storage", "bot.flows", "bot.listeners", "bot.views",
              "bot.settings", "bot.deps", "flask")
    assert [m for m, _ in imports_of(path) if m.startswith(banned)] == []


@pytest.mark.parametrize("path", modules("bot/views"), ids=rel)
def test_block_kit_builders_never_touch_the_database_or_settings(path):
    banned = ("sqlalchemy", "storage", "bot.flows", "bot.settings", "bot.deps", "slack_bolt")
    assert [m for m, _ in imports_of(path) if m.startswith(banned)] == []


@pytest.mark.parametrize("path", [p for f in ("bot",) for p in modules(f)], ids=rel)
def test_sql_is_written_only_in_storage(path):
    sql = [names for module, names in imports_of(path) if module.startswith("sqlalchemy") and SQL_NAMES & set(names)]
    assert sql == [], "build queries in storage/, not here"


@pytest.mark.parametrize("path", modules("bot/listeners"), ids=rel)
def test_listener_handlers_stay_small(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("handle_"):
            length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
            assert length <= 30, f"{node.name} is {length} lines: move the work into a flow or a view"
