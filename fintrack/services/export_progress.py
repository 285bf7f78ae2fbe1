"""How far a long export has come, told to whoever watches it (the screen's progress bar).

An export streams its rows in chunks; `RowProgress.counted` passes each chunk on and then reports the share
of the rows expected so far written. The expected rows come from the view's count (the monthly rollups
answer it at once), so a workbook of 250,000 entries reports fifty steps without a second pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import pandas as pd

Progress = Callable[[float], None]


class RowProgress:
    """Counts the rows written out of `expected` and reports the fraction (0.0 to 1.0) to `progress`."""

    def __init__(self, progress: Progress | None, expected: int) -> None:
        self._progress, self._expected, self._done = progress, max(1, expected), 0

    def counted(self, chunks: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        """`chunks` as they are, reporting after each one has been consumed."""
        for chunk in chunks:
            yield chunk
            self._done += len(chunk)
            self._report(min(1.0, self._done / self._expected))

    def finished(self) -> None:
        """Report the whole export written (the file is complete)."""
        self._report(1.0)

    def _report(self, fraction: float) -> None:
        if self._progress is not None:
            self._progress(fraction)
