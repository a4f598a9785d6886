"""Query objects understood by every backend, carrying the reader's language."""

from __future__ import annotations

from wagtail.search.query import PlainText


class LocalizedText(PlainText):
    """Plain text typed in a known language.

    Our database backend stems it in that language only (without it, a term is looked up in
    the forms of every content language). Other backends treat it as ordinary PlainText.
    """

    def __init__(self, query_string: str, language: str, operator: str = "and") -> None:
        super().__init__(query_string, operator=operator)
        self.language = language

    def __repr__(self) -> str:
        return f"<LocalizedText {self.query_string!r} language={self.language!r}>"
