"""Related practices and the learning pages at 10,000 practices: is publishing still cheap?

Builds (once; reused on later runs) a site with 10,000 Swedish practices of generated text,
each with one or two target groups and approaches from a list of twelve, spread over 50
municipalities. Then it times, over 20 runs each (median and p95, and SQL queries):

* publishing one practice: its related practices and its neighbours' lists (the work done in
  the ``page_published`` signal);
* a practice page, which reads the five stored related practices and its family tree;
* "municipalities like mine", "In numbers" and its CSV.

    .venv/bin/python bench/learning.py             # SQLite file in the temp directory
    .venv/bin/python bench/learning.py --fresh     # rebuild the data
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/larplattformen_learning_bench \\
        .venv/bin/python bench/learning.py         # PostgreSQL (created if missing)

Requests go through Django's test client in-process: server time without the network.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from common import percentile, prepare_database, use_project

DEFAULT_DB = Path(tempfile.gettempdir()) / "larplattformen-learning-bench.sqlite3"
RUNS = 20
PRACTICES = 10_000
MUNICIPALITIES = 50

use_project()

WORDS = """
nyanlända språkcafé mötesplats volontärer föreningar samhällsinformation praktik arbete
mentor mentorskap läxhjälp skola förskola barn unga familjer kvinnor hälsa vård bostad boende
etablering arbetsförmedlingen migrationsverket kommunen regionen samverkan nätverk kultur idrott
fritid bibliotek studiecirkel svenska språk undervisning yrkessvenska validering utbildning
företag anställning jobb handledning coachning samhällsorientering föräldrar trygghet
integration landsbygd byar stad stadsdel grannar träffar fika matlagning trädgård natur
cykel simskola körkort digital dator telefon ekonomi budget skuld bank ansökan myndighet
tolk översättning kommunikation information broschyr film podd radio teater musik dans konst
hantverk sömnad second hand kläder mat måltid café lunch kvällar helger sommar vinter
uppföljning utvärdering resultat effekt deltagare besökare grupp individuellt stöd samtal
""".split()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark data")
    parser.add_argument("--practices", type=int, default=PRACTICES)
    return parser.parse_args()


def text(rng: random.Random, words: int) -> str:
    # Zipf-like: a few words are everywhere, most are rare, as in real descriptions.
    chosen = [WORDS[min(int(rng.paretovariate(1.2)) - 1, len(WORDS) - 1)] for _ in range(words)]
    rng.shuffle(chosen)
    return " ".join(chosen)


def build(count: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from learning.related import compute_all_lists, index_all_terms
    from municipalities.counties import COUNTY_CHOICES
    from practices.models import PracticePage
    from tests import factories

    print("Building the benchmark site (once)…")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("sv", "en")}
    tree = factories.build_site_tree(locales)
    rng = random.Random(7)
    groups = [factories.TargetGroupFactory(name=f"Målgrupp {n}", slug=f"mg-{n}") for n in range(12)]
    approaches = [
        factories.ApproachFactory(name=f"Arbetssätt {n}", slug=f"as-{n}") for n in range(12)
    ]
    counties = [code for code, _label in COUNTY_CHOICES]
    municipalities = [tree["municipality_sv"]] + [
        factories.MunicipalityPageFactory(
            parent=tree["municipality_index_sv"],
            title=f"Kommun {n}",
            slug=f"kommun-{n}",
            code=f"{counties[n % len(counties)]}{n + 50:02d}",
            county=counties[n % len(counties)],
            population=rng.randint(3_000, 900_000),
            municipality_group=rng.choice(["A1", "A2", "B3", "B4", "B5", "C6", "C7", "C8", "C9"]),
        )
        for n in range(MUNICIPALITIES - 1)
    ]
    print(f"  site and {len(municipalities)} municipalities: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    content_type = ContentType.objects.get_for_model(PracticePage)
    now = timezone.now()
    pages, parents = [], []
    for n in range(count):
        parent = municipalities[n % len(municipalities)]
        slug = f"praktik-{n}"
        pages.append(
            Page(
                title=f"{text(rng, 3).capitalize()} {n}",
                draft_title=f"Praktik {n}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, n // len(municipalities) + 1),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                locale_id=parent.locale_id,
                live=True,
                first_published_at=now - timedelta(days=rng.randint(0, 2000)),
                last_published_at=now,
            )
        )
        parents.append(parent)
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=500)
        practices = [
            PracticePage(
                page_ptr_id=page.pk,
                summary=text(rng, 25),
                challenge=f"<p>{text(rng, 60)}</p>",
                what_was_done=f"<p>{text(rng, 90)}</p>",
                results=f"<p>{text(rng, 40)}</p>",
                municipality_id=parent.pk,
                status=rng.choice(["planned", "ongoing", "ended", "regular"]),
                evidence_level="internal",
                last_verified=date.today() - timedelta(days=rng.randint(0, 700)),
                adapted_from_id=pages[rng.randrange(n)].pk
                if n > 10 and rng.random() < 0.05
                else None,
            )
            for n, (page, parent) in enumerate(zip(pages, parents, strict=True))
        ]
        fields = PracticePage._meta.local_concrete_fields
        for start in range(0, len(practices), 200):
            PracticePage.objects._insert(practices[start : start + 200], fields=fields)
        tg_through = PracticePage.target_groups.through
        ap_through = PracticePage.approaches.through
        tg_through.objects.bulk_create(
            tg_through(practicepage_id=page.pk, targetgroup_id=g.pk)
            for page in pages
            for g in rng.sample(groups, rng.randint(1, 2))
        )
        ap_through.objects.bulk_create(
            ap_through(practicepage_id=page.pk, approach_id=a.pk)
            for page in pages
            for a in rng.sample(approaches, rng.randint(1, 2))
        )
        for parent in municipalities:
            children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            Page.objects.filter(pk=parent.pk).update(numchild=children.count())
    print(f"  {count} practices: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    index_all_terms()
    print(f"  keyword vectors for all: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    compute_all_lists()
    print(f"  related practices for all (a full rebuild): {time.perf_counter() - started:.1f} s")


def summary(label: str, seconds: list[float], queries: list[int]) -> None:
    print(
        f"{label:<46} median {statistics.median(seconds) * 1000:7.1f} ms   "
        f"p95 {percentile(seconds, 0.95) * 1000:7.1f} ms   queries {min(queries)}–{max(queries)}"
    )


def measure(action: Any) -> tuple[list[float], list[int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds, queries = [], []
    for run in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action(run)
            seconds.append(time.perf_counter() - started)
        queries.append(len(captured))
    return seconds, queries


def report() -> None:
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from learning import related
    from learning.models import RelatedPractice
    from practices.models import PracticePage

    total = PracticePage.objects.live().count()
    print(f"\n{total} live practices; {RUNS} runs each\n")
    sample = list(PracticePage.objects.live().order_by("?")[:RUNS])

    seconds, queries = measure(lambda run: related.update_for_published(sample[run]))
    summary("publish: related + neighbours (signal work)", seconds, queries)
    filled = RelatedPractice.objects.filter(practice__in=sample).values("practice").distinct()
    print(f"  {filled.count()} of {len(sample)} sampled practices got related practices")

    client = Client()
    client.get(sample[0].url)  # warm the site root paths
    with translation.override("sv"):
        home = "/sv/"
    seconds, queries = measure(lambda run: client.get(home))
    summary("home page (for comparison)", seconds, queries)
    seconds, queries = measure(lambda run: client.get(sample[run].url))
    summary("practice page (related, family tree, contact)", seconds, queries)

    with translation.override("sv"):
        like = reverse("learning:like_mine")
        stats = reverse("learning:statistics")
        stats_csv = reverse("learning:statistics_csv")
    code = sample[0].municipality.code
    for label, url in (
        ("municipalities like mine", f"{like}?municipality={code}"),
        ("In numbers", stats),
        ("In numbers, CSV", stats_csv),
    ):
        seconds, queries = measure(lambda run, url=url: client.get(url))
        summary(label, seconds, queries)


def main() -> None:
    args = parse_args()
    prepare_database(DEFAULT_DB, fresh=args.fresh)
    import django

    django.setup()
    from django.db import connection

    from practices.models import PracticePage

    has_tables = "practices_practicepage" in connection.introspection.table_names()
    if args.fresh or not has_tables or not PracticePage.objects.exists():
        build(args.practices)
    print(f"Database: {connection.vendor} ({os.environ['DATABASE_URL'].split('@')[-1]})")
    report()


if __name__ == "__main__":
    main()
