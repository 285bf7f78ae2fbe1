"""Summaries kept in memory by each app process and served again while the owner's books stamp holds.

Streamlit reruns a whole screen on every click, so the dashboard asks for the same summary of the same
books again and again; the workbook, the assistant and the API ask for it too. Every write to an owner's
entries or assets replaces the owner's stamp in its own transaction (`fintrack.repository.books_stamps`), on
whichever app server it runs, so a summary is looked up under (owner, stamp, period, today) and the first
read after any write misses. The stamp is read first, on its own (one round trip on PostgreSQL, see
`Database.single_reads`), and the figures after it: they are at least as new as the stamp they are filed
under, never older. An owner without a stamp is never served from memory.

The cache is a bounded LRU shared by the process's threads. Callers get their own copy of the frames, so one
that changes a frame cannot change what the next caller gets.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

SIZE = 256  # summaries per process: a few tens of kB each
Value = TypeVar("Value")


class LruCache(Generic[Value]):
    """At most `size` values by key, the least recently used dropped first; `size` 0 keeps nothing."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Value | None:
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Value) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def __len__(self) -> int:
        return len(self._values)
