"""Benchmark of the practice search: the real search view against the raw full-text SQL.

Builds a fresh database with N synthetic practices (realistic Swedish text, a quarter of them
also translated into English, spread over 60 municipalities in 21 counties and a curated
taxonomy), rebuilds the search index with `update_index`, then sends 200 fixed searches
through the search view with Django's test client (middleware, templates, facets, logging:
everything a reader's request does) and runs the same searches as bare full-text SQL (match,
rank, top 12 and total) on the same database. It prints p50/p95/max latency, searches per
second, the index build time and the ratio of the view to the raw SQL.

    .venv/bin/python bench/search.py                     # 10,000 practices on SQLite (temp dir)
    .venv/bin/python bench/search.py --n 2000            # quicker, while developing
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/larplattformen .venv/bin/python bench/search.py
    make search-engine && .venv/bin/python bench/search.py --backend opensearch   # on the engine

With a PostgreSQL DATABASE_URL a separate database "<name>_searchbench" is created on that
server and dropped at the end (--keep keeps it); the database named in the URL is not touched.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

from common import (
    REPO,
    create_postgres_database,
    database_name,
    drop_postgres_database,
    is_postgres,
    percentile,
    refresh_planner_statistics,
    remove_sqlite,
    use_project,
    with_database_name,
)

# ------------------------------------------------------------------------------------------
# Synthetic content

MUNICIPALITIES = [
    ("0114", "Upplands Väsby", "01"),
    ("0180", "Stockholm", "01"),
    ("0127", "Botkyrka", "01"),
    ("0181", "Södertälje", "01"),
    ("0380", "Uppsala", "03"),
    ("0381", "Enköping", "03"),
    ("0480", "Nyköping", "04"),
    ("0484", "Eskilstuna", "04"),
    ("0580", "Linköping", "05"),
    ("0581", "Norrköping", "05"),
    ("0680", "Jönköping", "06"),
    ("0662", "Gislaved", "06"),
    ("0780", "Växjö", "07"),
    ("0765", "Älmhult", "07"),
    ("0880", "Kalmar", "08"),
    ("0882", "Oskarshamn", "08"),
    ("0980", "Gotland", "09"),
    ("1080", "Karlskrona", "10"),
    ("1082", "Karlshamn", "10"),
    ("1280", "Malmö", "12"),
    ("1283", "Helsingborg", "12"),
    ("1290", "Kristianstad", "12"),
    ("1281", "Lund", "12"),
    ("1315", "Hylte", "13"),
    ("1380", "Halmstad", "13"),
    ("1382", "Falkenberg", "13"),
    ("1480", "Göteborg", "14"),
    ("1490", "Borås", "14"),
    ("1488", "Trollhättan", "14"),
    ("1485", "Uddevalla", "14"),
    ("1780", "Karlstad", "17"),
    ("1781", "Kristinehamn", "17"),
    ("1880", "Örebro", "18"),
    ("1885", "Lindesberg", "18"),
    ("1980", "Västerås", "19"),
    ("1983", "Köping", "19"),
    ("2080", "Falun", "20"),
    ("2081", "Borlänge", "20"),
    ("2180", "Gävle", "21"),
    ("2184", "Hudiksvall", "21"),
    ("2280", "Härnösand", "22"),
    ("2281", "Sundsvall", "22"),
    ("2284", "Örnsköldsvik", "22"),
    ("2283", "Sollefteå", "22"),
    ("2380", "Östersund", "23"),
    ("2361", "Härjedalen", "23"),
    ("2480", "Umeå", "24"),
    ("2482", "Skellefteå", "24"),
    ("2462", "Vilhelmina", "24"),
    ("2580", "Luleå", "25"),
    ("2581", "Piteå", "25"),
    ("2584", "Kiruna", "25"),
    ("2523", "Gällivare", "25"),
    ("1984", "Arboga", "19"),
    ("0860", "Hultsfred", "08"),
    ("1060", "Olofström", "10"),
    ("1292", "Ängelholm", "12"),
    ("1489", "Alingsås", "14"),
    ("2085", "Ludvika", "20"),
    ("0686", "Eksjö", "06"),
]
TARGET_GROUPS = [
    ("women", "Nyanlända kvinnor", "Newly arrived women"),
    ("youth", "Ensamkommande ungdomar", "Unaccompanied young people"),
    ("parents", "Föräldrar", "Parents"),
    ("elderly", "Äldre nyanlända", "Older newcomers"),
    ("academics", "Akademiker", "Graduates"),
    ("children", "Barn i förskoleåldern", "Pre-school children"),
    ("unemployed", "Långtidsarbetslösa", "Long-term unemployed"),
    ("disability", "Personer med funktionsnedsättning", "People with disabilities"),
]
APPROACHES = [
    ("mentoring", "Mentorskap", "Mentoring"),
    ("language-cafe", "Språkcafé", "Language café"),
    ("work-placement", "Praktik", "Work placement"),
    ("civic-orientation", "Samhällsorientering", "Civic orientation"),
    ("sport", "Idrott och fritid", "Sport and leisure"),
    ("health", "Hälsa", "Health"),
    ("housing", "Bostad", "Housing"),
    ("validation", "Validering", "Validation of skills"),
    ("digital", "Digital delaktighet", "Digital inclusion"),
    ("parenting", "Föräldrastöd", "Parenting support"),
]
# (Swedish, English) topics; earlier ones are drawn more often (a Zipf-like spread), so some
# words are in thousands of practices and others in a few dozen.
TOPICS = [
    ("språkcafé", "language café"),
    ("mötesplats", "meeting place"),
    ("praktikplats", "work placement"),
    ("läxhjälp", "homework help"),
    ("mentorprogram", "mentoring programme"),
    ("föräldragrupp", "parents' group"),
    ("samhällsorientering", "civic orientation"),
    ("studiecirkel", "study circle"),
    ("yrkessvenska", "vocational Swedish"),
    ("jobbcoachning", "job coaching"),
    ("hälsoskola", "health school"),
    ("simskola", "swimming school"),
    ("cykelskola", "cycling school"),
    ("kulturtolk", "cultural interpreter"),
    ("brobyggare", "bridge builder"),
    ("lärlingsutbildning", "apprenticeship"),
    ("sommarjobb", "summer job"),
    ("valideringsinsats", "skills validation"),
    ("bostadsskola", "housing school"),
    ("familjecentral", "family centre"),
    ("idrottsförening", "sports club"),
    ("körkortsutbildning", "driving licence course"),
    ("företagsbesök", "company visit"),
    ("digital vägledning", "digital guidance"),
    ("trädgårdsprojekt", "garden project"),
]
PARTNERS = [
    "Arbetsförmedlingen",
    "Migrationsverket",
    "Region",
    "Länsstyrelsen",
    "Studieförbundet Vuxenskolan",
    "ABF",
    "Röda korset",
    "Rädda barnen",
    "Svenska kyrkan",
    "IKEA",
    "Folkhögskolan",
    "Biblioteket",
]

SV_SENTENCES = [
    "Deltagarna träffas på {topic_def} varje vecka tillsammans med {group}.",
    "Många av {group} hade inte tidigare haft kontakt med arbetsmarknaden i Sverige.",
    "Skolorna i kommunen samarbetar med socialtjänsten kring {topic}.",
    "Vi började med en liten grupp och har nu flera {topic_pl} i olika stadsdelar.",
    "Tillsammans med {partner} erbjuder vi {topic} på svenska och modersmål.",
    "Utmaningen var att nå de nyanlända som inte deltog i någon annan verksamhet.",
    "Efter ett år hade {number} deltagare fått arbete eller börjat studera.",
    "Mötesplatserna blev en naturlig plats för samtal om vardagen i kommunen.",
    "Föräldrarna fick information om förskolan, skolan och fritidsverksamheten.",
    "Vi lärde oss att det behövs tid för att bygga förtroende med deltagarna.",
    "Det som inte fungerade var att ha träffarna på dagtid när många arbetade.",
    "Projektet finansierades med statsbidrag och kommunens egna medel.",
    "Insatsen har utvärderats externt och resultaten är lovande.",
    "Kvinnorna i gruppen ville framför allt träna på att tala svenska.",
    "Ungdomarna fick en mentor som de träffade varannan vecka under terminen.",
    "Bibliotekets personal hjälpte till med digitala ärenden och språkstöd.",
    "Samarbetet med {partner} gjorde det lättare att hitta praktikplatser.",
    "Flera av deltagarna har i dag egna {topic_pl} i bostadsområdet.",
    "Kommunen har sedan dess gjort {topic} till en del av den ordinarie verksamheten.",
    "Det krävs en samordnare på halvtid och lokaler som är lätta att hitta.",
    "I en mindre kommun kan insatsen drivas av en förening med stöd av kommunen.",
    "Hälsoskolan tog upp frågor om tandvård, vaccinationer och psykisk hälsa.",
    "Barnen fick läxhjälp medan föräldrarna deltog i samhällsorienteringen.",
    "Vi har följt upp {number} deltagare och de flesta är nöjda med stödet.",
    "Integrationen går snabbare när nyanlända får ett nätverk på orten.",
    "Arbetsgivarna uppskattade att deltagarna hade förberetts inför praktiken.",
    "Språkcaféet lockade både nyanlända och personer som bott länge i Sverige.",
    "Ensamkommande ungdomar fick stöd att hitta boende efter arton års ålder.",
    "Vi anpassade materialet efter deltagarnas erfarenheter och behov.",
    "Träffarna hölls i {place} och annonserades via skolor och föreningar.",
]
EN_SENTENCES = [
    "Participants meet at the {topic} every week together with {group}.",
    "Many of the {group} had no previous contact with the labour market in Sweden.",
    "The schools in the municipality work with social services on {topic}.",
    "We started with a small group and now run several {topic_pl} in different districts.",
    "Together with {partner} we offer {topic} in Swedish and in mother tongues.",
    "The challenge was to reach newcomers who took part in no other activity.",
    "After one year {number} participants had found work or started studying.",
    "The meeting places became a natural place to talk about everyday life.",
    "Parents were told about pre-school, school and leisure activities.",
    "We learned that it takes time to build trust with the participants.",
    "What did not work was holding the meetings in the daytime when many were working.",
    "The project was funded by a state grant and the municipality's own budget.",
    "The work has been evaluated externally and the results are promising.",
    "The women in the group above all wanted to practise speaking Swedish.",
    "The young people had a mentor whom they met every other week.",
    "Library staff helped with digital errands and language support.",
    "Working with {partner} made it easier to find work placements.",
    "Refugees and other newcomers get a network in the local community.",
    "The municipality has since made {topic} part of its regular services.",
    "It takes a half-time coordinator and premises that are easy to find.",
    "Employers appreciated that participants had been prepared for the placement.",
    "Unaccompanied minors were helped to find housing after turning eighteen.",
    "The meetings were held in {place} and announced through schools and clubs.",
]
SV_TITLES = [
    "{Topic} för {group}",
    "{Topic} i {place}",
    "{Topic} och {topic2}",
    "Från {topic} till arbete",
    "{Topic} för {group} i {place}",
    "Nya vägar: {topic}",
]
EN_TITLES = [
    "{Topic} for {group}",
    "{Topic} in {place}",
    "{Topic} and {topic2}",
    "From {topic} to work",
    "{Topic} for {group} in {place}",
    "New paths: {topic}",
]
SV_PLURALS = {
    "mötesplats": "mötesplatser",
    "språkcafé": "språkcaféer",
    "studiecirkel": "studiecirklar",
}
SV_DEFINITE = {"mötesplats": "mötesplatsen", "språkcafé": "språkcaféet", "bibliotek": "biblioteket"}


class Writer:
    """Deterministic synthetic text in Swedish and English about one practice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        weights = [1 / (rank + 1) for rank in range(len(TOPICS))]
        self.topic_weights = weights

    def topic(self) -> int:
        return self.rng.choices(range(len(TOPICS)), weights=self.topic_weights)[0]

    def slots(self, language: str, topic: int, topic2: int, group: str, place: str) -> dict:
        sv, en = TOPICS[topic]
        word = sv if language == "sv" else en
        return {
            "topic": word,
            "Topic": word[:1].upper() + word[1:],
            "topic2": (TOPICS[topic2][0] if language == "sv" else TOPICS[topic2][1]),
            "topic_pl": SV_PLURALS.get(sv, sv) if language == "sv" else en + "s",
            "topic_def": SV_DEFINITE.get(sv, sv) if language == "sv" else en,
            "group": group.lower(),
            "place": place,
            "partner": self.rng.choice(PARTNERS),
            "number": self.rng.randrange(8, 240),
        }

    def sentences(self, language: str, count: int, slots: dict) -> str:
        bank = SV_SENTENCES if language == "sv" else EN_SENTENCES
        return " ".join(self.rng.choice(bank).format(**slots) for _ in range(count))

    def practice(self, language: str, topic: int, topic2: int, group: str, place: str) -> dict:
        slots = self.slots(language, topic, topic2, group, place)
        titles = SV_TITLES if language == "sv" else EN_TITLES
        title = self.rng.choice(titles).format(**slots)
        para = self.sentences
        heading = "Så gjorde vi" if language == "sv" else "How we did it"
        return {
            "title": title[:250],
            "summary": para(language, 2, slots)[:400],
            "challenge": f"<p>{para(language, 3, slots)}</p>",
            "what_was_done": f"<p>{para(language, 4, slots)}</p><p>{para(language, 3, slots)}</p>",
            "results": f"<p>{para(language, 3, slots)}</p>",
            "lessons_learned": f"<p>{para(language, 2, slots)}</p>",
            "what_did_not_work": f"<p>{para(language, 1, slots)}</p>",
            "transferability": f"<p>{para(language, 2, slots)}</p>",
            "body": [
                {
                    "type": "heading",
                    "value": {"text": heading, "level": "h2"},
                    "id": str(uuid.uuid4()),
                },
                {
                    "type": "paragraph",
                    "value": f"<p>{para(language, 4, slots)}</p>",
                    "id": str(uuid.uuid4()),
                },
            ],
            "partners": [
                {
                    "type": "partner",
                    "value": {"name": slots["partner"], "kind": "authority", "role": ""},
                    "id": str(uuid.uuid4()),
                }
            ],
        }


