"""The one place where settings read environment variables."""

import os
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean (use 1/0, true/false)."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def media_storage(url: str) -> dict:
    """The STORAGES entry for uploads: the local disk when `url` is empty, or
    S3-compatible object storage from

        s3://ACCESS_KEY:SECRET_KEY@HOST[:PORT]/BUCKET[/PREFIX]?region=R&tls=1

    `tls=0` talks plain HTTP to the endpoint (a store on the same machine or
    network); no host means Amazon S3 itself. Key and secret are URL-encoded.
    """
    if not url:
        return {"BACKEND": "newsroom.media.storage.JournaledFileSystemStorage"}
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    bucket, _, prefix = parts.path.lstrip("/").partition("/")
    unknown = set(query) - {"region", "tls", "addressing"}
    if parts.scheme != "s3" or not bucket or unknown:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE_URL must read s3://KEY:SECRET@HOST:PORT/BUCKET[/PREFIX]"
            "?region=REGION&tls=0|1&addressing=path|virtual"
            + (f" (unknown: {', '.join(sorted(unknown))})" if unknown else "")
        )
    tls = query.get("tls", "1") not in _FALSE
    options = {
        "bucket_name": bucket,
        "location": prefix.strip("/"),
        "access_key": unquote(parts.username or "") or None,
        "secret_key": unquote(parts.password or "") or None,
        "region_name": query.get("region") or None,
        "addressing_style": query.get("addressing", "path"),
        "signature_version": "s3v4",
    }
    if parts.hostname:
        scheme = "https" if tls else "http"
        port = f":{parts.port}" if parts.port else ""
        options["endpoint_url"] = f"{scheme}://{parts.hostname}{port}"
        options["use_ssl"] = tls
    return {"BACKEND": "newsroom.media.object_storage.JournaledS3Storage",
            "OPTIONS": options}  # fmt: skip
