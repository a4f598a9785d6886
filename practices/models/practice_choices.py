"""The fixed choices of a practice record: its lifecycle status and its evidence level."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    ENDED = "ended", _("Ended")
    REGULAR = "regular", _("In regular operation")


class EvidenceLevel(models.TextChoices):
    NOT_EVALUATED = "not_evaluated", _("Not evaluated")
    INTERNAL = "internal", _("Followed up internally")
    EXTERNAL = "external", _("Externally evaluated")
    RESEARCH = "research", _("Research-based")
    # The record's sources say nothing about how the results were established.
    NOT_REPORTED = "not_reported", _("Not reported")
