"""The bounded cache the summaries are kept in: the least recently used goes first, size 0 keeps nothing."""

from __future__ import annotations

from fintrack.services.summary_cache import LruCache


def test_the_least_recently_used_value_is_dropped_first():
    cache: LruCache[str] = LruCache(2)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"  # now "b" is the least recently used
    cache.put("c", "C")
    assert (cache.get("a"), cache.get("b"), cache.get("c"), len(cache)) == ("A", None, "C", 2)


def test_putting_a_key_again_replaces_its_value_without_growing():
    cache: LruCache[str] = LruCache(2)
    cache.put("a", "old")
    cache.put("a", "new")
    assert (cache.get("a"), len(cache)) == ("new", 1)


def test_size_zero_keeps_nothing():
    cache: LruCache[str] = LruCache(0)
    cache.put("a", "A")
    assert (cache.get("a"), len(cache)) == (None, 0)
