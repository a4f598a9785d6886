from .index_pages import PracticeIndexPage, ThemeIndexPage, ThemePage, ThemePagePractice
from .practice import EvidenceLevel, PracticePage, PracticePageTag, PracticeStatus
from .taxonomy import Approach, TargetGroup

__all__ = [
    "Approach",
    "EvidenceLevel",
    "PracticeIndexPage",
    "PracticePage",
    "PracticePageTag",
    "PracticeStatus",
    "TargetGroup",
    "ThemeIndexPage",
    "ThemePage",
    "ThemePagePractice",
]
