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
