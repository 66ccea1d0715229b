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


# --- issue 7: no user-facing text written as a bare literal ---------------------------------------
TRANSLATE_CALLS = {"gettext", "ngettext", "pgettext", "_", "N_", "lazy_ngettext"}
QUIET_CALLS = {"debug", "info", "warning", "error", "exception", "critical", "getLogger"}  # logs stay English
PROSE = __import__("re").compile(r"[A-Za-z]{2,}[,.;:?!]?\s+[A-Za-z]{2,}")
TEXT_FOLDERS = ("bot/views", "bot/listeners", "bot/flows", "bot/domain", "bot/jobs")


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def bare_texts(path: Path) -> list[str]:
    """Prose string literals (and f-strings) outside docstrings, translation calls and log calls.

    A literal that is not for people (a log line built elsewhere, a matching word list) is let through
    by a `# untranslated: <why>` comment on its line."""
    source = path.read_text()
    lines = source.splitlines()
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.Call) and _call_name(node) in TRANSLATE_CALLS | QUIET_CALLS:
            for inner in ast.walk(node):
                if inner is not node.func:
                    skip.add(id(inner))
        if isinstance(node, ast.Raise) and node.exc is not None:  # programmer errors; user errors carry Msg
            call = node.exc
            if isinstance(call, ast.Call) and _call_name(call) in {"RuntimeError", "TypeError", "KeyError",
                                                                    "AssertionError", "NotImplementedError",
                                                                    "ExceptionGroup"}:
                skip.update(id(inner) for inner in ast.walk(call))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            skip.update(id(v) for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        marked = any("# untranslated:" in lines[n - 1] for n in {node.lineno, node.end_lineno or node.lineno})
        if PROSE.search(text) and not marked:
            found.append(f"{rel(path)}:{node.lineno}: {text[:70]!r}")
    return found


@pytest.mark.parametrize("path", [p for f in TEXT_FOLDERS for p in modules(f)], ids=rel)
def test_user_facing_texts_come_from_the_catalogs(path):
    assert bare_texts(path) == [], "mark these with t.gettext(...) / N_(...) (README: Languages)"
