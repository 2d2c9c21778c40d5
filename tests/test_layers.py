"""The import graph keeps the plan the README draws: data flows one way.

ingest -> extract -> store -> resolve -> negotiation -> reports -> api -> web/cli,
with the record's types (``record``), the data files (``data``) and the error
base (``errors``) below them all. A back-edge here means the design is wrong,
not that the test needs an exception.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "truceline"


def _imports(path: Path) -> set[str]:
    """Every ``truceline...`` module a file imports (``from X import y`` counts as X)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("truceline"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("truceline"))
    return found


def _imports_of(package: str) -> dict[str, set[str]]:
    folder = SRC.joinpath(*package.split("."))
    files = sorted(folder.rglob("*.py")) if folder.is_dir() else [folder.with_suffix(".py")]
    return {str(p.relative_to(SRC)): _imports(p) for p in files}


def _offending(package: str, allowed: set[str]) -> list[str]:
    """Imports of ``package``'s files outside ``allowed`` top-level packages (and itself)."""
    out = []
    for file, modules in _imports_of(package).items():
        for module in modules:
            if module == "truceline":  # the package root: its version, nothing else
                continue
            top = module.split(".")[1]
            if top not in allowed and top != package.split(".")[0]:
                out.append(f"{file} imports {module}")
    return sorted(out)


@pytest.mark.parametrize(
    ("package", "allowed"),
    [
        ("record", set()),
        ("errors", set()),
        ("data", {"errors"}),
        ("ingest", {"record", "errors", "data"}),
        ("extract", {"record", "errors", "data", "ingest"}),
        ("resolve", {"record", "errors", "data"}),
        ("negotiation", {"record", "errors", "data"}),
        ("reports", {"record", "errors", "data"}),
    ],
)
def test_a_layer_imports_only_the_layers_below_it(package, allowed):
    assert _offending(package, allowed) == []


def test_web_reads_the_store_only_through_its_public_face():
    inside = [
        f"{file} imports {module}"
        for file, modules in _imports_of("web").items()
        for module in modules
        if module.startswith("truceline.store.")
    ]
    assert inside == []


def test_migrations_import_no_live_query_code():
    reached = {
        module
        for modules in _imports_of("store.migrations").values()
        for module in modules
        if module.startswith("truceline.")
    }
    assert reached <= {"truceline.store.tables", "truceline.record"}
