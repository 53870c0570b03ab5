"""The Content-Security-Policy: strict on the public site, loosened only where Wagtail's admin needs it.

Public pages load nothing but the portal's own CSS and images and run no
script at all, so their policy forbids inline code and every other origin. The
admin (under /admin/) is Wagtail's: its inline panels and date widgets carry
inline scripts and its markup uses style attributes, and its preview panel
frames the portal's own pages, so the admin's policy allows inline code and
same-origin framing, and still no other origin.

A preview (the preview panel, "view draft", a moderator's preview) renders the
public page inside the admin's request: Wagtail runs the middleware once more
for a made-up request to the page's public address. That inner pass leaves the
policy alone, so the admin's own request gives it the admin's, and the preview
panel may frame it.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from csp.utils import default_config

PUBLIC_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}

ADMIN_DIRECTIVES = {
    **PUBLIC_DIRECTIVES,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}

ADMIN_PREFIX = "/admin/"


class PortalCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = default_config(ADMIN_DIRECTIVES)
        return parts
