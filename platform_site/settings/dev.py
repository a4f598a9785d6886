import os

from .base import *  # noqa: F403

DEBUG = True
# A fixed key is fine for local development only; production.py demands one from the environment.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
# `make run` has no web server in front: Django serves uploads, but never document files
# (platform_site/media.py), as production does.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "true").strip().lower() in {"1", "true", "yes", "on"}
