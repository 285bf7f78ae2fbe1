"""Run every `benchmarks/bench_*.py` module's `main()` (or only those named: `python -m benchmarks ledger`)."""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path


def _modules(selected: list[str]) -> list[str]:
    names = sorted(path.stem for path in Path(__file__).parent.glob("bench_*.py"))
    if selected:
        names = [name for name in names if name.removeprefix("bench_") in selected or name in selected]
    return names


def main(argv: list[str]) -> None:
    for name in _modules(argv):
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.{name}").main()
        print(f"({name} took {time.perf_counter() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
