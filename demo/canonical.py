"""Demo content in the form the page editor saves, and comparison that ignores the editor's keys.

Draftail stores every paragraph with a `data-block-key` and StreamField stores every block with
an `id`. Content written without them is rewritten by the editor when a page is opened, so an
untouched demo page would gain a draft (issue 12). The loader therefore passes rich text through
the editor's own converter and gives stream blocks their ids before saving, and compares content
without those keys, so that a second run neither rewrites nor duplicates anything.
"""

from __future__ import annotations

import re
from typing import Any

from wagtail import blocks
from wagtail.admin.rich_text import get_rich_text_editor_widget

_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def canonical_rich_text(
    html: str, features: list[str] | None = None, editor: str = "default"
) -> str:
    """`html` as the rich-text editor would save it unchanged."""
    if not html:
        return html
    widget = get_rich_text_editor_widget(editor, features=features)
    converter = getattr(widget, "converter", None)
    if converter is None:  # an editor that stores what it is given
        return html
    return converter.to_database_format(converter.from_database_format(html))


def canonical_stream(stream_block: blocks.StreamBlock, raw: list[dict]) -> list[dict]:
    """A raw stream with block ids and rich text as the editor saves it."""
    prepared = stream_block.get_prep_value(stream_block.to_python(raw))
    return _canonical_value(stream_block, prepared)


def _canonical_value(block: blocks.Block, value: Any) -> Any:
    if isinstance(block, blocks.RichTextBlock):
        return canonical_rich_text(value, block.features, block.editor)
    if isinstance(block, blocks.StreamBlock):
        return [
            {**item, "value": _canonical_value(block.child_blocks[item["type"]], item["value"])}
            for item in value
        ]
    if isinstance(block, blocks.ListBlock):
        return [
            {**item, "value": _canonical_value(block.child_block, item["value"])} for item in value
        ]
    if isinstance(block, blocks.StructBlock):
        return {
            name: _canonical_value(block.child_blocks[name], item)
            if name in block.child_blocks
            else item
            for name, item in value.items()
        }
    return value


def comparable(value: Any) -> Any:
    """Content without the editor's block keys and ids, for "has this text changed?"."""
    if isinstance(value, str):
        return _BLOCK_KEY.sub("", value)
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list | tuple):
        return [comparable(item) for item in value]
    return value
