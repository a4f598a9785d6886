"""The free-text tags of a practice (its "through" model for django-taggit)."""

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase


class PracticePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )
