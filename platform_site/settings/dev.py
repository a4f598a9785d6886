import os

from .base import *  # noqa: F403

DEBUG = True
# A fixed key is fine for local development only; production.py demands one from the environment.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

# The development server's address (`PORT=8802 make run`): the default site is pointed at it
# (manage.py dev_site) and the admin's e-mail links use it, unless set explicitly.
DEV_SERVER_HOST = "127.0.0.1"
DEV_SERVER_PORT = os.environ.get("PORT", "8000")
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://{DEV_SERVER_HOST}:{DEV_SERVER_PORT}"
)
# `make run` has no web server in front: Django serves uploads, but never document files
# (core/media.py), as production does.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "true").strip().lower() in {"1", "true", "yes", "on"}
