from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.health import health_report


def switch_language(request):
    """Remember the reader's language and go to the page they picked.

    The switcher is a plain link so it works without JavaScript; the cookie
    makes unprefixed addresses (a shared link to the site root) open in the
    language the reader chose last.
    """
    language = request.GET.get("lang", "")
    supported = {code for code, _name in settings.LANGUAGES}
    if language not in supported:
        language = settings.LANGUAGE_CODE
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"/{language}/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


@require_http_methods(["GET", "HEAD"])
def robots_txt(request):
    """Crawlers read the public pages, not the admin, the API, searches or the forms.

    Each language's search and forms are named outright for crawlers that do
    not understand the `*` wildcard; the sitemap must be an absolute URL.
    """
    context = {
        "language_prefixes": [code for code, _name in settings.LANGUAGES],
        "sitemap_url": request.build_absolute_uri("/sitemap.xml"),
    }
    return TemplateResponse(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@never_cache
@require_http_methods(["GET", "HEAD"])
def healthz(request):
    """For the load balancer: 503 when this instance cannot serve readers, 200 otherwise, with what is degraded."""
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == "failing" else 200)
