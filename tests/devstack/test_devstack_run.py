"""doorstep.devstack.run.main end to end, with a stand-in for the doorstep CLI."""

from __future__ import annotations

import json
import re
import signal
import socket
import stat
import sys
import textwrap
import time
from pathlib import Path

import pytest

from doorstep.devstack import run
from doorstep.devstack.run import RunContext, build_parser
from doorstep.devstack.supervisor import ChildSpec
from tests.conftest import TEST_REDIS_URL, url_of_database
from tests.devstack.devstack_helpers import (
    FAKE_CLI,
    answers,
    child_env,
    free_port,
    spawned,
    wait_dead,
)


@pytest.fixture
def services_env() -> dict[str, str]:
    """Env URLs pointing at the test run's own servers (on loopback, or the embedded ones
    `make test` started): no embedded start here, fast."""
    return child_env(
        DOORSTEP_DATABASE_URL=url_of_database("postgres"), DOORSTEP_REDIS_URL=TEST_REDIS_URL
    )


def _log_lines(path: Path) -> list[str]:
    return [line.split()[0] for line in path.read_text().splitlines()] if path.exists() else []


def test_setup_runs_then_children_and_a_failing_child_stops_everything(
    services_env: dict[str, str],
    fake_cli: list[str],
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    log = tmp_path / "calls.log"
    env = {**services_env, "FAKE_LOG": str(log), "FAKE_WORKER_EXIT_AFTER": "1.5"}
    port = free_port()
    code = run.main(["--port", str(port)], env=env, cli=fake_cli)
    out = capfd.readouterr().out
    assert code == 3
    assert _log_lines(log)[:2] == ["migrate", "seed"]
    assert sorted(_log_lines(log)[2:]) == ["api", "worker"]
    assert "fake migrate: SELECT 1 = 1" in out
    assert "fake seed --if-empty: demo login" in out
    assert "worker | fake worker: PING = True" in out
    for label, path in (
        ("API", "/api/v1"),
        ("tenant portal", "/portal/"),
        ("agency app", "/agency/"),
        ("API docs", "/docs"),
    ):
        assert re.search(rf"{label} +http://127\.0\.0\.1:{port}{path}\n", out), label
    assert re.search(r"staff \(owner\) +owner@doorstep\.example / demo-owner-pass", out)
    assert "worker exited with code 3; stopping api" in out
    assert not answers("127.0.0.1", port), "the API must be stopped"


def test_a_failed_migration_starts_nothing(
    services_env: dict[str, str], fake_cli: list[str], tmp_path: Path
) -> None:
    log = tmp_path / "calls.log"
    env = {**services_env, "FAKE_LOG": str(log), "FAKE_MIGRATE_EXIT": "4"}
    assert run.main(["--port", str(free_port())], env=env, cli=fake_cli) == 4
    assert _log_lines(log) == ["migrate"]


def test_the_settings_file_holds_what_the_children_get_for_one_off_commands(
    services_env: dict[str, str], fake_cli: list[str], tmp_path: Path
) -> None:
    """``--settings-file``: what ``doorstep tick`` needs to run against this stack (the
    database, the gateway, the mail server, the secret key), written before anything starts,
    readable by its owner alone, and only the DOORSTEP_* settings."""
    path = tmp_path / "run" / "settings.json"
    path.parent.mkdir()
    path.write_text("{}")  # a stale file from an earlier run is replaced
    env = {
        **services_env,
        "DOORSTEP_SECRET_KEY": "k" * 64,
        "FAKE_MIGRATE_EXIT": "4",
        "UNRELATED": "left out",
    }
    argv = ["--port", str(free_port()), "--settings-file", str(path)]
    assert run.main(argv, env=env, cli=fake_cli) == 4
    settings = json.loads(path.read_text())
    assert settings["DOORSTEP_DATABASE_URL"] == services_env["DOORSTEP_DATABASE_URL"]
    assert settings["DOORSTEP_REDIS_URL"] == services_env["DOORSTEP_REDIS_URL"]
    assert settings["DOORSTEP_SECRET_KEY"] == "k" * 64
    assert all(name.startswith("DOORSTEP_") for name in settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_an_api_that_never_gets_ready_times_out(
    services_env: dict[str, str], fake_cli: list[str], capfd: pytest.CaptureFixture[str]
) -> None:
    env = {**services_env, "FAKE_API_READY_AFTER": "never"}
    port = free_port()
    argv = ["--port", str(port), "--no-worker", "--ready-timeout", "1.5"]
    assert run.main(argv, env=env, cli=fake_cli) == 1
    out = capfd.readouterr().out
    assert f"did not answer 200 at http://127.0.0.1:{port}/readyz within 1.5s" in out
    assert "worker |" not in out


def test_a_busy_port_is_reported_before_anything_starts(
    fake_cli: list[str], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "calls.log"
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        env = {"FAKE_LOG": str(log), "DOORSTEP_PORT": str(port)}
        assert run.main([], env=env, cli=fake_cli) == 1
    assert f"127.0.0.1:{port} is in use" in capfd.readouterr().out
    assert not log.exists()


WILDCARD = "0.0.0.0"  # noqa: S104 - only passed to argparse, nothing binds it


def test_children_list_is_extensible(monkeypatch: pytest.MonkeyPatch) -> None:
    def sink(ctx: RunContext) -> ChildSpec:
        ctx.env["DOORSTEP_SMTP_URL"] = "smtp://127.0.0.1:2525"
        ctx.banner.append(("dev mailbox", f"{ctx.base_url}/dev/mailbox"))
        return ChildSpec("smtp", [*ctx.cli, "smtp-sink"])

    # The built-in children (a mail sink, a payment gateway...) aside: only the mechanism.
    monkeypatch.setattr(run, "CHILDREN", [run.api_child, run.worker_child, sink])
    args = build_parser().parse_args(["--host", WILDCARD, "--port", "9000", "--no-worker"])
    ctx = RunContext(args=args, cli=["doorstep"], host=args.host, port=args.port, env={})
    specs = [spec for factory in run.CHILDREN if (spec := factory(ctx)) is not None]
    assert [spec.name for spec in specs] == ["api", "smtp"]
    assert list(specs[0].argv) == [
        "doorstep", "api", "--host", WILDCARD, "--port", "9000", "--workers", "1"
    ]  # fmt: skip
    assert ctx.env == {"DOORSTEP_SMTP_URL": "smtp://127.0.0.1:2525"}
    assert ctx.banner == [("dev mailbox", "http://127.0.0.1:9000/dev/mailbox")]


# ------------------------------------------- the real thing: embedded services, stopped by SIGTERM

_RUN = textwrap.dedent(
    """
    import sys
    from doorstep.devstack.run import main
    sys.exit(main(sys.argv[2:], cli=[sys.executable, sys.argv[1]]))
    """
)


@pytest.mark.slow
def test_run_with_embedded_services_until_sigterm(data_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "calls.log"
    port = free_port()
    env = child_env(
        DOORSTEP_DATA_DIR=str(data_dir),
        DOORSTEP_PROBE_POSTGRES=f"127.0.0.1:{free_port()}",
        DOORSTEP_PROBE_REDIS="off",
        DOORSTEP_PORT=str(port),
        FAKE_LOG=str(log),
    )
    env.pop("DOORSTEP_DATABASE_URL", None)
    env.pop("DOORSTEP_REDIS_URL", None)
    with spawned([sys.executable, "-c", _RUN, str(FAKE_CLI)], env) as (proc, output):
        assert output.wait_for("Press Ctrl-C to stop.", timeout=60), output.text
        text = output.text
        assert "embedded PostgreSQL ready" in text
        assert "embedded Redis ready" in text
        assert "fake migrate: SELECT 1 = 1" in text
        assert answers("127.0.0.1", port)
        pg_pid = int((data_dir / "pgdata" / "postmaster.pid").read_text().split()[0])
        redis_pid = int((data_dir / "redis" / "redis-server.pid").read_text().split()[0])
        # The banner waits for the API only: give the worker (started beside the mail sink
        # and localstripe) a moment to log itself on a busy machine.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            children = dict(line.split() for line in log.read_text().splitlines())
            if {"api", "worker"} <= children.keys():
                break
            time.sleep(0.1)

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0, output.text
    assert "stopping ..." in output.text
    for pid in (int(children["api"]), int(children["worker"]), pg_pid, redis_pid):
        assert wait_dead(pid), f"{pid} still running"
    assert not answers("127.0.0.1", port)
