"""The layering contracts in pyproject.toml ([tool.importlinter], run by `make lint`) hold for the
code, and each of them refuses a deliberate violation made in a copy of the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from doorstep.core.settings import REPO_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_of_the_backend(tmp_path: Path) -> Path:
    shutil.copytree(
        REPO_ROOT / "backend" / "doorstep",
        tmp_path / "backend" / "doorstep",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "backend")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_code_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint_imports(_copy_of_the_backend(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "violation", "contract"),
    [
        (
            "core/money.py",
            "from doorstep.billing import models as _billing_models",
            "Entry points over domain modules over core (core imports no domain module)",
        ),
        (
            "portal/router.py",
            "from doorstep.billing import router as _billing_router",
            "No router imports another router",
        ),
        (
            # billing already reads properties: properties reading billing closes a cycle.
            "properties/service.py",
            "from doorstep.billing import models as _billing_models",
            "Domain packages form no import cycle",
        ),
    ],
)
def test_a_violation_breaks_its_contract(
    tmp_path: Path, module: str, violation: str, contract: str
) -> None:
    root = _copy_of_the_backend(tmp_path)
    target = root / "backend" / "doorstep" / module
    target.write_text(target.read_text() + f"\n{violation}  # noqa\n")
    result = _lint_imports(root)
    assert result.returncode != 0, result.stdout
    assert f"{contract} BROKEN" in result.stdout, result.stdout
