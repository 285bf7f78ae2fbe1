"""Who is asking, for the per-client limits: the connection's address, or the one a trusted proxy saw.

No streamlit imports: `fintrack.ui.session.client_key` reads the request and calls `client_address`.
"""

from __future__ import annotations

from collections.abc import Iterable


def client_address(peer: str | None, forwarded_for: Iterable[str], trusted_proxies: int) -> str | None:
    """The client's address, from the peer and the X-Forwarded-For header values (in order).

    The client writes X-Forwarded-For as freely as any proxy, and each proxy appends the address it got the
    request from; so with `trusted_proxies` proxies in front of us, only the entry that many from the right is
    believed. With no trusted proxy, or a header too short to have passed through them all, the peer.
    """
    if trusted_proxies <= 0:
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    return hops[-trusted_proxies] if len(hops) >= trusted_proxies else peer
