"""Production: base settings plus HTTPS hardening. Requires DJANGO_SECRET_KEY.

Behind a reverse proxy (nginx) that terminates TLS: it must set
X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER trusts it, so the proxy must
overwrite any value a client sends) and, for lockouts and rate limits per
visitor, pass the client address in a header named by XUNJIE_CLIENT_IP_HEADER.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, SECRET_KEY, env_bool, env_list

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): the site's own scripts carry a nonce;
# style attributes in templates need inline styles; /admin/ also allows inline
# scripts (ops.csp). Embedded videos come from the hosts in XUNJIE_CSP_FRAME_SRC.
MIDDLEWARE = [MIDDLEWARE[0], "ops.csp.SiteCSPMiddleware", *MIDDLEWARE[1:]]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *env_list("XUNJIE_CSP_FRAME_SRC")],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