# ------------------------------------------------------------------------------------------
# The 200 searches: what readers type. (language, parameters)


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


# ------------------------------------------------------------------------------------------
# Database


def prepare_database(url: str | None, keep: bool) -> tuple[str, callable]:
    """The database URL to use and a function that removes it afterwards."""
    if not url:
        directory = tempfile.mkdtemp(prefix="searchbench-")
        path = Path(directory) / "bench.sqlite3"

        def remove() -> None:
            if not keep:
                remove_sqlite(path)
                Path(directory).rmdir()
            else:
                print(f"kept {path}")

        return f"sqlite:///{path}", remove
    if not is_postgres(url):
        raise SystemExit("DATABASE_URL must be PostgreSQL (or unset for SQLite)")
    bench_url = with_database_name(url, f"{database_name(url)}_searchbench")
    create_postgres_database(bench_url, fresh=True)

    def drop() -> None:
        if keep:
            print(f"kept database {database_name(bench_url)}")
            return
        drop_postgres_database(bench_url)

    return bench_url, drop


# ------------------------------------------------------------------------------------------
# Building the site


def base36(number: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = alphabet[rest] + digits
    return digits.rjust(4, "0")


def build_skeleton():
    from wagtail.models import Locale, Page, Site

    from core.models import HomePage
    from municipalities.models import MunicipalityIndexPage, MunicipalityPage
    from practices.models import Approach, TargetGroup

    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = root.add_child(instance=HomePage(title="Lärplattformen", slug="sv", locale=sv))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Bench"},
    )
    index = home.add_child(
        instance=MunicipalityIndexPage(title="Kommuner", slug="kommuner", locale=sv)
    )
    home_en = home.copy_for_translation(en, copy_parents=False)
    home_en.title = "Learning platform"
    home_en.save_revision().publish()
    index_en = index.copy_for_translation(en, copy_parents=False)
    index_en.title, index_en.slug = "Municipalities", "municipalities"
    index_en.save_revision().publish()

    municipalities = {}
    for code, name, county in MUNICIPALITIES:
        page = index.add_child(
            instance=MunicipalityPage(
                title=name,
                official_name=f"{name} kommun",
                code=code,
                county=county,
                locale=sv,
            )
        )
        translation = page.copy_for_translation(en, copy_parents=False)
        translation.save_revision().publish()
        translation.refresh_from_db()
        municipalities[code] = (MunicipalityPage.objects.get(pk=page.pk), translation)

    terms = {}
    for model, rows in ((TargetGroup, TARGET_GROUPS), (Approach, APPROACHES)):
        for slug, name_sv, name_en in rows:
            term_sv = model.objects.create(slug=slug, name=name_sv, locale=sv)
            term_en = term_sv.copy_for_translation(en)
            term_en.name = name_en
            term_en.save()
            terms[(model.__name__, slug)] = (term_sv, term_en)
    return sv, en, municipalities, terms


