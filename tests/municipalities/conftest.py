"""Hooks of the municipality tests (the roles world itself: tests/conftest.py)."""

from __future__ import annotations

from typing import Any

from tests.municipalities.permission_matrix import MATRICES, PLAYED, ROLES, TARGETS


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The permission matrix's size, at the end of a run that played any of its cells."""
    if not PLAYED:
        return
    actions = sum(MATRICES.values())
    parts = ", ".join(f"{name} {count}" for name, count in sorted(MATRICES.items()))
    terminalreporter.write_line(
        f"Permission matrix: {len(ROLES)} roles × {actions} actions ({parts}) × "
        f"{len(TARGETS)} targets = {len(ROLES) * actions * len(TARGETS)} cells"
    )
