"""A fixed-window counter in Django's cache: enough to slow a flood from one address without
any outside service. (With several server processes, configure a shared cache.)"""

import hashlib

from django.core.cache import cache


def throttle_allows(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one more attempt for ``key`` and say whether it is within ``limit`` per window.
    The key is hashed: addresses do not sit in the cache in clear."""
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"jaga:throttle:{scope}:{digest}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        return True
    return count <= limit
