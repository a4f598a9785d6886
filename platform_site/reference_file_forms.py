"""The image and document form bases, scoped like every admin form (references.py).

A module of their own: Wagtail's image and document forms import models, which
``references`` (imported by the models) cannot do.
"""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .references import ReferenceScopedFormMixin


class ScopedImageForm(ReferenceScopedFormMixin, BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE"""


class ScopedDocumentForm(ReferenceScopedFormMixin, BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE"""
