"""Login throttling around django-axes (settings: AXES_* in config/settings/base.py).

What this adds to the library: the address that is counted (REMOTE_ADDR, or
the one our own proxies wrote, never what the client claims), the 429 page in
the back office's layout, and no counting of logins that come with no request.
"""

import math

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for logins that come through HTTP.

    `authenticate()` without a request (the shell, management commands, the
    test client's `login()`) has no address to count and no visitor behind it;
    django-axes would raise there, so such logins go straight to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_address(request) -> str | None:
    """The address a login attempt is counted against.

    REMOTE_ADDR, unless NEWSROOM_TRUSTED_PROXIES proxies stand in front of the
    site, each appending the address it received from to X-Forwarded-For: then
    the entry the outermost of them wrote. Entries to its left are whatever the
    client sent, so rotating them changes nothing.
    """
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    if proxies:
        chain = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The 429 page, in the admin's layout, with how long to wait."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": math.ceil(seconds / 60),
    }
    response = TemplateResponse(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response.render()
