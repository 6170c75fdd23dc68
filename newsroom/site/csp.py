"""Content-Security-Policy: one policy for the public site, another for the admin.

django-csp's middleware sends ``CONTENT_SECURITY_POLICY`` (settings/base.py, the
strict public policy) on every response. Under the prefixes in
``NEWSROOM_ADMIN_CSP_PREFIXES`` it sends ``NEWSROOM_ADMIN_CONTENT_SECURITY_POLICY``
instead: CKEditor 4 writes inline event handlers and styles that no nonce can
cover, so the back office needs a looser policy than visitors get. Choosing by
path in one place (rather than a decorator on each admin view) also covers the
admin's login, 404 and 429 pages and the editor's own views.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class PathContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        """The admin's policy under its prefixes, else the public one; a view's own
        policy (django-csp's ``@csp``) still wins, and ``@csp_update`` and
        ``@csp_replace`` apply on top. Public responses always carry a nonce."""
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(tuple(settings.NEWSROOM_ADMIN_CSP_PREFIXES)):
            admin_policy = settings.NEWSROOM_ADMIN_CONTENT_SECURITY_POLICY
            parts.config = default_config(admin_policy["DIRECTIVES"])
            # A nonce in script-src or style-src would make browsers ignore
            # 'unsafe-inline', which CKEditor needs: the admin policy has none.
            parts.nonce = None
        elif parts.nonce is None:
            # Every public page carries a fresh nonce, whether or not a template
            # used `request.csp_nonce`, so the header does not depend on what
            # was rendered.
            parts.nonce = str(request.csp_nonce)
        return parts
