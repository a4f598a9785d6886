"""modelsearch's rebuild command under its own name, which BackendTests calls.

Wagtail ships the same command as `update_index` (it re-exports modelsearch's) but under its
own app, because the `modelsearch` app itself is not installed in a Wagtail project.
"""

from modelsearch.management.commands.rebuild_modelsearch_index import Command  # noqa: F401
