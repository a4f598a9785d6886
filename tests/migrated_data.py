"""What the migrations put in the test database (Wagtail's root page and collection, locales,
groups...), kept once per session so that it can be put back after a transactional test.

pytest-django (like Django's TransactionTestCase) loads the serialised data at the start of a
serialized_rollback test and flushes at its end, leaving an empty database behind. A plain
database test that follows on the same worker (pytest-xdist hands out whole files) would find
no root page; the tests' own hook (tests/conftest.py) puts the data back instead.
"""

from __future__ import annotations

import json

#: Per database alias, the serialised rows, content types first.
MIGRATED_DATA: dict[str, str] = {}


def keep() -> None:
    """Read the serialised data off the connections (set up by pytest-django's test database)."""
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            MIGRATED_DATA[connection.alias] = _content_types_first(contents)


def restore(alias: str, contents: str) -> None:
    """As TransactionTestCase does: empty the tables, forget cached content types, reload."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connections

    # reset_sequences=False: on PostgreSQL, ids restarted at 1 would clash with the reloaded rows.
    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        database=alias,
        reset_sequences=False,
        inhibit_post_migrate=True,
    )
    ContentType.objects.clear_cache()
    connections[alias].creation.deserialize_db_from_string(contents)


def restore_where_missing() -> None:
    """Put the migrated data back in every database that lost it (no root page)."""
    from wagtail.models import Page

    for alias, contents in MIGRATED_DATA.items():
        if not Page.objects.using(alias).exists():
            restore(alias, contents)


def _content_types_first(contents: str) -> str:
    """Django serialises in INSTALLED_APPS order, content types late; but a Wagtail task,
    when built, looks up (and creates) its content type, which the reloaded rows then clash
    with. Loading content types first avoids that."""
    objects = json.loads(contents)
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    return json.dumps(objects)
