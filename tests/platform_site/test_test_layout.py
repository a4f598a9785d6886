"""The tests mirror the code (tests/<app>/test_<module>.py), and pytest can import them all.

Test folders without an __init__.py share one module namespace: two test files with the same
name in such folders stop the whole run at collection. This walk finds that before CI does.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent


def test_test_modules_outside_packages_have_unique_names() -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    for path in TESTS.rglob("test_*.py"):
        if not (path.parent / "__init__.py").exists():
            by_name[path.name].append(str(path.relative_to(TESTS)))
    clashes = {name: paths for name, paths in by_name.items() if len(paths) > 1}
    assert not clashes, f"rename one of each, or make the folder a package: {clashes}"


def test_no_folder_is_named_after_a_work_package() -> None:
    folders = {path.name for path in TESTS.iterdir() if path.is_dir() and path.name[0] != "_"}
    assert not folders & {"production", "ecosystem", "gaps", "issues"}, folders
