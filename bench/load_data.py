"""The load test's database: the demo site, N generated practices, fresh statistics, static files.

Part of bench/load.py. generate_practices() runs in a Django process of its own, started as
`load.py --generate N`; the rest only starts manage.py and talks to PostgreSQL with psycopg.
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from pathlib import Path

from common import REPO, connect, create_postgres_database, use_project
from load_server import PYTHON, production_env

# `load.py --generate N` runs generate_practices() in a Django process of its own.
LOAD_SCRIPT = Path(__file__).with_name("load.py")

WORDS = (
    "skola skolorna språk språkcafé mötesplats mötesplatser arbete arbetsgivare praktik "
    "praktikplats föräldrar föräldraskap hälsa hälsokommunikatör bostad boende mentor "
    "mentorer svenska svenskundervisning nyanlända ungdomar samhällsorientering idrott "
    "förening föreningar bibliotek jobb validering kvinnor män studiecirkel integration "
    "kommun kommunen region samverkan Arbetsförmedlingen Migrationsverket volontärer "
    "uppföljning resultat deltagare utbildning yrkesutbildning vård omsorg lärling "
    "introduktion etablering nätverk kultur fritid läxhjälp barn familj"
).split()


def manage(*args: str, env: dict[str, str], quiet: bool = True) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def dev_env(database_url: str) -> dict[str, str]:
    """The development settings on the bench database: to migrate it and fill it."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "platform_site.settings.dev",
        "DATABASE_URL": database_url,
    }


def collect_static(database_url: str, static_root: Path) -> None:
    """The production settings' static files, collected into `static_root` for WhiteNoise."""
    manage(
        "collectstatic",
        "--noinput",
        env={**production_env(database_url, 0, ""), "STATIC_ROOT": str(static_root)},
    )


def generate_practices(target: int) -> None:
    """Runs inside a Django process (--generate): adds practices until there are `target`."""
    use_project()  # run as a script, bench/ is on the path, not the project
    import django

    django.setup()
    from datetime import date, timedelta

    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings
    from django.utils import timezone
    from wagtail.models import Locale

    from municipalities.models import MunicipalityPage
    from practices.models import Approach, PracticePage, TargetGroup
    from practices.models.practice import EvidenceLevel, PracticeStatus

    rng = random.Random(20260101)
    sv = Locale.objects.get(language_code="sv")
    existing = PracticePage.objects.filter(locale=sv).count()
    missing = target - existing
    if missing <= 0:
        print(f"  {existing} Swedish practices already there")
        return
    municipalities = list(MunicipalityPage.objects.live().filter(locale=sv))
    groups = list(TargetGroup.objects.filter(locale=sv))
    approaches = list(Approach.objects.filter(locale=sv))
    statuses = list(PracticeStatus.values)
    evidence_levels = list(EvidenceLevel.values)

    def sentence(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    # Index once at the end instead of after every save: far faster for 10,000 pages.
    backends = {
        name: {**conf, "AUTO_UPDATE": False}
        for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    started = time.monotonic()
    group_links, approach_links = [], []
    now = timezone.now()
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        for i in range(existing, target):
            parent = municipalities[i % len(municipalities)]
            page = PracticePage(
                title=f"{sentence(3)[:-1]} {i}",
                slug=f"bench-{i}",
                summary=sentence(18),
                challenge=f"<p>{sentence(40)}</p>",
                what_was_done=f"<p>{sentence(60)}</p><p>{sentence(40)}</p>",
                results=f"<p>{sentence(30)}</p>",
                lessons_learned=f"<p>{sentence(30)}</p>",
                status=rng.choice(statuses),
                evidence_level=rng.choice(evidence_levels),
                last_verified=date(2025, 1, 1) + timedelta(days=rng.randrange(365)),
                first_published_at=now - timedelta(minutes=i),
                last_published_at=now - timedelta(minutes=i),
                live=True,
                locale=sv,
            )
            parent.add_child(instance=page)
            for group in rng.sample(groups, k=min(2, len(groups))):
                group_links.append(
                    PracticePage.target_groups.through(practicepage=page, targetgroup=group)
                )
            for approach in rng.sample(approaches, k=min(2, len(approaches))):
                approach_links.append(
                    PracticePage.approaches.through(practicepage=page, approach=approach)
                )
            if (i - existing) % 1000 == 999:
                print(
                    f"  {i + 1 - existing}/{missing} practices, {time.monotonic() - started:.0f} s"
                )
    PracticePage.target_groups.through.objects.bulk_create(group_links, ignore_conflicts=True)
    PracticePage.approaches.through.objects.bulk_create(approach_links, ignore_conflicts=True)
    print(f"  created {missing} practices in {time.monotonic() - started:.0f} s; indexing…")
    started = time.monotonic()
    call_command("update_index", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"  search index rebuilt in {time.monotonic() - started:.0f} s")


def prepare(database_url: str, practices: int, static_root: Path) -> None:
    print(f"Preparing {database_url} with {practices} practices")
    create_postgres_database(database_url)
    env = dev_env(database_url)
    manage("migrate", "--noinput", env=env)
    manage("load_demo", "--no-accounts", env=env)
    subprocess.run(
        [PYTHON, str(LOAD_SCRIPT), "--generate", str(practices)], cwd=REPO, env=env, check=True
    )
    collect_static(database_url, static_root)


def analyze(database_url: str) -> None:
    # From this process, which runs no Django: psycopg straight to the database.
    with connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
