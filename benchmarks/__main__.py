"""Run every `benchmarks/bench_*.py` module's `main()` (or only those named: `python -m benchmarks ledger`).

Each run writes benchmarks/RESULTS.md: the machine, the versions and the date, then every module's section
(what it printed, its figures as Markdown tables beside their floors and targets, dated); a run of named
modules replaces only their sections. A module that fails is reported with its traceback and the others
still run.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
import platform
import subprocess
import sys
import time
import traceback
from contextlib import redirect_stdout
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).parent
RESULTS = HERE / "RESULTS.md"
LIBRARIES = ("sqlalchemy", "psycopg", "pandas", "streamlit", "xlsxwriter", "plotly", "openai")


class _Tee(io.TextIOBase):
    """Writes to the terminal and keeps a copy for RESULTS.md."""

    def __init__(self, terminal: io.TextIOBase) -> None:
        self.terminal, self.copy = terminal, io.StringIO()

    def write(self, text: str) -> int:
        self.terminal.write(text)
        return self.copy.write(text)

    def flush(self) -> None:
        self.terminal.flush()


def _modules(selected: list[str]) -> list[str]:
    names = sorted(path.stem for path in HERE.glob("bench_*.py"))
    if selected:
        names = [name for name in names if name.removeprefix("bench_") in selected or name in selected]
    return names


def _cpu() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        return next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown"


def _postgres_version() -> str:
    from sqlalchemy import create_engine, text

    from benchmarks.bench_ledger import POSTGRES_SERVER

    try:
        engine = create_engine(POSTGRES_SERVER)
        with engine.connect() as connection:
            return connection.execute(text("SHOW server_version")).scalar_one()
    except Exception as exc:  # noqa: BLE001 - no server: said so in the results
        return f"unreachable ({exc.__class__.__name__})"


def _machine() -> str:
    import sqlite3

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=HERE).stdout.strip()
    rows = [("Date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")), ("Commit", commit or "unknown"),
            ("Machine", f"{platform.platform()}, {os.cpu_count()} CPUs ({_cpu()})"),
            ("Python", platform.python_version()), ("SQLite", sqlite3.sqlite_version),
            ("PostgreSQL", _postgres_version()),
            *((name, metadata.version(name)) for name in LIBRARIES)]
    return "\n".join(["| | |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)])


def _sections(text: str) -> dict[str, str]:
    """The modules' sections of a RESULTS.md, by module name (each from its '## bench_' heading on)."""
    sections, name = {}, None
    for line in text.splitlines(keepends=True):
        if line.startswith("## bench_"):
            name = line[3:].strip()
            sections[name] = ""
        if name is not None:
            sections[name] += line
    return sections


def _write_results(run: dict[str, str]) -> None:
    """RESULTS.md with the sections just `run` and, for the modules not run, the sections it had."""
    kept = _sections(RESULTS.read_text()) if RESULTS.exists() else {}
    sections = (run.get(name) or kept.get(name, "") for name in _modules([]))
    body = "".join(section.rstrip("\n") + "\n\n" for section in sections if section)
    RESULTS.write_text("# Benchmark results\n\nWritten by `make bench` (`python -m benchmarks`; a run of named "
                       "modules replaces only their sections, each dated); the README's Benchmarks figures come from "
                       "here. The machine when last written:\n\n" + _machine() + "\n\n" + body)


def main(argv: list[str]) -> None:
    run = {}
    for name in _modules(argv):
        tee = _Tee(sys.stdout)
        with redirect_stdout(tee):
            print(f"\n## {name}\n\n_Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC._\n", flush=True)
            started = time.perf_counter()
            try:
                importlib.import_module(f"benchmarks.{name}").main()
            except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others' figures
                print(f"\n{name} FAILED:\n\n```\n{traceback.format_exc()}```", flush=True)
            print(f"\n({name} took {time.perf_counter() - started:.1f} s)", flush=True)
        run[name] = tee.copy.getvalue().lstrip("\n")
    _write_results(run)
    print(f"\nwrote {RESULTS}")


if __name__ == "__main__":
    main(sys.argv[1:])
