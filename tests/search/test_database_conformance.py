"""Upstream modelsearch's BackendTests, run against our database backend.

The same suite runs on SQLite and on PostgreSQL (DATABASE_URL picks the database). Tests
skipped here, if any, are listed with their reason in docs/search.md, "Tests" (goal: none).
"""

from tests.search.conformance_support import conformance_case

TestDatabaseBackendConformance = conformance_case(
    "TestDatabaseBackendConformance", {"BACKEND": "search.backends.database"}
)
