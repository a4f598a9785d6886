"""The texts of the site's own pages, read from the JSON files in data/pages/.

Each file holds a page's fields in each language ("sv", "en"), streams in raw form as in the
practice files. A text may hold placeholders, {name}, for what is only known when the demo is
built (the site's contact address, today's date); fill() puts the values in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data" / "pages"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def load_page_data(name: str, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The contents of data/pages/<name>.json."""
    return json.loads((data_dir / f"{name}.json").read_text(encoding="utf-8"))


def fill(value: Any, values: Mapping[str, str]) -> Any:
    """`value` with each {name} in its strings replaced by values[name] (KeyError if unknown)."""
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda match: values[match.group(1)], value)
    if isinstance(value, list):
        return [fill(item, values) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, values) for key, item in value.items()}
    return value
