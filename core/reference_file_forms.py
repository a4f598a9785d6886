"""The image and document form bases, scoped like every admin form (references.py).

A module of their own: Wagtail's image and document forms import models, which
``references`` (imported by the models) cannot do.
"""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .references import ReferenceScopedFormMixin


class _KeepsUser:
    """Keep the ``user`` Wagtail's collection forms take (and do not store) for the check."""

    def __init__(self, *args, **kwargs) -> None:
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)


class ScopedImageForm(_KeepsUser, ReferenceScopedFormMixin, BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE"""


class ScopedDocumentForm(_KeepsUser, ReferenceScopedFormMixin, BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE"""
