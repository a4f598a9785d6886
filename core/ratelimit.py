"""An atomic per-client rate limit in the cache, keyed by a salted hash of the address.

``cache.add`` then ``cache.incr`` are each atomic in Redis and in the local-memory cache, and
the decision is taken on the value ``incr`` returns, so concurrent requests cannot all pass
a check made before any of them counted. The cache never holds the address itself.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_key(request: HttpRequest, scope: str) -> str:
    ip = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{ip}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def take(request: HttpRequest, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one request of this client; False once it is over ``limit`` in the window."""
    key = client_key(request, scope)
    if cache.add(key, 1, window_seconds):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, window_seconds)
        count = 1
    return count <= limit
