from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents.views import serve as document_views

from portal import views
from portal.static import debug_file_urlpatterns
from search import views as search_views

# Wagtail's own public routes, with ids read by the <db_id:…> converter: its
# patterns take any digits (even other scripts' digits), and an id past the
# database's integer range was a server error instead of a 404.
document_urls = [
    path("<db_id:document_id>/<path:document_filename>", document_views.serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<db_id:restriction_id>/",
        document_views.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
page_urls = [
    path(
        "_util/authenticate_with_password/<db_id:page_view_restriction_id>/<db_id:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    *[route for route in wagtail_urls.urlpatterns if route.name != "wagtailcore_authenticate_with_password"],
]

urlpatterns = [
    path("admin/", include("moderation.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(document_urls)),
    path("sitemap.xml", sitemap),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("language/", views.switch_language, name="switch_language"),
    path("healthz", views.healthz, name="healthz"),
    path("api/search/", search_views.search_json, name="search_json"),
    path("api/autocomplete/", search_views.autocomplete_json, name="autocomplete_json"),
]

urlpatterns += debug_file_urlpatterns()

urlpatterns += i18n_patterns(
    path("search/", search_views.search_page, name="search"),
    path("replicate/", include("replication.urls")),
    path("share/", include("submissions.urls")),
    path("", include(page_urls)),
    prefix_default_language=True,
)
