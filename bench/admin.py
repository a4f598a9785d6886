"""Admin speed with every Swedish municipality: is the explorer fast for an editor?

Builds (once; reused on later runs) a site with all 290 municipalities from the shared reference
list, in Swedish and English, with their editor and publisher groups, collections and
permissions (about 4,600 page-permission rows), and 10,000 practices spread over them, each
owned and last edited by one of its municipality's three editors (870 users: Wagtail's explorer
offers owners and editors as filters). Then it logs in as the editor of one municipality and
times the page explorer of that municipality and the dashboard: 20 requests each, median and
p95, and the number of SQL queries per request. The target is a p95 of at most 300 ms and a
query count that does not grow with the data.

    .venv/bin/python bench/admin.py            # SQLite file in the temp directory
    .venv/bin/python bench/admin.py --fresh    # rebuild the data
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/larplattformen_admin_bench \
        .venv/bin/python bench/admin.py        # PostgreSQL (the database is created if missing)

Requests go through Django's test client in-process: the figures are server time without the
network. Practices are inserted in bulk (no search indexing: the admin explorer does not use it).
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from common import REPO, percentile, prepare_database, refresh_planner_statistics, use_project

CSV_PATH = REPO.parent / "shared" / "data" / "municipalities.csv"
DEFAULT_DB = Path(tempfile.gettempdir()) / "larplattformen-bench.sqlite3"
REQUESTS = 20
PRACTICES = 10_000
EDITOR_SLUG = "harnosand"
AUTHORS = 3  # editors per municipality, who own and edit its practices

use_project()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="rebuild the benchmark data")
    parser.add_argument("--practices", type=int, default=PRACTICES)
    return parser.parse_args()


def timed(label: str, started: float) -> None:
    print(f"  {label}: {time.perf_counter() - started:.1f} s")


def build(practice_count: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils.text import slugify
    from wagtail.models import Locale

    from municipalities.models import MunicipalityPage
    from municipalities.permissions.groups import sync_municipality_groups
    from tests import factories

    print("Building the benchmark site (once)…")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timed("migrate", started)

    started = time.perf_counter()
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("sv", "en")}
    tree = factories.build_site_tree(locales)
    index_sv, en = tree["municipality_index_sv"], locales["en"]
    existing = set(MunicipalityPage.objects.values_list("code", flat=True))
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["municipality_code"] not in existing]
    slugs = set(MunicipalityPage.objects.values_list("slug", flat=True))
    with transaction.atomic():
        for number, row in enumerate(rows, 1):
            slug = slugify(row["municipality_name_short"])
            if slug in slugs:  # Habo and Håbo
                slug = f"{slug}-{row['municipality_code']}"
            slugs.add(slug)
            # Each new page is synced by the post_save signal: groups, collection, permissions.
            page = index_sv.add_child(
                instance=MunicipalityPage(
                    title=row["municipality_name_short"],
                    slug=slug,
                    official_name=row["municipality_name"],
                    code=row["municipality_code"],
                    county=row["county_code"],
                )
            )
            page.copy_for_translation(en, copy_parents=False).save_revision().publish()
            if number % 50 == 0:
                print(f"  … {number} municipalities")
    timed(f"{len(rows)} municipalities in sv and en, with groups", started)

    started = time.perf_counter()
    add_practices(practice_count)
    timed(f"{practice_count} practices", started)

    started = time.perf_counter()
    sync_municipality_groups()
    timed("full sync_municipality_groups()", started)

    started = time.perf_counter()
    add_authors()
    timed(f"{AUTHORS} editors per municipality, owning and editing its practices", started)


def add_practices(count: int) -> None:
    """Bulk insert: Page rows first, then the PracticePage rows that extend them."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from municipalities.models import MunicipalityPage
    from practices.models import PracticePage

    municipalities = list(
        MunicipalityPage.objects.filter(locale__language_code="sv").order_by("path")
    )
    content_type = ContentType.objects.get_for_model(PracticePage)
    now = timezone.now()
    per_municipality = math.ceil(count / len(municipalities))
    pages: list[Page] = []
    parents: list[MunicipalityPage] = []
    for n in range(count):
        parent = municipalities[n % len(municipalities)]
        position = parent.numchild + n // len(municipalities) + 1
        slug = f"praktik-{n}"
        pages.append(
            Page(
                title=f"Praktik {n} i {parent.title}",
                draft_title=f"Praktik {n} i {parent.title}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, position),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                locale_id=parent.locale_id,
                live=True,
                first_published_at=now,
                last_published_at=now,
                latest_revision_created_at=now - timedelta(minutes=n),
            )
        )
        parents.append(parent)
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=500)
        practices = [
            PracticePage(
                page_ptr_id=page.pk,
                summary="En kort sammanfattning av ett gott exempel.",
                municipality_id=parent.pk,
                status="ongoing",
                evidence_level="internal",
                last_verified=date.today(),
            )
            for page, parent in zip(pages, parents, strict=True)
        ]
        fields = PracticePage._meta.local_concrete_fields
        for start in range(0, len(practices), 200):
            PracticePage.objects._insert(practices[start : start + 200], fields=fields)
        for parent in municipalities:
            children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            Page.objects.filter(pk=parent.pk).update(numchild=children.count())
    print(f"  about {per_municipality} practices per municipality")


