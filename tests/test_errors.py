"""truceline's own errors are one family, so an interface can tell them from bugs."""

from __future__ import annotations

import importlib
import pkgutil

import truceline
from truceline.errors import TrucelineError


def _project_exceptions() -> set[type[BaseException]]:
    for module in pkgutil.walk_packages(truceline.__path__, "truceline."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found: set[type[BaseException]] = set()
    pending = [BaseException]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("truceline."):
                found.add(sub)
    return found


def test_every_error_class_of_the_project_derives_from_truceline_error():
    classes = _project_exceptions()
    assert {c.__name__ for c in classes} >= {"StoreError", "GazetteerError", "GoldError"}
    assert [c for c in classes if not issubclass(c, TrucelineError)] == []
