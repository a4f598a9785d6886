"""municipalities/reports.py: the "Page types usage" report names no other municipality's draft.

What the report shows each role is walked with the other admin routes
(tests/municipalities/test_permissions_admin_routes.py); this guards the way in.
"""

from __future__ import annotations


def test_the_page_types_report_runs_our_hook() -> None:
    """municipalities/reports.py reaches the report through core/wagtail_patches/'s hook: an
    upgrade that stops calling the patched method must fail here rather than silently show
    other municipalities' drafts (the patch's own fingerprint: tests/core)."""
    import inspect

    from wagtail import hooks
    from wagtail.admin.views.reports import base
    from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

    from core.wagtail_patches import PAGE_TYPES_USAGE_HOOK
    from municipalities import reports

    assert reports.hide_other_drafts in hooks.get_hooks(PAGE_TYPES_USAGE_HOOK)
    view = PageTypesUsageReportView
    assert view.decorate_paginated_queryset.__module__ == "core.wagtail_patches.views"
    assert issubclass(view, base.ReportView)
    assert "self.decorate_paginated_queryset(" in inspect.getsource(base)
