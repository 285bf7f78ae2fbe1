"""The client address the per-client limits use: X-Forwarded-For is believed only as far as trusted proxies."""

from __future__ import annotations

import pytest

from fintrack.web.clients import client_address

PEER = "10.0.0.9"


@pytest.mark.parametrize(
    ("forwarded_for", "trusted", "expected"),
    [
        ([], 0, PEER),
        (["6.6.6.6"], 0, PEER),  # no proxy: the header is the client's own invention
        (["6.6.6.6, 203.0.113.7"], 1, "203.0.113.7"),  # what the client wrote, then what our proxy saw
        (["6.6.6.6, 203.0.113.7, 10.0.0.2"], 2, "203.0.113.7"),
        (["6.6.6.6", "203.0.113.7"], 1, "203.0.113.7"),  # several header lines read as one list
        ([" 203.0.113.7 ,"], 1, "203.0.113.7"),
        (["203.0.113.7"], 2, PEER),  # too short to have passed both proxies
        ([], 1, PEER),
    ],
)
def test_only_the_entry_the_trusted_proxies_wrote_is_believed(forwarded_for, trusted, expected):
    assert client_address(PEER, forwarded_for, trusted) == expected


def test_no_peer_and_no_header_is_none():
    assert client_address(None, [], 1) is None
