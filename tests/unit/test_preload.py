"""The server loads the screens' heavy libraries at start, so a new process's first visitor does not wait."""

from __future__ import annotations

import ast
import subprocess
import sys

from fintrack.config import PROJECT_ROOT

HEAVY = ("pandas", "plotly.graph_objects", "xlsxwriter", "openai")


def test_preload_imports_the_heavy_libraries_and_every_screen_module():
    script = (
        "import sys\n"
        "from fintrack.web import preload\n"
        f"heavy = {HEAVY!r}\n"
        "assert not any(name in sys.modules for name in ('xlsxwriter', 'openai')), 'loaded too early'\n"
        "preload.preload()\n"
        "missing = [name for name in (*heavy, *preload.screen_modules()) if name not in sys.modules]\n"
        "print(missing, len(preload.screen_modules()))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=PROJECT_ROOT)
    missing, screens = result.stdout.strip().rsplit(" ", 1)
    assert missing == "[]" and int(screens) > 20, result.stdout


def test_server_py_preloads_at_start():
    tree = ast.parse((PROJECT_ROOT / "server.py").read_text())
    statements = [node.value for node in tree.body if isinstance(node, ast.Expr)]  # top-level calls, run at start
    assert "preload" in [call.func.id for call in statements if isinstance(call, ast.Call)
                         and isinstance(call.func, ast.Name)]
