"""StreamField blocks shared by every page type.

Headings carry an explicit level (h2–h4) and the body stream refuses skipped levels, so that
editors cannot produce an outline that screen-reader users stumble over.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/blocks/heading_block.html"
        preview_value = {"text": "Så började det", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "components/blocks/paragraph_block.html"
        preview_value = "<p>Mötesplatsen var öppen tre dagar i veckan.</p>"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    name = blocks.CharBlock(label=_("Name"), required=False, max_length=120)
    role = blocks.CharBlock(label=_("Role"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote_block.html"
        preview_value = {
            "quote": "Det viktigaste var att någon fanns på plats varje dag.",
            "name": "Anna",
            "role": "integrationssamordnare",
        }


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Value"), max_length=40, help_text=_("For example 75"))
    label = blocks.CharBlock(
        label=_("Label"), max_length=160, help_text=_("For example: people received")
    )

    class Meta:
        icon = "table"
        label = _("Key figure")
        template = "components/blocks/key_figure_block.html"
        preview_value = {"value": "75", "label": "personer togs emot"}


class KeyFiguresBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyFigureBlock(), **kwargs)

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "components/blocks/key_figures_block.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    text = ParagraphBlock(label=_("Text"))

    class Meta:
        icon = "info-circle"
        label = _("Fact box")
        template = "components/blocks/fact_box_block.html"
        preview_value = {"title": "Fakta", "text": "<p>Startade 2017.</p>"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("Defaults to the title")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "components/blocks/document_block.html"


class CaptionedImageBlock(ImageBlock):
    """Wagtail's ImageBlock asks for alt text or an explicit 'decorative' tick."""

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image_block.html"


def validate_heading_levels(stream_value) -> None:
    """Refuse an outline that skips levels (h2 → h4) or starts below h2."""
    previous = 1
    errors = {}
    for index, child in enumerate(stream_value):
        if child.block_type != "heading":
            continue
        level = int(str(child.value.get("level", "h2"))[1])
        if level > previous + 1:
            errors[index] = ValidationError(
                _("Heading level %(level)s follows level %(previous)s: do not skip levels.")
                % {"level": level, "previous": previous}
            )
        previous = level
    if errors:
        raise StreamBlockValidationError(block_errors=errors)


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    key_figures = KeyFiguresBlock()
    fact_box = FactBoxBlock()
    document = DocumentBlock()

    def clean(self, value):
        value = super().clean(value)
        validate_heading_levels(value)
        return value
