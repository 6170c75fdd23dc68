"""The shared cache: safe access (a cache that is down is an empty one), the
site-wide content generation every cached page is keyed by, and the
middleware that caches anonymous pages, answers conditional requests and
compresses what carries no secret. README "Caching" describes the rules."""
