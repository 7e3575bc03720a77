"""Content-Security-Policy for the public site and a looser one for the admin."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

#: Wagtail's admin still writes a few inline <script> blocks (inline panels,
#: date widgets) without a nonce, so there scripts may also be inline.
ADMIN_PREFIX = "/admin/"
ADMIN_REPLACE = {"script-src": [SELF, UNSAFE_INLINE]}


class SiteCSPMiddleware(CSPMiddleware):
    """The CONTENT_SECURITY_POLICY setting, with inline scripts allowed in /admin/.

    A nonce would make browsers ignore 'unsafe-inline', so the admin gets none.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**(parts.replace or {}), **ADMIN_REPLACE}
            parts.nonce = None
        return parts
