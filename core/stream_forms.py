"""StreamField form fields that turn malformed POST data into a form error, not a 500.

Wagtail's blocks read their POST keys with data["…-count"], int(data["…-order"]) and the like,
so a request without a StreamField's management keys (a truncated POST, a script, a stale
form) raises MultiValueDictKeyError or ValueError inside form validation. Registered for every
StreamField of every admin model form (pages, snippets, settings) with Wagtail's
register_form_field_override, in PlatformSiteConfig.ready().
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import BlockField, BlockWidget

logger = logging.getLogger(__name__)


class _Malformed:
    """What the widget returns when the POST data cannot be read as the block's value."""

    def __repr__(self) -> str:
        return "<malformed StreamField data>"


MALFORMED = _Malformed()
MALFORMED_MESSAGE = _(
    "This content arrived incomplete and could not be read. Nothing was saved: "
    "reload the page and make your changes again."
)

# Missing keys, non-numeric counts or orders, wrong types of values.
READ_ERRORS = (KeyError, ValueError, TypeError, IndexError, AttributeError)


class TolerantBlockWidget(BlockWidget):
    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        try:
            return super().value_from_datadict(data, files, name)
        except READ_ERRORS as exc:
            logger.info("Malformed StreamField data for %s: %r", name, exc)
            return MALFORMED


class TolerantBlockField(BlockField):
    """A BlockField whose malformed data is a validation error; the form shows the saved value."""

    def __init__(self, block: Any = None, **kwargs: Any) -> None:
        if block is not None:
            kwargs.setdefault("widget", TolerantBlockWidget(block))
        super().__init__(block=block, **kwargs)

    def clean(self, value: Any) -> Any:
        if value is MALFORMED:
            raise ValidationError(MALFORMED_MESSAGE, code="malformed")
        return super().clean(value)

    def bound_data(self, data: Any, initial: Any) -> Any:
        # Re-render the form with what was saved before, as the submitted data is unusable.
        return initial if data is MALFORMED else super().bound_data(data, initial)

    def has_changed(self, initial_value: Any, data_value: Any) -> bool:
        return data_value is MALFORMED or super().has_changed(initial_value, data_value)


def register_tolerant_stream_fields() -> None:
    from wagtail.admin.forms.models import register_form_field_override
    from wagtail.fields import StreamField

    register_form_field_override(StreamField, override={"form_class": TolerantBlockField})
