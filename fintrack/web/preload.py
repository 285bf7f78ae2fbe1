"""Load at process start what the screens would otherwise load on their first visit.

Streamlit runs a screen's script on every visit, and the first one in a new process imports whatever the
script needs: the screens' modules and through them pandas, Plotly, XlsxWriter and the openai client, about
three seconds on a small server. `preload()` imports them all once when the server starts
(server.py), so no owner waits for it; benchmarks/bench_screens.py measures a first visit with and without.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import time

import fintrack.ui

log = logging.getLogger(__name__)

# Loaded lazily by the libraries themselves (st.plotly_chart's serialiser, the assistant's model client).
HEAVY_LIBRARIES = ("pandas", "plotly.graph_objects", "plotly.io", "xlsxwriter", "openai")


def screen_modules() -> list[str]:
    """Every module of `fintrack.ui`: the screens' building blocks, and through them the services."""
    return [module.name for module in pkgutil.walk_packages(fintrack.ui.__path__, prefix="fintrack.ui.")]


def preload() -> float:
    """Import the heavy libraries and the screens' modules; returns the seconds it took (also logged)."""
    started = time.perf_counter()
    for name in (*HEAVY_LIBRARIES, *screen_modules()):
        importlib.import_module(name)
    seconds = time.perf_counter() - started
    log.info("server.preloaded", extra={"event": "server.preloaded", "duration_ms": round(seconds * 1000, 1)})
    return seconds
