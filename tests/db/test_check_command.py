"""`python -m fintrack check`, run as a deploy script would: a new process with only its environment."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator

import pytest

from fintrack.config import PROJECT_ROOT
from tests.fakes.openai_server import FakeOpenAI

STRONG_KEY = "k" * 48


def check(tmp_path, **environment: str) -> subprocess.CompletedProcess[str]:
    """Run the check with exactly these FinTrack settings (and a private data folder)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("FINTRACK_", "DATABASE_", "OPENAI_", "PG"))}
    env.update(FINTRACK_DATA_DIR=str(tmp_path), **environment)
    return subprocess.run([sys.executable, "-m", "fintrack", "check"], cwd=PROJECT_ROOT, env=env,  # noqa: S603
                          capture_output=True, text=True, timeout=60)


def line(done: subprocess.CompletedProcess[str], name: str) -> str:
    """The output line of the check called `name` ('ok    database: …')."""
    [found] = [text for text in done.stdout.splitlines() if text[6:].startswith(f"{name}:")]
    return found


def test_a_good_database_passes_every_check(module_database_url, tmp_path):
    done = check(tmp_path, DATABASE_URL=module_database_url)
    assert done.returncode == 0, done.stdout + done.stderr
    statuses = [text.split()[0] for text in done.stdout.splitlines()]
    assert statuses == ["ok", "ok", "ok", "ok", "skip"]  # configuration, key, database, migrations, no model
    assert "at head" in line(done, "migrations")


def test_an_unreachable_database_fails_naming_it(tmp_path):
    done = check(tmp_path, DATABASE_URL="postgresql://postgres@127.0.0.1:1/fintrack")
    assert done.returncode == 1
    logged = [json.loads(text) for text in done.stderr.splitlines()]  # logs go to stderr, as JSON
    [completed] = [line for line in logged if line["event"] == "check.completed"]
    assert (completed["outcome"], completed["failed"]) == ("failure", ["database"])
    assert line(done, "database").startswith("FAIL")
    assert "cannot connect to postgresql+psycopg://postgres@127.0.0.1:1/fintrack" in line(done, "database")
    assert line(done, "migrations").startswith("skip")


def test_a_missing_sqlite_file_fails_and_is_not_created(tmp_path):
    done = check(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'absent.db'}")
    assert done.returncode == 1
    assert "no database file" in line(done, "database")
    assert not (tmp_path / "absent.db").exists()


def test_a_schema_behind_the_newest_migration_fails(tmp_path):
    sqlite3.connect(tmp_path / "empty.db").close()
    done = check(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'empty.db'}")
    assert done.returncode == 1
    assert line(done, "migrations").startswith("FAIL  migrations: schema is at nothing")


def test_a_weak_key_in_production_fails(module_database_url, tmp_path):
    done = check(tmp_path, DATABASE_URL=module_database_url, FINTRACK_ENV="production", FINTRACK_SECRET_KEY="changeme")
    assert done.returncode == 1
    assert line(done, "configuration").startswith("FAIL")
    assert "FINTRACK_SECRET_KEY is too weak" in done.stdout


def test_a_strong_key_in_production_passes(module_database_url, tmp_path):
    done = check(tmp_path, DATABASE_URL=module_database_url, FINTRACK_ENV="production", FINTRACK_SECRET_KEY=STRONG_KEY)
    assert done.returncode == 0, done.stdout
    assert "FINTRACK_SECRET_KEY is set (48 characters)" in line(done, "secret key")


@pytest.fixture
def model_server() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    yield server
    server.stop()


def test_a_configured_model_server_is_asked_for_its_models(module_database_url, tmp_path, model_server):
    model_server.models = ["gpt-4.1", "llama3"]
    done = check(tmp_path, DATABASE_URL=module_database_url, OPENAI_API_KEY="test-key",
                 OPENAI_BASE_URL=model_server.base_url, FINTRACK_AI_MODEL="llama3")
    assert done.returncode == 0, done.stdout
    assert line(done, "model server").startswith("ok    model server:")


def test_a_model_server_without_the_model_fails(module_database_url, tmp_path, model_server):
    done = check(tmp_path, DATABASE_URL=module_database_url, OPENAI_API_KEY="test-key",
                 OPENAI_BASE_URL=model_server.base_url, FINTRACK_AI_MODEL="no-such-model")
    assert done.returncode == 1
    assert "does not offer FINTRACK_AI_MODEL='no-such-model'" in line(done, "model server")


def test_an_unreachable_model_server_fails(module_database_url, tmp_path):
    done = check(tmp_path, DATABASE_URL=module_database_url, OPENAI_API_KEY="test-key",
                 OPENAI_BASE_URL="http://127.0.0.1:1/v1")
    assert done.returncode == 1
    assert "did not list its models" in line(done, "model server")
