"""The README's curl session runs as written against the real server (its address and a fresh email swapped in)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from fintrack.config import PROJECT_ROOT
from fintrack.filters import EntryFilter
from fintrack.repository import users as users_repo
from fintrack.services import ledger
from tests.e2e.conftest import new_email
from tests.statements import STATEMENTS_DIR

README_ADDRESS, README_EMAIL = "http://localhost:8501", "owner@example.com"


def readme_session() -> str:
    """The bash block of the README's 'The JSON API' section."""
    section = PROJECT_ROOT.joinpath("README.md").read_text().split("\n## The JSON API\n")[1].split("\n## ")[0]
    [block] = re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL)
    return block


def test_the_readmes_curl_session_works_as_written(base_url, server_db, tmp_path):
    email = new_email()
    script = readme_session().replace(README_ADDRESS, base_url).replace(README_EMAIL, email)
    shutil.copy(STATEMENTS_DIR / "schwab-checking.csv", tmp_path / "statement.csv")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    ran = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env,  # noqa: S603, S607
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr + ran.stdout
    assert (tmp_path / "books.xlsx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "march.csv").read_text(encoding="utf-8-sig").startswith("Id,Date,Category,Vendor")
    with server_db.transaction() as session:
        owner_id = users_repo.get_by_email(session, email=email).id
    expenses = ledger.find_entries(server_db, owner_id=owner_id, filters=EntryFilter(kind="expense"))
    assert expenses.total_count == 1 + 2 + 3 + 1  # one, a bulk of two, the statement's three, the assistant's