def create_practices(n: int, english_share: float, seed: int) -> tuple[int, int]:
    """Insert practices straight into the tables (no per-page tree, revision or index work)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.models import Page

    from municipalities.models import MunicipalityPage
    from practices.models import PracticePage

    sv, en, municipalities, terms = build_skeleton()
    rng = random.Random(seed)
    writer = Writer(rng)
    content_type = ContentType.objects.get_for_model(PracticePage)
    now = timezone.now()
    english_count = int(n * english_share / (1 + english_share))
    swedish_count = n - english_count
    translated = set(rng.sample(range(swedish_count), english_count))
    codes = [code for code, _name, _county in MUNICIPALITIES]
    child_count: dict[int, int] = {}
    statuses = ["ongoing"] * 5 + ["regular"] * 3 + ["ended"] * 2 + ["planned"]
    evidence = ["not_evaluated"] * 4 + ["internal"] * 4 + ["external"] * 2 + ["research"]
    tg_slugs = [slug for slug, _a, _b in TARGET_GROUPS]
    ap_slugs = [slug for slug, _a, _b in APPROACHES]

    def plan(language: str, parent: MunicipalityPage, content: dict, meta: dict, key: uuid.UUID):
        number = child_count.get(parent.pk, 0) + 1
        child_count[parent.pk] = number
        slug = f"{slugify(content['title'])[:60]}-{number}"
        published = now - timedelta(minutes=meta["age"])
        page = Page(
            title=content["title"],
            draft_title=content["title"],
            slug=slug,
            content_type=content_type,
            path=parent.path + base36(number),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
            locale=sv if language == "sv" else en,
            translation_key=key,
        )
        child = {
            "summary": content["summary"],
            "challenge": content["challenge"],
            "what_was_done": content["what_was_done"],
            "results": content["results"],
            "lessons_learned": content["lessons_learned"],
            "what_did_not_work": content["what_did_not_work"],
            "transferability": content["transferability"],
            "body": content["body"],
            "partners": content["partners"],
            "status": meta["status"],
            "evidence_level": meta["evidence"],
            "municipality_id": parent.pk,
            "last_verified": date(2025, 1, 1) + timedelta(days=meta["age"] % 365),
        }
        return page, child

    started = time.monotonic()
    batch_pages, batch_children, links = [], [], []
    total = 0

    def flush() -> None:
        nonlocal batch_pages, batch_children, links, total
        if not batch_pages:
            return
        with transaction.atomic():
            created = Page.objects.bulk_create(batch_pages, batch_size=500)
            children = []
            for page, (child, meta, language) in zip(created, batch_children, strict=True):
                obj = PracticePage(page_ptr_id=page.pk, **child)
                children.append(obj)
                for slug in meta["target_groups"]:
                    term = terms[("TargetGroup", slug)][0 if language == "sv" else 1]
                    links.append(("tg", page.pk, term.pk))
                for slug in meta["approaches"]:
                    term = terms[("Approach", slug)][0 if language == "sv" else 1]
                    links.append(("ap", page.pk, term.pk))
                for code in meta["participants"]:
                    links.append(
                        ("mu", page.pk, municipalities[code][0 if language == "sv" else 1].pk)
                    )
            fields = PracticePage._meta.local_concrete_fields
            for start in range(0, len(children), 200):
                PracticePage._base_manager._insert(children[start : start + 200], fields=fields)
            through_tg = PracticePage.target_groups.through
            through_ap = PracticePage.approaches.through
            through_mu = PracticePage.participating_municipalities.through
            through_tg.objects.bulk_create(
                [through_tg(practicepage_id=p, targetgroup_id=t) for k, p, t in links if k == "tg"],
                batch_size=1000,
            )
            through_ap.objects.bulk_create(
                [through_ap(practicepage_id=p, approach_id=t) for k, p, t in links if k == "ap"],
                batch_size=1000,
            )
            through_mu.objects.bulk_create(
                [
                    through_mu(practicepage_id=p, municipalitypage_id=t)
                    for k, p, t in links
                    if k == "mu"
                ],
                batch_size=1000,
            )
        total += len(batch_pages)
        batch_pages, batch_children, links = [], [], []

    for i in range(swedish_count):
        code = codes[int(rng.paretovariate(1.2) * 3) % len(codes)]
        parent_sv, parent_en = municipalities[code]
        topic, topic2 = writer.topic(), writer.topic()
        while topic2 == topic:
            topic2 = writer.topic()
        group_slug = rng.choice(tg_slugs)
        group_sv = next(row for row in TARGET_GROUPS if row[0] == group_slug)
        meta = {
            "age": i * 3 + rng.randrange(3),
            "status": rng.choice(statuses),
            "evidence": rng.choice(evidence),
            "target_groups": sorted({group_slug, *rng.sample(tg_slugs, rng.randrange(0, 2))}),
            "approaches": sorted(set(rng.sample(ap_slugs, rng.randrange(1, 3)))),
            "participants": (
                sorted(set(rng.sample(codes, 2)) - {code}) if rng.random() < 0.1 else []
            ),
        }
        key = uuid.uuid4()
        content = writer.practice("sv", topic, topic2, group_sv[1], parent_sv.title)
        page, child = plan("sv", parent_sv, content, meta, key)
        batch_pages.append(page)
        batch_children.append((child, meta, "sv"))
        if i in translated:
            content = writer.practice("en", topic, topic2, group_sv[2], parent_en.title)
            page, child = plan("en", parent_en, content, meta, key)
            batch_pages.append(page)
            batch_children.append((child, meta, "en"))
        if len(batch_pages) >= 1000:
            flush()
    flush()
    for parent_pk, count in child_count.items():
        MunicipalityPage.objects.filter(pk=parent_pk).update(numchild=count)
    print(f"  inserted {total} practices in {time.monotonic() - started:.1f} s")
    return swedish_count, english_count


# ------------------------------------------------------------------------------------------
# Measuring


def summary(label: str, seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    result = {
        "label": label,
        "p50": statistics.median(ms),
        "p95": percentile(ms, 0.95),
        "max": max(ms),
        "mean": statistics.fmean(ms),
        "total": sum(seconds),
        "qps": len(seconds) / sum(seconds),
    }
    print(
        f"  {label:<22} p50 {result['p50']:7.1f} ms   p95 {result['p95']:7.1f} ms   "
        f"max {result['max']:7.1f} ms   mean {result['mean']:6.1f} ms   {result['qps']:7.1f} /s"
    )
    return result


def search_path(language: str, params: dict) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        url = reverse("search:search")
    return url + ("?" + urlencode(params, doseq=True) if params else "")


def time_view(queries: list[tuple[str, dict]]) -> tuple[list[float], list[float], list[int]]:
    """Wall-clock and CPU seconds of this process per search, and the status codes."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for language, params in WARMUP:
        client.get(search_path(language, params))
    timings, cpu, statuses = [], [], []
    for language, params in queries:
        path = search_path(language, params)
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        statuses.append(response.status_code)
    return timings, cpu, statuses


