"""The ``>>>`` examples in the library's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kgpub.iris", "kgpub.factsheet", "kgpub.mapping", "kgpub.query", "kgpub.rdfio", "kgpub.validate",
           "kgpub.pipeline"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_core_docstrings_have_examples() -> None:
    found = sum(doctest.testmod(importlib.import_module(m)).attempted for m in MODULES)
    assert found >= 6
