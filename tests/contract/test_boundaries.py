"""The layering contracts in pyproject.toml ([tool.importlinter], run by `make lint`) hold for the
code, and each of them refuses a deliberate violation made in a copy of the package."""

from __future__ import annotations

import json
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


# ------------------------------------------------------------------- front ends: ESLint zones

AGENCY_SPA = REPO_ROOT / "agency-spa"
FEATURE_FILE = "src/features/invoices/api/void-invoice.ts"
ZONE_RULE = "zones/feature-boundaries"
# The app's own eslint.config.js, run on a text as if it were FEATURE_FILE, with only the zone
# rule: the type-aware rules would read the file from disk instead of the text.
LINT_TEXT = """
import { ESLint } from "eslint";
const [file, source, rule] = process.argv.slice(1);
const eslint = new ESLint({
  overrideConfig: { languageOptions: { parserOptions: { project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === rule,
});
const [result] = await eslint.lintText(source, { filePath: file });
console.log(JSON.stringify(result.messages));
"""


def test_eslint_refuses_a_feature_importing_another_feature_or_the_app_layer() -> None:
    source = "\n".join(
        [
            'import "@/features/payments/api/list-payments";',  # another feature, by alias
            'import "../../payments/api/list-payments";',  # another feature, by relative path
            'import "@/app/AppRoutes";',  # the app layer
            'import "../api/list-invoices";',  # its own feature: fine
            'import "@/lib/env";',  # shared code: fine
            "",
        ]
    )
    result = subprocess.run(
        ["node", "--input-type=module", "-e", LINT_TEXT, FEATURE_FILE, source, ZONE_RULE],
        cwd=AGENCY_SPA,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    messages = json.loads(result.stdout)
    assert [(m["line"], m["ruleId"]) for m in messages] == [
        (1, ZONE_RULE),
        (2, ZONE_RULE),
        (3, ZONE_RULE),
    ], messages
    assert "imports feature 'payments'" in messages[0]["message"]
    assert "imports the app layer" in messages[2]["message"]
