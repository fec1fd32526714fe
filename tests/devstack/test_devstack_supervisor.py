"""doorstep.devstack.supervisor with dummy Python children."""

from __future__ import annotations

import io
import json
import signal
import sys
import textwrap
import time
from pathlib import Path

import pytest

from doorstep.devstack.supervisor import ChildExit, ChildSpec, Supervisor, WaitResult
from tests.devstack.devstack_helpers import Output, child_env, pid_alive, spawned, wait_dead

PY = sys.executable


def py(code: str) -> list[str]:
    return [PY, "-c", textwrap.dedent(code)]


SLEEPER = py(
    """
    import time
    print("up", flush=True)
    time.sleep(60)
    """
)


def test_output_is_prefixed_and_one_exit_stops_the_rest() -> None:
    out = io.StringIO()
    specs = [
        ChildSpec("api", SLEEPER),
        ChildSpec(
            "worker",
            py(
                """
                import sys, time
                print("hello from the worker")
                print("to stderr", file=sys.stderr)
                time.sleep(0.5)
                sys.exit(3)
                """
            ),
        ),
    ]
    sup = Supervisor(specs, stream=out, grace=5)
    started = time.monotonic()
    assert sup.run() == 3
    assert time.monotonic() - started < 5
    lines = out.getvalue().splitlines()
    assert "api    | up" in lines
    assert "worker | hello from the worker" in lines
    assert "worker | to stderr" in lines
    assert any("worker exited with code 3; stopping api" in line for line in lines)
    assert "\x1b[" not in out.getvalue()  # not a terminal: no colour


def test_a_clean_exit_still_counts_as_unexpected() -> None:
    sup = Supervisor([ChildSpec("api", SLEEPER), ChildSpec("oneshot", py("pass"))])
    assert sup.run() == 1


def test_children_get_the_base_env_plus_their_own(tmp_path: Path) -> None:
    out = io.StringIO()
    code = py(
        """
        import json, os
        print(json.dumps({k: os.environ.get(k) for k in ("SHARED", "OWN", "DROPPED")}))
        """
    )
    sup = Supervisor(
        [ChildSpec("c", code, env={"OWN": "mine", "DROPPED": None}, cwd=tmp_path)],
        base_env={"SHARED": "yes", "DROPPED": "gone", "PATH": "/usr/bin:/bin"},
        stream=out,
    )
    sup.run()
    payload = out.getvalue().splitlines()[0].split("| ", 1)[1]
    assert json.loads(payload) == {"SHARED": "yes", "OWN": "mine", "DROPPED": None}


def test_a_childs_last_words_come_before_the_line_saying_it_exited() -> None:
    out = io.StringIO()
    code = py(
        """
        import sys
        for n in range(20000):
            sys.stdout.write(f"line {n}\\n")
        """
    )
    sup = Supervisor([ChildSpec("c", code)], stream=out, poll_interval=0.001)
    sup.run()
    lines = out.getvalue().splitlines()
    assert lines[-2].endswith("| line 19999")
    assert "c exited with code 0" in lines[-1]


def test_wait_until_ready_and_timeout() -> None:
    with Supervisor([ChildSpec("a", SLEEPER)], stream=io.StringIO()) as sup:
        assert sup.wait(until=lambda: True).result is WaitResult.READY
        timed_out = sup.wait(until=lambda: False, timeout=0.3)
        assert timed_out.result is WaitResult.TIMEOUT
        assert timed_out.exit_code == 1
        pid = sup.pid("a")
        assert pid_alive(pid)
    assert not pid_alive(pid)