def raw_statements(queries: list[tuple[str, dict]]) -> list[list[tuple[str, list]]]:
    """For each search: the bare SQL a full-text search needs (top 12 by rank, and the total)."""
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from practices.models import PracticePage
    from search.query import LocalizedText

    backend = get_search_backend()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    statements = []
    for language, params in queries:
        base = PracticePage.objects.live().filter(locale=locales[language])
        query = params.get("q", "")
        if not query:
            top_sql, top_params = (
                base.order_by("-first_published_at").values("pk")[:12].query.sql_with_params()
            )
            count_sql, count_params = base.values("pk").query.sql_with_params()
            statements.append(
                [
                    (top_sql, list(top_params)),
                    (f"SELECT COUNT(*) FROM ({count_sql}) AS t", list(count_params)),  # noqa: S608
                ]
            )
            continue
        results = backend.search(LocalizedText(query, language), base)
        sql, sql_params, _score = results._match_sql(restrict_to_queryset=True)
        ids_sql, ids_params, _score = results._match_sql(
            restrict_to_queryset=True, with_score=False
        )
        statements.append(
            [
                (sql + " ORDER BY score DESC, object_id DESC LIMIT 12", list(sql_params)),
                (f"SELECT COUNT(*) FROM ({ids_sql}) AS matches", list(ids_params)),  # noqa: S608
            ]
        )
    return statements


