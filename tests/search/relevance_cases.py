"""Queries a reader types, and the demo practices (by slug) that answer them.

Each case: (language, query, slugs of the practices that are a right first answer). The
reciprocal rank of a case is 1 / the rank of the first right answer (0 if none is in the
first 10 results); their mean is the figure tests/search/test_search_relevance.py checks.
"""

CASES: list[tuple[str, str, set[str]]] = [
    # The realistic queries of issue 16.
    ("sv", "ukrainska flyktingar", {"lokalen"}),
    ("sv", "ukrainska", {"lokalen"}),
    ("sv", "flyktingar", {"lokalen", "integration-halland"}),
    ("sv", "språkkafé", {"sprakcafe-och-drop-in"}),
    ("en", "Ukrainian", {"lokalen-meeting-place"}),
    ("en", "refugees", {"lokalen-meeting-place", "integration-halland"}),
    ("en", "countryside", {"multicultural-centres-in-the-villages"}),
    # Compounds: the part finds the whole.
    ("sv", "kafé", {"sprakcafe-och-drop-in", "mangkulturella-centrum-i-byarna"}),
    ("sv", "boende", {"infodiskar-i-etableringsboenden"}),
    ("sv", "nätverk", {"integrationsnatverk"}),
    # Inflections, diacritics, phrases and plain topics.
    ("sv", "mötesplatser", {"lokalen"}),
    ("sv", "språkcafé", {"sprakcafe-och-drop-in"}),
    ("sv", "etableringsboende", {"infodiskar-i-etableringsboenden"}),
    ("sv", "landsbygd", {"mangkulturella-centrum-i-byarna"}),
    ("sv", "byarna", {"mangkulturella-centrum-i-byarna"}),
    ("sv", "hasselby", {"infodiskar-i-etableringsboenden"}),
    ("sv", "tillfälligt skydd", {"lokalen"}),
    ("sv", "gemensamt lärande", {"integration-halland"}),
    ("en", "rural", {"multicultural-centres-in-the-villages"}),
    ("en", "language cafe", {"language-cafe-and-drop-in"}),
    ("en", "meeting place", {"lokalen-meeting-place"}),
    ("en", "transitional housing", {"info-desks-in-transitional-housing"}),
    ("en", "network", {"integration-network"}),
    ("en", "temporary protection", {"lokalen-meeting-place"}),
    ("en", "shared learning", {"integration-halland"}),
]
