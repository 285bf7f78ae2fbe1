"""Run every `benchmarks/bench_*.py` module's `main()` (or only those named: `python -m benchmarks ledger`).

A full run (`make bench`, no names) also writes benchmarks/RESULTS.md: the machine, the versions, the date
and everything the modules printed (their figures as Markdown tables, each beside its floor and target). A
module that fails is reported with its traceback and the others still run.
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


def main(argv: list[str]) -> None:
    tee = _Tee(sys.stdout)
    with redirect_stdout(tee):
        for name in _modules(argv):
            print(f"\n## {name}\n", flush=True)
            started = time.perf_counter()
            try:
                importlib.import_module(f"benchmarks.{name}").main()
            except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others' figures
                print(f"\n{name} FAILED:\n\n```\n{traceback.format_exc()}```", flush=True)
            print(f"\n({name} took {time.perf_counter() - started:.1f} s)", flush=True)
    if not argv:
        RESULTS.write_text("# Benchmark results\n\nWritten by `make bench` (`python -m benchmarks`); the README's "
                           "Benchmarks figures come from here.\n\n" + _machine() + "\n" + tee.copy.getvalue())
        print(f"\nwrote {RESULTS}")


if __name__ == "__main__":
    main(sys.argv[1:])
