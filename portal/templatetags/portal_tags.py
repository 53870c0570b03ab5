from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from wagtail.models import Page

register = template.Library()


def _home_urls(request):
    from portal.models import HomePage

    return {
        home.locale.language_code: home.get_url(request)
        for home in HomePage.objects.live().select_related("locale")
    }


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: where the switcher sends the reader, and whether the page exists there.

    A Wagtail page goes to its own translation; the tail of the address (a
    landing page such as `oblast/batken/`) and the query string come along,
    because they are the same in every language. Where the page has no
    translation, the link goes to that language's home page and says so.
    """
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    page = context.get("page")
    translations = {}
    suffix = ""
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
        page_url = page.get_url(request) or ""
        if page_url and request.path.startswith(page_url):
            suffix = request.path[len(page_url):]
    query = request.GET.urlencode()
    homes = None
    links = []
    for code, name in settings.LANGUAGES:
        available = True
        if translations:
            translation = translations.get(code)
            if translation is not None:
                target = (translation.get_url(request) or "") + suffix
            else:
                available = False
                homes = homes if homes is not None else _home_urls(request)
                target = homes.get(code, f"/{code}/")
        else:
            target = translate_url(request.path, code)
        if available and query:
            target = f"{target}?{query}"
        links.append(
            {
                "code": code,
                "name": name,
                "current": code == current,
                "available": available,
                "url": reverse("switch_language") + "?" + urlencode({"lang": code, "next": target}),
            }
        )
    return links


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context.get("request")
    return _home_urls(request).get(get_language()) or f"/{get_language()}/"


@register.simple_tag(takes_context=True)
def practice_index_url(context):
    from practices.models import PracticeIndexPage

    request = context.get("request")
    index = (
        PracticeIndexPage.objects.live()
        .filter(locale__language_code=get_language())
        .first()
    )
    return index.get_url(request) if index else ""


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Pages editors ticked "show in menus" under the current language's home page."""
    from portal.models import HomePage

    home = HomePage.objects.live().filter(locale__language_code=get_language()).first()
    if home is None:
        return []
    return [
        page for page in home.get_children().live().in_menu().specific()
        if page.specific_class.__name__ != "PracticeIndexPage"
    ]


@register.simple_tag
def landing_url(index, kind, slug):
    return index.landing_url(kind, slug) if index else ""


@register.filter
def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)
