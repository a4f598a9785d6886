"""python -m core.wagtail_patches: the current fingerprints of the upstream code we rely on."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_site.settings.dev")
django.setup()

from core.wagtail_patches import DEPENDENCIES, fingerprint  # noqa: E402 - after setup()

for dependency in DEPENDENCIES:
    sys.stdout.write(f"{fingerprint(dependency.target)}  {dependency.target}\n")