def time_raw(statements: list[list[tuple[str, list]]]) -> tuple[list[float], list[float]]:
    # The same execution path as the backend (on PostgreSQL: the planner hint that keeps the
    # match on the GIN index), without anything of Django's ORM, view or templates.
    from search.backends.database.results import run_match_query

    for sql, params in statements[0]:  # warm-up
        run_match_query(sql, params)
    timings, cpu = [], []
    for group in statements:
        started, cpu_started = time.perf_counter(), time.process_time()
        for sql, params in group:
            run_match_query(sql, params)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return timings, cpu


ENGINE_RUN = REPO / "tools" / "search-engine" / "run"


def use_engine() -> None:
    """Point the default search backend at the engine (settings.test keeps the database)."""
    import runpy

    from django.conf import settings

    os.environ.setdefault("OPENSEARCH_URL", "http://127.0.0.1:9200")
    os.environ.setdefault("OPENSEARCH_INDEX_PREFIX", "bench_")
    loaded = runpy.run_path(str(REPO / "platform_site" / "settings" / "base.py"))
    settings.WAGTAILSEARCH_BACKENDS = loaded["WAGTAILSEARCH_BACKENDS"]
    print(f"search backend: OpenSearch at {os.environ['OPENSEARCH_URL']}")


def engine_documents() -> int:
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    index = backend.get_index_for_model(Page)
    index.refresh()
    return backend.es.count(index=index.name)["count"]


