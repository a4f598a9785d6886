"""The public, read-only Wagtail API v2 at /api/v2/: pages, images and documents.

The practice record is exposed whole (taxonomy, municipality, lifecycle, results, contacts'
work details as the page shows them), and practices can be filtered by locale and taxonomy:

    /api/v2/pages/?type=practices.PracticePage&locale=en&target_group=newly-arrived-adults

The field lists live in this package (serializers.py) rather than as ``api_fields`` on the
models, so that the API's shape is defined in one place next to its filters (filters.py). The
viewsets are in views.py, the router and the URLconf in urls.py. See docs/api.md.
"""
