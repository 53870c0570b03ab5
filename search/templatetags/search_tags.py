from django import template

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
