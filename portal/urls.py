from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import views
from portal.static import debug_file_urlpatterns
from search import views as search_views

urlpatterns = [
    path("admin/", include("moderation.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
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
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
