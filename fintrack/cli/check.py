"""`python -m fintrack check`: can this installation serve? One line per check, exit status 0 or 1.

Checks, in order: the configuration loads (a production key that is missing or weak fails here), the secret
key, the database answers, its schema is at the newest migration, and the model server answers when one is
configured. A check that cannot run because an earlier one failed is reported as skipped. Meant for a
container health check or a deploy script: `python -m fintrack check || exit 1`.
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import openai
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

from fintrack.config import Settings
from fintrack.db.engine import make_engine
from fintrack.db.migrate import alembic_config
from fintrack.errors import ConfigurationError
from fintrack.events import FAILURE, SUCCESS

CONNECT_TIMEOUT_SECONDS = 5
log = logging.getLogger(__name__)
OK, FAIL, SKIP = "ok", "FAIL", "skip"


@dataclass(frozen=True)
class Result:
    """One check's line: its status (ok, FAIL, skip), its name and what was found."""

    status: str
    name: str
    detail: str

    def line(self) -> str:
        return f"{self.status:<4}  {self.name}: {self.detail}"


class CheckFailed(Exception):
    """A check found a problem; the message says which and what to do."""


def _configuration() -> Settings:
    try:
        return Settings()
    except ConfigurationError as error:
        raise CheckFailed(str(error)) from None


def _secret_key(config: Settings) -> str:
    """The settings refuse a weak key (and, in production, a missing one); this says where the key came from."""
    generated = config.data_dir / "secret_key"
    if generated.is_file() and generated.read_text().strip() == config.secret_key:
        return (f"generated into {generated} (fine for one server; several app servers must share one "
                "FINTRACK_SECRET_KEY)")
    return f"FINTRACK_SECRET_KEY is set ({len(config.secret_key)} characters)"


def _database(config: Settings) -> str:
    url = make_url(config.database_url)
    if url.get_backend_name() == "sqlite" and url.database and not os.path.exists(url.database):
        raise CheckFailed(f"no database file at {url.database} (run `make migrate`, or check DATABASE_URL)")
    os.environ.setdefault("PGCONNECT_TIMEOUT", str(CONNECT_TIMEOUT_SECONDS))
    engine = make_engine(config.database_url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            return f"{engine.dialect.name} at {url.render_as_string(hide_password=True)} answers"
    except Exception as error:  # noqa: BLE001 - any failure to connect is this check's finding
        raise CheckFailed(f"cannot connect to {url.render_as_string(hide_password=True)}: "
                          f"{_first_line(error)}") from None
    finally:
        engine.dispose()


def _migrations(config: Settings) -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    engine = make_engine(config.database_url)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
    if current != head:
        raise CheckFailed(f"schema is at {current or 'nothing'}, the newest migration is {head} "
                          "(run `make migrate`; app servers also upgrade on their first request)")
    return f"at head ({head})"


def _model_server(config: Settings) -> str:
    client = openai.OpenAI(api_key=config.openai_api_key, base_url=config.openai_base_url or None,
                           timeout=CONNECT_TIMEOUT_SECONDS, max_retries=0)
    where = config.openai_base_url or "OpenAI"
    try:
        offered = {model.id for model in client.models.list()}
    except openai.OpenAIError as error:
        raise CheckFailed(f"{where} did not list its models: {_first_line(error)}") from None
    if config.ai_model not in offered:
        raise CheckFailed(f"{where} answers but does not offer FINTRACK_AI_MODEL={config.ai_model!r} "
                          f"({len(offered)} models offered)")
    return f"{where} answers and offers {config.ai_model}"


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _run(name: str, check: Callable[[], str]) -> Result:
    try:
        return Result(OK, name, check())
    except CheckFailed as problem:
        return Result(FAIL, name, str(problem))


def results() -> Iterator[Result]:
    """Run the checks in order, each skipped when one it needs has failed."""
    try:
        config = _configuration()
    except CheckFailed as problem:
        yield Result(FAIL, "configuration", str(problem))
        for name in ("secret key", "database", "migrations", "model server"):
            yield Result(SKIP, name, "the configuration did not load")
        return
    yield Result(OK, "configuration", f"loaded ({config.environment})")
    yield _run("secret key", lambda: _secret_key(config))
    database = _run("database", lambda: _database(config))
    yield database
    if database.status == FAIL:
        yield Result(SKIP, "migrations", "the database did not answer")
    else:
        yield _run("migrations", lambda: _migrations(config))
    if config.openai_api_key:
        yield _run("model server", lambda: _model_server(config))
    else:
        yield Result(SKIP, "model server", "none configured (OPENAI_API_KEY is empty: the assistant runs offline)")


def main(argv: Sequence[str] | None = None) -> int:
    """Print one line per check; 0 when none failed, else 1."""
    argparse.ArgumentParser(prog="fintrack check", description=__doc__.split("\n\n")[1]).parse_args(argv)
    started, failed = time.perf_counter(), []
    for result in results():
        print(result.line(), flush=True)
        failed += [result.name] if result.status == FAIL else []
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    log.info("check.completed", extra={"event": "check.completed", "outcome": FAILURE if failed else SUCCESS,
                                       "failed": failed, "duration_ms": duration_ms})
    return 1 if failed else 0
