"""The served app's cycle collector (``core.collector``), checked in a process of its own: it
changes the collector for the whole process, which the test process must keep as it is."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.live import service_env

# Builds the app as `doorstep api` does, then does what a first request to every route (and
# the first ORM statement) would build, and reports what the collector holds.
_PROBE = """
import gc, json
from fastapi.routing import iter_route_contexts
from sqlalchemy.orm import configure_mappers
from doorstep.app import create_served_app

app = create_served_app()
tracked = len(gc.get_objects())
for _ in iter_route_contexts(app.routes):
    pass
configure_mappers()
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "young_threshold": gc.get_threshold()[0],
    "built_after": len(gc.get_objects()) - tracked,
}))
"""


def test_the_served_app_sets_aside_what_start_up_built() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env=service_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    # The modules, routes, schemas and mappings (some 340,000 objects when measured).
    assert probe["frozen"] > 100_000
    assert probe["young_threshold"] == 10_000
    # The routes' handlers and the mappings were built before the freeze, not left to the
    # first requests (tens of thousands of objects the full collections would walk again).
    assert probe["built_after"] < 1_000
