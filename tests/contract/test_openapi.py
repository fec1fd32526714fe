"""The committed OpenAPI document is the contract: it must be what the app generates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from doorstep.core.settings import REPO_ROOT

COMMITTED = REPO_ROOT / "openapi" / "openapi.json"


def test_committed_openapi_matches_the_app() -> None:
    generated = subprocess.run(
        [sys.executable, "-m", "doorstep.cli", "openapi"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
    ).stdout
    assert json.loads(generated) == json.loads(Path(COMMITTED).read_text()), (
        "openapi/openapi.json is stale: run `make openapi` and commit it"
    )


def test_operation_ids_are_unique_and_follow_tag_function() -> None:
    spec = json.loads(COMMITTED.read_text())
    ids = [
        (operation["operationId"], operation.get("tags", ["default"])[0])
        for path in spec["paths"].values()
        for operation in path.values()
    ]
    assert len({operation_id for operation_id, _ in ids}) == len(ids)
    assert all(operation_id.startswith(f"{tag}_") for operation_id, tag in ids)


def test_errors_are_documented_as_problem_documents() -> None:
    spec = json.loads(COMMITTED.read_text())
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith("4"):
                    assert list(response["content"]) == ["application/problem+json"], (
                        f"{method.upper()} {path} {status}"
                    )
