"""`python -m fintrack.rollups rebuild [--owner ID]`: the same command as `python -m fintrack rollups rebuild`."""

from __future__ import annotations

import sys

from fintrack.__main__ import main

if __name__ == "__main__":
    sys.exit(main(["rollups", *sys.argv[1:]]))
