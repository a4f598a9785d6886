"""Queries a reader types, and the demo practices (by slug) that answer them.

The queries use only words of the demo texts, which say only what their sources say.

Each case: (language, query, slugs of the practices that are a right first answer). The
reciprocal rank of a case is 1 / the rank of the first right answer (0 if none is in the
first 10 results); their mean is the figure tests/search/test_service_relevance.py checks.
"""

CASES: list[tuple[str, str, set[str]]] = [
    # The realistic queries of issue 16.
    ("sv", "ukrainska flyktingar", {"lokalen"}),
    ("sv", "ukrainska", {"lokalen"}),
    ("sv", "flyktingar", {"lokalen", "integration-halland"}),
    ("sv", "språkkafé", {"sprakcafe-och-drop-in"}),
    ("en", "Ukrainian", {"lokalen-meeting-place"}),
    ("en", "refugees", {"lokalen-meeting-place", "integration-halland"}),
    ("en", "countryside", {"multicultural-centres-in-rural-areas"}),
    # Compounds: the part finds the whole.
    ("sv", "kafé", {"sprakcafe-och-drop-in", "mangkulturella-centrum-pa-landsbygden"}),
    ("sv", "boende", {"infodiskar-i-genomgangsbostader"}),
    ("sv", "nätverk", {"integrationsnatverk"}),
    # Inflections, diacritics, phrases and plain topics.
    # Both summaries name "mötesplatsen Lokalen" (the adaptation tells how a language café
    # replaced it): their scores tie to 0.03 %, and which comes first follows the index's
    # segment statistics, which differ with what earlier tests wrote and rolled back.
    ("sv", "mötesplatser", {"lokalen", "sprakcafe-och-drop-in"}),
    ("sv", "språkcafé", {"sprakcafe-och-drop-in"}),
    ("sv", "genomgångsbostad", {"infodiskar-i-genomgangsbostader"}),
    ("sv", "landsbygd", {"mangkulturella-centrum-pa-landsbygden"}),
    ("sv", "landsbygden", {"mangkulturella-centrum-pa-landsbygden"}),
    ("sv", "hasselby", {"infodiskar-i-genomgangsbostader"}),
    ("sv", "kriget i Ukraina", {"lokalen"}),
    ("sv", "gemensamt lärande", {"integration-halland"}),
    ("en", "rural", {"multicultural-centres-in-rural-areas"}),
    ("en", "language cafe", {"language-cafe-and-drop-in"}),
    # The language café took over Lokalen's place and role; both answer a "meeting place".
    ("en", "meeting place", {"lokalen-meeting-place", "language-cafe-and-drop-in"}),
    ("en", "transitional housing", {"info-desks-in-transitional-housing"}),
    ("en", "network", {"integration-network"}),
    ("en", "war in Ukraine", {"lokalen-meeting-place"}),
    ("en", "shared learning", {"integration-halland"}),
]
