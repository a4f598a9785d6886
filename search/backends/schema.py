"""Full-text structures beside the SearchDocument table, per database.

Kept out of the Django model so that one model and one migration history serve both
databases. `install()` is idempotent: migration 0002 calls it, and so does every full
`update_index`, which also repairs the SQLite triggers should a future migration rebuild the
table (SQLite's ALTER TABLE emulation copies the table and drops its triggers).
"""

# ruff: noqa: S608 - the SQL below is built from this module's constant names only.

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "search_searchdocument"
FTS_TABLE = "search_searchdocument_fts"
FTS_COLUMNS = ("title", "summary", "body", "autocomplete")

_COLUMNS = ", ".join(FTS_COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in FTS_COLUMNS)

# Table and column names below are constants of this module; nothing comes from outside.
SQLITE_STATEMENTS = [
    # External-content FTS5 table: the text is stored once, in search_searchdocument.
    # prefix='2 3' keeps autocomplete prefix queries fast.
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        {_COLUMNS}, content='{TABLE}', content_rowid='id', tokenize='unicode61', prefix='2 3'
    )""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_OLD});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_OLD});
        INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW});
    END""",
]

SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_ai",
    f"DROP TRIGGER IF EXISTS {TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {TABLE}_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

# The 'simple' configuration only lower-cases: the text is already folded and stemmed in its
# own language, which is how one column can hold Swedish and English documents side by side.
# Weights: A title, B boosted fields (summary…), D body; ts_rank gives them 1.0 / 0.4 / 0.1.
# The autocomplete vector holds the folded title words (A, for prefixes) and the title stems
# (B, so that a whole word also finds its other forms).
POSTGRES_STATEMENTS = [
    f"""ALTER TABLE {TABLE}
        ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title), 'A')
            || setweight(to_tsvector('simple'::regconfig, summary), 'B')
            || setweight(to_tsvector('simple'::regconfig, body), 'D')
        ) STORED""",
    f"""ALTER TABLE {TABLE}
        ADD COLUMN IF NOT EXISTS autocomplete_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, autocomplete), 'A')
            || setweight(to_tsvector('simple'::regconfig, title), 'B')
        ) STORED""",
    # What ranking reads: only the title and the boosted fields, small enough to stay inline.
    f"""ALTER TABLE {TABLE}
        ADD COLUMN IF NOT EXISTS rank_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title), 'A')
            || setweight(to_tsvector('simple'::regconfig, summary), 'B')
        ) STORED""",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_vector_gin ON {TABLE} USING gin (search_vector)",
    f"""CREATE INDEX IF NOT EXISTS {TABLE}_autocomplete_gin
        ON {TABLE} USING gin (autocomplete_vector)""",
]

POSTGRES_DROP = [
    f"DROP INDEX IF EXISTS {TABLE}_autocomplete_gin",
    f"DROP INDEX IF EXISTS {TABLE}_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS autocomplete_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS rank_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]


def install(connection: BaseDatabaseWrapper) -> None:
    statements = {"sqlite": SQLITE_STATEMENTS, "postgresql": POSTGRES_STATEMENTS}.get(
        connection.vendor, []
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def ensure(connection: BaseDatabaseWrapper) -> None:
    """Install what is missing. On PostgreSQL the check comes first: ALTER TABLE would take
    an exclusive lock (and fails inside a transaction that has pending trigger events)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM information_schema.columns "
                "WHERE table_name = %s "
                "AND column_name IN ('search_vector', 'autocomplete_vector', 'rank_vector')",
                [TABLE],
            )
            if cursor.fetchone()[0] == 3:
                return
    install(connection)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def rebuild_sqlite_fts(connection: BaseDatabaseWrapper) -> None:
    """Re-read the whole content table into the FTS index and merge its segments."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