def node_memory() -> list[tuple[str, int]]:
    """(node, resident set size in KiB) of the running search nodes."""
    found = []
    for pidfile in sorted(ENGINE_RUN.glob("*/node-*/pid")):
        try:
            status = Path(f"/proc/{int(pidfile.read_text())}/status").read_text()
        except (OSError, ValueError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                found.append(
                    (f"{pidfile.parent.parent.name}/{pidfile.parent.name}", int(line.split()[1]))
                )
    return found


def index_megabytes() -> float:
    """Size of the search documents and their full-text index on this database."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('search_searchdocument')")
            size = cursor.fetchone()[0]
        else:
            cursor.execute(
                "SELECT SUM(LENGTH(title) + LENGTH(summary) + LENGTH(body) + LENGTH(autocomplete))"
                " FROM search_searchdocument"
            )
            size = cursor.fetchone()[0] or 0
            cursor.execute("SELECT SUM(LENGTH(block)) FROM search_searchdocument_fts_data")
            size += cursor.fetchone()[0] or 0
    return size / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="practices (both languages)")
    parser.add_argument("--english-share", type=float, default=0.25, help="translated share")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--slowest", type=int, default=0, help="list the N slowest searches")
    parser.add_argument(
        "--backend",
        choices=["database", "opensearch"],
        default="database",
        help="search backend; opensearch uses OPENSEARCH_URL (default the node of "
        "`make search-engine`) and indexes into a bench_ prefix",
    )
    args = parser.parse_args()

    url, cleanup = prepare_database(os.environ.get("DATABASE_URL"), args.keep)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "platform_site.settings.test"
    # Persistent connections, as in production: a connection per request would be measured
    # as search time.
    os.environ.setdefault("DB_CONN_MAX_AGE", "600")
    use_project()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from search.models import SearchDocument

    try:
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        started = time.monotonic()
        # run_syncdb: the test settings' apps without migrations (upstream's search test app).
        call_command("migrate", verbosity=0, run_syncdb=True)
        print(f"  migrated in {time.monotonic() - started:.1f} s")
        swedish, english = create_practices(args.n, args.english_share, args.seed)
        print(f"  practices: {swedish} in Swedish, {english} in English")
        refresh_planner_statistics()

        if args.backend == "opensearch":
            use_engine()
        started = time.monotonic()
        call_command("update_index", verbosity=0)
        index_seconds = time.monotonic() - started
        documents = engine_documents() if args.backend == "opensearch" else None
        if documents is None:
            documents = SearchDocument.objects.count()
        print(f"index build (update_index): {index_seconds:.1f} s for {documents} documents")
        print(f"index size: {index_megabytes():.1f} MB (documents, full-text index)")

        queries = fixed_queries()
        if args.backend == "opensearch":
            timings, view_cpu, statuses = time_view(queries)
            bad = [s for s in statuses if s != 200]
            print(f"{len(queries)} searches through the view on OpenSearch ({len(bad)} not 200):")
            summary("search view", timings)
            summary("  search view (CPU of this process)", view_cpu)
            print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
            for name, rss in node_memory():
                print(f"  {name}: RSS {rss / 1024:.0f} MiB")
            return 0 if not bad else 1
        load = os.getloadavg()[0]
        timings, view_cpu, statuses = time_view(queries)
        bad = [s for s in statuses if s != 200]
        print(f"{len(queries)} searches through the view ({len(bad)} not 200):")
        view = summary("search view", timings)
        if args.slowest:
            ranked = sorted(zip(timings, queries, strict=True), key=lambda r: -r[0])
            for seconds, (language, params) in ranked[: args.slowest]:
                print(f"    {seconds * 1000:7.1f} ms  {search_path(language, params)}")
        raw_timings, raw_cpu = time_raw(raw_statements(queries))
        raw = summary("raw full-text SQL", raw_timings)
        print("CPU time of this process (SQLite runs in it; PostgreSQL's server is not counted):")
        summary("  search view (CPU)", view_cpu)
        summary("  raw SQL (CPU)", raw_cpu)
        print(f"load average when timing began: {load:.1f} on {os.cpu_count()} CPUs")
        print(
            f"ratio view / raw SQL: {view['p50'] / raw['p50']:.2f} at the median, "
            f"{view['p95'] / raw['p95']:.2f} at p95, {view['total'] / raw['total']:.2f} in total"
        )
        targets = view["p95"] <= 100 and view["total"] / raw["total"] <= 3
        print(f"targets (p95 ≤ 100 ms, ratio ≤ 3): {'met' if targets else 'NOT met'}")
        return 0 if not bad else 1
    finally:
        cleanup()


if __name__ == "__main__":
    sys.exit(main())