def add_authors() -> None:
    """Editors for each municipality, who own its practices and appear in their history."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page, PageLogEntry

    from municipalities.models import MunicipalityAccess, MunicipalityPage

    users = get_user_model()
    access_by_key = {access.translation_key: access for access in MunicipalityAccess.objects.all()}
    now = timezone.now()
    with transaction.atomic():
        for municipality in MunicipalityPage.objects.filter(locale__language_code="sv"):
            group = access_by_key[municipality.translation_key].editors
            authors = []
            for n in range(AUTHORS):
                author, _ = users.objects.get_or_create(
                    username=f"{municipality.slug}-redaktor-{n}",
                    defaults={"first_name": f"Redaktör {n}", "last_name": municipality.title},
                )
                author.groups.add(group)
                authors.append(author)
            practices = list(Page.objects.child_of(municipality).values_list("pk", "content_type"))
            for n, author in enumerate(authors):
                owned = [pk for pk, _type in practices[n::AUTHORS]]
                Page.objects.filter(pk__in=owned).update(owner=author)
            PageLogEntry.objects.bulk_create(
                PageLogEntry(
                    page_id=pk,
                    content_type_id=content_type,
                    action="wagtail.edit",
                    user=authors[n % AUTHORS],
                    label="",
                    timestamp=now,
                )
                for n, (pk, content_type) in enumerate(practices)
            )


def check(response: Any, url: str) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")


def measure(client: Any, url: str) -> dict[str, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm caches, as a running server would have them
        check(client.get(url), url)
    durations, cpu = [], []
    for _ in range(REQUESTS):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        check(response, url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    durations.sort()
    return {
        "median": statistics.median(durations),
        "p95": percentile(durations, 0.95),
        "max": durations[-1],
        # This process's CPU time: on SQLite the whole request, on PostgreSQL without the
        # database server. Less disturbed than wall time by other work on the machine.
        "cpu": statistics.median(cpu),
        "queries": len(queries.captured_queries),
    }


def report() -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from wagtail.models import GroupPagePermission

    from municipalities.models import MunicipalityAccess, MunicipalityIndexPage, MunicipalityPage
    from municipalities.permissions.roles import PROJECT_MANAGERS
    from practices.models import PracticePage

    municipality = MunicipalityPage.objects.get(slug=EDITOR_SLUG, locale__language_code="sv")
    access = MunicipalityAccess.objects.get(translation_key=municipality.translation_key)
    users = get_user_model().objects
    editor, _ = users.get_or_create(username=f"{EDITOR_SLUG}-redaktor-bench")
    editor.groups.add(access.editors)
    manager, _ = users.get_or_create(username="projektledare-bench")
    manager.groups.add(access.editors.__class__.objects.get(name=PROJECT_MANAGERS))

    print(
        f"\nData on {connection.vendor}: {MunicipalityPage.objects.count()} municipality pages, "
        f"{PracticePage.objects.count()} practices, "
        f"{access.editors.__class__.objects.count()} groups, {users.count()} users, "
        f"{GroupPagePermission.objects.count()} page-permission rows; "
        f"{municipality.get_children().count()} practices in {municipality.title}"
    )
    cases = [
        (editor, "editor: explorer of own municipality", "wagtailadmin_explore", municipality.pk),
        (editor, "editor: dashboard", "wagtailadmin_home", None),
        (
            manager,
            "project manager: explorer of the municipality index",
            "wagtailadmin_explore",
            MunicipalityIndexPage.objects.get(locale__language_code="sv").pk,
        ),
    ]
    print(f"\n{'request':56} {'median':>7} {'p95':>7} {'max':>7} {'cpu':>7} {'queries':>7}")
    for user, label, name, arg in cases:
        client = Client()
        client.force_login(user)
        url = reverse(name, args=[arg] if arg else [])
        figures = measure(client, url)
        print(
            f"{label:56} {figures['median']:5.0f}ms {figures['p95']:5.0f}ms "
            f"{figures['max']:5.0f}ms {figures['cpu']:5.0f}ms {figures['queries']:7d}"
        )
    print(
        f"\n{REQUESTS} requests each after 2 warm-up requests; wall-clock median, p95 and max, "
        "median CPU time of this process; target p95 ≤ 300 ms."
    )


def main() -> None:
    args = parse_args()
    prepare_database(DEFAULT_DB, fresh=args.fresh)
    import django

    django.setup()
    from django.core.management import call_command

    from municipalities.models import MunicipalityPage
    from practices.models import PracticePage

    call_command("migrate", verbosity=0)
    if MunicipalityPage.objects.filter(locale__language_code="sv").count() < 290:
        build(args.practices)
    elif not PracticePage.objects.exclude(owner=None).exists():
        # Data built before the practices had owners: add them rather than rebuild.
        add_authors()
    # Without fresh statistics PostgreSQL estimates one row for the 10,000 bulk-inserted pages
    # and picks a nested loop that rescans the explorable-pages subquery once per row (0.3 s
    # per query).
    refresh_planner_statistics()
    report()


if __name__ == "__main__":
    main()
