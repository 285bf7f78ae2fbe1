"""The layering rules of DESIGN.md, read from the imports with `ast` so they cannot quietly erode."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE_HELPERS = ("fintrack.money", "fintrack.periods", "fintrack.charts", "fintrack.schemas", "fintrack.filters",
                "fintrack.errors", "fintrack.display", "fintrack.config", "fintrack.excel", "fintrack.clock",
                "fintrack.categories", "fintrack.kinds", "fintrack.paging")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _under(*parts: str) -> list[Path]:
    return sorted(ROOT.joinpath(*parts).rglob("*.py"))


def _uses(imports: set[str], *prefixes: str) -> set[str]:
    return {name for name in imports if any(name == p or name.startswith(p + ".") for p in prefixes)}


def _below_the_ui() -> list[Path]:
    """Every module of the package but those of `fintrack/ui/` itself (a `ui` folder elsewhere counts)."""
    ui = ROOT / "fintrack" / "ui"
    return [p for p in _under("fintrack") if not p.is_relative_to(ui)]


@pytest.mark.parametrize("path", _below_the_ui(), ids=lambda p: str(p.relative_to(ROOT)))
def test_nothing_below_the_ui_imports_streamlit(path):
    assert not _uses(_imports(path), "streamlit", "streamlit_authenticator")


@pytest.mark.parametrize("path", [ROOT / "Home.py", *_under("pages")], ids=lambda p: p.name)
def test_screens_call_services_not_sql(path):
    imports = _imports(path)
    assert not _uses(imports, "sqlalchemy", "fintrack.repository", "fintrack.db", "psycopg")
    fintrack_imports = {name for name in _uses(imports, "fintrack") if name.count(".") >= 1}
    allowed = ("fintrack.ui", "fintrack.services", *PURE_HELPERS)
    assert not {name for name in fintrack_imports if not _uses({name}, *allowed)}


@pytest.mark.parametrize("path", _under("fintrack", "repository"), ids=lambda p: p.name)
def test_repositories_never_commit_or_reach_up(path):
    source = path.read_text()
    assert ".commit(" not in source
    assert not _uses(_imports(path), "fintrack.services", "fintrack.ui", "fintrack.web")


@pytest.mark.parametrize("path", _under("fintrack", "services"), ids=lambda p: p.name)
def test_services_leave_sql_to_the_repositories(path):
    """Services may catch SQLAlchemy's errors and type-hint a Session; queries live in repositories."""
    imports = _imports(path)
    sql = {name for name in _uses(imports, "sqlalchemy")
           if name not in {"sqlalchemy.orm"} and not _uses({name}, "sqlalchemy.exc", "sqlalchemy.orm.Session")}
    assert not sql
    assert not _uses(imports, "fintrack.ui", "fintrack.web")


@pytest.mark.parametrize("path", _under("fintrack", "api"), ids=lambda p: p.name)
def test_the_api_calls_services_never_sql_or_the_screens(path):
    """Routes call services with the token's owner; the database reaches them only as the shared `Database`."""
    imports = _imports(path)
    assert not _uses(imports, "sqlalchemy", "fintrack.repository", "fintrack.ui", "streamlit", "psycopg")
    assert _uses(imports, "fintrack.db") <= {"fintrack.db.engine", "fintrack.db.engine.Database", "fintrack.db.shared",
                                             "fintrack.db.shared.shared_database"}


@pytest.mark.parametrize("path", [*_under("fintrack", "services"), *_under("fintrack", "repository"),
                                  *_under("fintrack", "web")], ids=lambda p: str(p.relative_to(ROOT)))
def test_nothing_below_the_api_reaches_up_to_it(path):
    assert not _uses(_imports(path), "fintrack.api")


@pytest.mark.parametrize("module", PURE_HELPERS)
def test_pure_helpers_touch_no_database_or_ui(module):
    path = ROOT / (module.replace(".", "/") + ".py")
    assert not _uses(_imports(path), "sqlalchemy", "streamlit", "fintrack.repository", "fintrack.services",
                     "fintrack.db")


def test_the_architecture_check_catches_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import streamlit as st\nfrom sqlalchemy import select\n")
    assert _uses(_imports(bad), "streamlit") and _uses(_imports(bad), "sqlalchemy")
