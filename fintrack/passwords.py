"""bcrypt password hashing, in the format streamlit-authenticator's `Hasher` writes and reads."""

from __future__ import annotations

import bcrypt

ROUNDS = 12  # bcrypt cost; the tests lower it to keep the suite fast


def hash_password(password: str) -> str:
    """A salted bcrypt hash of `password`."""
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=ROUNDS)).decode()


def check_password(password: str, password_hash: str | None) -> bool:
    """True when `password` matches; with no hash, burns the same time and says no (no enumeration)."""
    candidate = password_hash or _dummy_hash()
    try:
        matches = bcrypt.checkpw(password.encode(), candidate.encode())
    except ValueError:
        return False
    return matches and password_hash is not None


_DUMMY: dict[int, str] = {}


def _dummy_hash() -> str:
    """A hash at the current cost, so an unknown email costs as much as a wrong password."""
    if ROUNDS not in _DUMMY:
        _DUMMY[ROUNDS] = bcrypt.hashpw(b"not-a-password", bcrypt.gensalt(rounds=ROUNDS)).decode()
    return _DUMMY[ROUNDS]
