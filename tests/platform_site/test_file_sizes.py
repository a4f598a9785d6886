"""A file is a room with one purpose: no Python file outside migrations grows past ~400 lines.

Counted over every tracked Python file, so a new module is covered the day it is added.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LIMIT = 400


def tracked_python_files() -> list[Path]:
    listing = subprocess.run(  # noqa: S603 - fixed arguments
        ["git", "ls-files", "*.py"],  # noqa: S607 - git on PATH
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return [REPO / name for name in listing.stdout.split() if "/migrations/" not in name]


def test_no_python_file_is_longer_than_the_limit() -> None:
    files = tracked_python_files()
    assert len(files) > 100  # the listing worked
    too_long = {
        str(path.relative_to(REPO)): lines
        for path in files
        if path.exists() and (lines := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert too_long == {}, f"split these into modules of one purpose each: {too_long}"
