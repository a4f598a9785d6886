import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="larplattformen-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
# django-axes rejects authenticate() calls without a request, which the test client's login()
# makes; tests of the lockout itself turn it back on with override_settings(AXES_ENABLED=True).
AXES_ENABLED = False
# --- Search engine (issue 15) ---
# Tests start on the database backend whatever OPENSEARCH_URL/ELASTICSEARCH_URL say: the
# search tests choose the engine themselves (tests/search/engine_support.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
# --- end of search engine ---
# Upstream modelsearch's BackendTests run against our search backend (tests/search/
# test_database_conformance.py): its test models, and the command name those tests call.
INSTALLED_APPS = [*INSTALLED_APPS, "modelsearch.test.testapp", "tests.search.conformance_app"]  # noqa: F405
# Its migrations depend on the `modelsearch` app, which Wagtail replaces with wagtail.search;
# the test database gets its tables straight from the models instead.
MIGRATION_MODULES = {"searchtests": None}
