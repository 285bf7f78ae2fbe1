"""The offline assistant's parser: time to understand one sentence.

Parses every sentence of the sentence table (tests/unit/data/assistant_sentences.py) for an owner with the
most known vendors and clients the assistant loads (500 of each), repeatedly, and prints the median and
p99 time per sentence. Pure Python, no database: `python -m benchmarks assistant`.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from fintrack.categories import DEFAULT_CATEGORIES
from fintrack.services.assistant.offline import parse
from fintrack.services.assistant.offline_answers import MAX_KNOWN_PARTIES
from tests.unit.data import assistant_sentences as table

ROUNDS = 20


def _parties() -> dict[str, list[str]]:
    """The table's names among hundreds of made-up ones, as a busy owner's books would hold them."""
    made_up = {"expense": [f"Supplier {number} Ltd" for number in range(MAX_KNOWN_PARTIES)],
               "income": [f"Client {number} GmbH" for number in range(MAX_KNOWN_PARTIES)]}
    return {kind: [*table.PARTIES[kind], *made_up[kind]][:MAX_KNOWN_PARTIES] for kind in made_up}


def main() -> None:
    sentences = [sentence for rows in table.SENTENCES.values() for sentence, _ in rows]
    categories = {kind: [*table.OWN_CATEGORIES[kind], *DEFAULT_CATEGORIES[kind]] for kind in ("expense", "income")}
    parties, today = _parties(), dt.date.fromisoformat(table.TODAY)
    timings = []
    for _ in range(ROUNDS):
        for sentence in sentences:
            started = time.perf_counter()
            parse(sentence, today=today, categories=categories, parties=parties,
                  category_for_party=lambda kind, party: table.HISTORY.get((kind, party)))
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p99 = timings[int(len(timings) * 0.99) - 1]
    print(f"offline parse, {len(sentences)} sentences x {ROUNDS}, {MAX_KNOWN_PARTIES} known vendors and clients "
          f"each: median {statistics.median(timings):.2f} ms, p99 {p99:.2f} ms, max {timings[-1]:.2f} ms")
