"""The record's machinery: what a dependency is, how a patch replaces upstream code."""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class Dependency:
    """Upstream code we patch or call although it is not public API."""

    target: str  # dotted path of the upstream function, method or class
    fingerprint: str  # sha256 of its source (first 16 hex digits) when we last read it
    drop_when: str  # the upstream change that would let us remove this entry
    patch: Callable[[], None] | None = None  # replaces the target; None: we only call it


_originals: dict[str, Any] = {}


def _replace(target: str, make: Callable[[Any], Any]) -> None:
    """Set ``target`` (module.Class.attribute) to ``make(original)``, remembering the original."""
    module_name, class_name, attribute = target.rsplit(".", 2)
    owner = getattr(import_module(module_name), class_name)
    original = _originals.setdefault(target, getattr(owner, attribute))
    setattr(owner, attribute, make(original))


def resolve(target: str) -> Any:
    """The upstream object at ``target``: the original if we have patched it."""
    if target in _originals:
        return _originals[target]
    module_name, _, name = target.rpartition(".")
    try:
        return getattr(import_module(module_name), name)
    except ModuleNotFoundError:
        owner_module, _, owner_name = module_name.rpartition(".")
        return getattr(getattr(import_module(owner_module), owner_name), name)


def fingerprint(target: str) -> str:
    source = inspect.getsource(resolve(target))
    return hashlib.sha256(inspect.cleandoc(source).encode()).hexdigest()[:16]
