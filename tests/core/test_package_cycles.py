"""Domain packages import each other in one direction only: a package that needs another's
rules calls it, and the other never reaches back (a cycle is a shape that cannot hold more).
Read from the source, function-level imports included, so a deferred import cannot hide one.

What puts everything together is left out: the entry points (``app``, ``cli``, ``worker``,
``seed``), ``core.models_registry`` (imports every model so the metadata is complete) and the
routers (HTTP glue above every domain: each uses ``auth.dependencies``, which reads agencies'
and tenants' records)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

DOORSTEP = Path(__file__).resolve().parents[2] / "backend" / "doorstep"


ASSEMBLERS = frozenset({"doorstep.core.models_registry"})


def _package(module: str) -> str | None:
    """``doorstep.payments.ledger.service`` -> ``payments``; None for a top-level module."""
    parts = module.split(".")
    if len(parts) < 2 or not (DOORSTEP / parts[1]).is_dir():
        return None
    return parts[1]


def _assembles(module: str) -> bool:
    return module in ASSEMBLERS or module.rsplit(".", 1)[-1] == "router"


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def package_imports() -> dict[str, dict[str, set[str]]]:
    """package -> imported package -> the modules that import it (for the failure message)."""
    graph: dict[str, dict[str, set[str]]] = {}
    for path in sorted(DOORSTEP.rglob("*.py")):
        module = ".".join(path.relative_to(DOORSTEP.parent).with_suffix("").parts)
        source = _package(module)
        if source is None or _assembles(module):
            continue
        graph.setdefault(source, {})
        for imported in _imports(path):
            target = _package(imported) if imported.startswith("doorstep.") else None
            if target is not None and target != source:
                graph[source].setdefault(target, set()).add(f"{module} -> {imported}")
    return graph


def cycles(graph: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """Strongly connected groups of more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# Known and still to untangle: sign-in (auth) reads agencies' staff users and tenants, and
# agencies and tenants call auth back (revoking sessions, the password policy).
KNOWN_TANGLE = frozenset({"agencies", "auth", "tenants"})


def _report(graph: dict[str, dict[str, set[str]]], group: list[str]) -> dict[str, list[str]]:
    return {a: sorted(graph[a][b]) for a in group for b in group if b in graph[a]}


def test_payments_billing_and_documents_import_one_way() -> None:
    """Billing owns allocations with the ledger that reads them; documents writes receipts and
    payments only asks the outbox for them: payments is in no cycle."""
    graph = package_imports()
    tangled = [
        _report(graph, group)
        for group in cycles(graph)
        if {"payments", "billing", "documents"} & set(group)
    ]
    assert tangled == []


def test_no_package_imports_one_that_imports_it_back() -> None:
    graph = package_imports()
    new = [_report(graph, group) for group in cycles(graph) if not set(group) <= KNOWN_TANGLE]
    assert new == []