def test_sigterm_is_escalated_to_sigkill_for_the_whole_group() -> None:
    # The child ignores SIGTERM and has a grandchild in its process group that does too.
    stubborn = py(
        """
        import signal, subprocess, sys, time
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        grandchild = subprocess.Popen([sys.executable, "-c",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"])
        print("grandchild", grandchild.pid, flush=True)
        time.sleep(60)
        """
    )
    out = io.StringIO()
    sup = Supervisor([ChildSpec("stubborn", stubborn)], stream=out, grace=0.5)
    sup.start()
    try:
        deadline = time.monotonic() + 10
        while "grandchild" not in out.getvalue() and time.monotonic() < deadline:
            time.sleep(0.05)
        grandchild = int(out.getvalue().split("grandchild ")[1].split()[0])
        started = time.monotonic()
    finally:
        exits = sup.stop()
    assert exits == [ChildExit("stubborn", -signal.SIGKILL)]
    assert time.monotonic() - started < 5
    assert wait_dead(grandchild)
    assert "stubborn did not stop within 0.5s: SIGKILL" in out.getvalue()


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        Supervisor([ChildSpec("a", SLEEPER), ChildSpec("a", SLEEPER)])


def test_child_exit_descriptions() -> None:
    assert ChildExit("api", 2).describe() == "api exited with code 2"
    assert ChildExit("api", -9).describe() == "api was killed by SIGKILL"


# ------------------------------------------------------- the supervisor as a process of its own

_SUPERVISED = textwrap.dedent(
    """
    import sys
    from doorstep.devstack.supervisor import ChildSpec, Supervisor
    code = "import os, time; print('pid', os.getpid(), flush=True); time.sleep(60)"
    specs = [ChildSpec(name, [sys.executable, "-c", code]) for name in ("one", "two")]
    sys.exit(Supervisor(specs, grace=5).run())
    """
)


def _pids(output: Output) -> list[int]:
    assert output.wait_for("two | pid", timeout=20), output.text
    assert output.wait_for("one | pid", timeout=20), output.text
    return [int(line.rsplit(" ", 1)[1]) for line in output.text.splitlines() if "| pid " in line]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_stops_every_child_and_exits_zero(sig: signal.Signals) -> None:
    with spawned([sys.executable, "-c", _SUPERVISED], child_env()) as (proc, output):
        pids = _pids(output)
        proc.send_signal(sig)
        assert proc.wait(timeout=15) == 0
    assert "stopping ..." in output.text
    for pid in pids:
        assert wait_dead(pid)


# A supervisor whose thread is still starting (here: held up on purpose) when the children's
# first lines are out, as a loaded machine can make it.
_SLOW_TO_WAIT = textwrap.dedent(
    """
    import sys, time
    from doorstep.devstack.supervisor import ChildSpec, Supervisor
    class SlowToWait(Supervisor):
        def start(self):
            super().start()
            print("started, not yet waiting", flush=True)
            time.sleep(60)
    code = "import os, time; print('pid', os.getpid(), flush=True); time.sleep(60)"
    specs = [ChildSpec(name, [sys.executable, "-c", code]) for name in ("one", "two")]
    sys.exit(SlowToWait(specs, grace=5).run())
    """
)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_asked_for_while_still_starting_stops_every_child_and_exits_zero(
    sig: signal.Signals,
) -> None:
    with spawned([sys.executable, "-c", _SLOW_TO_WAIT], child_env()) as (proc, output):
        pids = _pids(output)
        assert output.wait_for("started, not yet waiting", timeout=20), output.text
        proc.send_signal(sig)
        assert proc.wait(timeout=15) == 0, output.text
    assert "stopping ..." in output.text
    for pid in pids:
        assert wait_dead(pid)


def test_sigint_stops_a_supervisor_started_with_sigint_ignored() -> None:
    # A background job of a non-interactive shell (`bash .ci/run &`) starts with SIGINT ignored;
    # `trap "" INT` before exec reproduces exactly that inheritance.
    ignoring_sigint = ["sh", "-c", 'trap "" INT; exec "$0" "$@"', PY, "-c", _SUPERVISED]
    with spawned(ignoring_sigint, child_env()) as (proc, output):
        pids = _pids(output)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0, output.text
    assert "stopping ..." in output.text
    for pid in pids:
        assert wait_dead(pid)


def test_children_die_with_a_killed_supervisor() -> None:
    with spawned([sys.executable, "-c", _SUPERVISED], child_env()) as (proc, output):
        pids = _pids(output)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=15)
    # No cleanup ran; the kernel's parent-death signal (PR_SET_PDEATHSIG) stops the children.
    for pid in pids:
        assert wait_dead(pid)
