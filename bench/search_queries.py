"""The 200 searches of the search benchmark: what readers type, as (language, parameters).

Part of bench/search.py (imported as a sibling module, standard library only).
"""

from __future__ import annotations

import random


def fixed_queries() -> list[tuple[str, dict]]:
    sv_words = [
        "språkcafé",
        "språkcaféer",
        "mötesplats",
        "mötesplatser",
        "mötesplatsen",
        "praktik",
        "praktikplatser",
        "läxhjälp",
        "mentor",
        "mentorprogram",
        "föräldrar",
        "föräldragrupp",
        "samhällsorientering",
        "studiecirkel",
        "yrkessvenska",
        "jobbcoachning",
        "hälsoskola",
        "simskola",
        "cykelskola",
        "kulturtolk",
        "brobyggare",
        "lärlingsutbildning",
        "sommarjobb",
        "validering",
        "bostad",
        "familjecentral",
        "idrottsförening",
        "körkort",
        "företagsbesök",
        "trädgårdsprojekt",
        "skola",
        "skolorna",
        "kvinnor",
        "kvinnorna",
        "ungdomar",
        "ensamkommande",
        "nyanlända",
        "nyanländ",
        "arbetsmarknaden",
        "bibliotek",
        "biblioteket",
        "förtroende",
        "statsbidrag",
        "utvärderats",
        "samordnare",
        "förening",
        "vaccinationer",
        "tandvård",
        "psykisk hälsa",
        "digitala ärenden",
        "arbetsgivarna",
        "bostadsområdet",
        "Malmö",
        "Göteborg",
        "Örebro",
        "Kiruna",
        "Arbetsförmedlingen",
        "Röda korset",
        "IKEA",
        "modersmål",
    ]
    sv_phrases = [
        "språkcafé för kvinnor",
        "mötesplats för nyanlända",
        "läxhjälp i biblioteket",
        "praktik för ungdomar",
        "mentor för ensamkommande",
        "föräldrar och förskola",
        "hälsoskola tandvård",
        "simskola för kvinnor",
        "cykelskola Malmö",
        "jobbcoachning akademiker",
        "samhällsorientering på modersmål",
        "bostad efter arton",
        "sommarjobb ungdomar",
        "studiecirkel svenska",
        "validering av yrkeskunskaper",
        "kulturtolk skola",
        "brobyggare föräldrar",
        "praktikplatser arbetsgivarna",
        "förening med stöd av kommunen",
        "digital vägledning bibliotek",
        "trädgårdsprojekt kvinnor",
        "språkcafé Göteborg",
        "mötesplatser i stadsdelar",
        "nyanlända kvinnor arbete",
        "externt utvärderad insats",
        "ordinarie verksamhet",
        "idrottsförening barn",
        "lärlingsutbildning yrkessvenska",
        "läxhjälp syskon",
        "företagsbesök praktik",
    ]
    sv_folded = [
        "sprakcafe",
        "motesplats",
        "motesplatser",
        "laxhjalp",
        "foraldrar",
        "harnosand",
        "ornskoldsvik",
        "malmo",
        "goteborg",
        "orebro",
        "halsoskola",
        "korkort",
        "tradgard",
        "ostersund",
        "angelholm",
    ]
    sv_typos = [
        "mötesplatsr",
        "skolorma",
        "sprakkafe",
        "läxhjälpp",
        "mentorskapp",
        "föräldrr",
        "samhällsorienterng",
        "praktikplatsr",
        "cykleskola",
        "validring",
        "qwxzyvk",
        "bostadd",
    ]
    en_words = [
        "meeting place",
        "meeting places",
        "refugee",
        "refugees",
        "language cafe",
        "language café",
        "work placement",
        "homework help",
        "mentoring",
        "mentor",
        "parents",
        "civic orientation",
        "study circle",
        "job coaching",
        "health school",
        "swimming school",
        "cycling school",
        "cultural interpreter",
        "apprenticeship",
        "summer job",
        "housing",
        "family centre",
        "sports club",
        "driving licence",
        "employers",
        "schools",
        "women",
        "young people",
        "newcomers",
        "trust",
    ]
    rng = random.Random(200)
    queries: list[tuple[str, dict]] = []
    queries += [("sv", {"q": w}) for w in sv_words]  # 60
    queries += [("sv", {"q": p}) for p in sv_phrases]  # 30
    queries += [("sv", {"q": w}) for w in sv_folded]  # 15
    queries += [("sv", {"q": w}) for w in sv_typos]  # 12
    queries += [("en", {"q": w}) for w in en_words]  # 30
    # Filters, sorting and paging on common words: 38
    filters = [
        {"target_group": "women"},
        {"target_group": "youth"},
        {"approach": "mentoring"},
        {"county": "12"},
        {"county": "14"},
        {"status": "ongoing"},
        {"status": ["ended", "regular"]},
        {"evidence_level": "external"},
        {"municipality": "1280"},
        {"target_group": "parents", "county": "01"},
        {"approach": "language-cafe", "status": "ongoing"},
    ]
    common = ["språkcafé", "mötesplats", "praktik", "kvinnor", "nyanlända", "skola", "mentor"]
    for i in range(24):
        queries.append(("sv", {"q": common[i % len(common)], **filters[i % len(filters)]}))
    for i in range(7):
        queries.append(("sv", {"q": common[i], "sort": "newest"}))
    for i in range(5):
        queries.append(("sv", {"q": common[i], "page": str(2 + i)}))
    queries.append(("en", {"q": "meeting place", "target_group": "women"}))
    queries.append(("en", {"q": "refugees", "sort": "newest"}))
    # Browsing without a query (filters only): 15
    for i in range(12):
        queries.append(("sv", filters[i % len(filters)]))
    queries.append(("sv", {}))
    queries.append(("en", {}))
    queries.append(("en", {"county": "12"}))
    rng.shuffle(queries)
    if len(queries) != 200:
        raise RuntimeError(f"expected 200 searches, got {len(queries)}")
    return queries


WARMUP = [("sv", {"q": "integration"}), ("en", {"q": "integration"}), ("sv", {}), ("en", {})]
