"""The README and docs/architecture.md stand on their own and name only what exists in the repository."""

from __future__ import annotations

import importlib
import re

import pytest

from fintrack.config import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
ARCHITECTURE = PROJECT_ROOT / "docs" / "architecture.md"
_LINK = re.compile(r"\]\(([^)#\s]+)")
_PATH = re.compile(r"`((?:fintrack|tests|migrations|pages|benchmarks|docs|\.ci)/[\w/.-]*)`")
_MODULE = re.compile(r"`(fintrack(?:\.\w+)+)")


def _resolves(dotted: str) -> bool:
    """Whether `fintrack.a.b.c` names a module, or an attribute reached from the longest importable module."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for name in parts[split:]:
            if not hasattr(found, name):
                return False
            found = getattr(found, name)
        return True
    return False


@pytest.mark.parametrize("document", [README, ARCHITECTURE], ids=lambda path: path.name)
def test_links_stay_inside_the_repository_and_exist(document):
    targets = [target for target in _LINK.findall(document.read_text()) if "://" not in target]
    for target in targets:
        path = (document.parent / target).resolve()
        assert path.is_relative_to(PROJECT_ROOT) and path.exists(), target
    assert "../" not in document.read_text()


def test_the_readme_points_at_the_architecture():
    assert "docs/architecture.md" in README.read_text()


def test_every_path_the_architecture_names_exists():
    named = set(_PATH.findall(ARCHITECTURE.read_text()))
    assert named and not {path for path in named if not (PROJECT_ROOT / path).exists()}


def test_every_module_and_name_the_architecture_names_exists():
    named = set(_MODULE.findall(ARCHITECTURE.read_text()))
    assert named and not {dotted for dotted in named if not _resolves(dotted)}
