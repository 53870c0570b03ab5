from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.simple_tag(takes_context=True)
def facet_url(context, name, value=""):
    """The current search with facet `name` set to `value` (removed when empty), back on page 1."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params.pop(name, None)
    if value:
        params[name] = value
    return "?" + params.urlencode()


# Said in the reader's language, as a mark on a result written in another one.
_IN_LANGUAGE = {"ky": _("In Kyrgyz"), "ru": _("In Russian"), "en": _("In English")}


@register.filter
def in_language(code):
    """«In Russian» for «ru», in the reader's language; the code itself for an unknown one."""
    return _IN_LANGUAGE.get(code, code)
