from django.apps import AppConfig


class ConformanceAppConfig(AppConfig):
    """Test-only: what upstream modelsearch's BackendTests need beyond its own test app."""

    name = "tests.search.conformance_app"
    label = "search_conformance"
