from .index_pages import PracticeIndexPage, ThemeIndexPage, ThemePage, ThemePagePractice
from .practice import PracticePage
from .practice_choices import EvidenceLevel, PracticeStatus
from .practice_contacts import PracticeContact
from .practice_tags import PracticePageTag
from .taxonomy import Approach, TargetGroup

__all__ = [
    "Approach",
    "EvidenceLevel",
    "PracticeIndexPage",
    "PracticeContact",
    "PracticePage",
    "PracticePageTag",
    "PracticeStatus",
    "TargetGroup",
    "ThemeIndexPage",
    "ThemePage",
    "ThemePagePractice",
]
