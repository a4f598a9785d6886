"""Purge the anonymous page cache when what public pages show changes without a publish."""

from __future__ import annotations


def purge_public_pages() -> None:
    # The page cache lives in platform_site; without it there is nothing to purge.
    try:
        from core.cache import purge_page_cache
    except ImportError:
        return
    purge_page_cache()
