"""Which tabs of a page form hold its errors, said in the message at the top of the form.

Wagtail marks the fields in error, but on a phone only the open tab shows: an
error on another tab (the slug, on "Promote") stays out of sight, and the user
sees only "could not be saved" however often they try again.
"""

from django.forms.forms import NON_FIELD_ERRORS
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _


def errors_by_tab(edit_handler, form):
    """(tab heading, [error lines]) for each tab of `edit_handler` whose fields or inlines hold an error."""
    found = []
    for tab in edit_handler.children:
        options = tab.get_form_options()
        lines = [
            f"{form[name].label} — {error}"
            for name in options.get("fields") or ()
            if name in form.errors
            for error in form.errors[name]
        ]
        for name in options.get("formsets") or ():
            formset = form.formsets.get(name) if hasattr(form, "formsets") else None
            if formset is not None:
                lines.extend(_formset_errors(formset))
        if lines:
            found.append((str(tab.heading), lines))
    return found


def _formset_errors(formset):
    label = formset.model._meta.verbose_name
    lines = [f"{label} — {error}" for error in formset.non_form_errors()]
    for number, child in enumerate(formset.forms, start=1):
        for name, errors in child.errors.items():
            field = "" if name == NON_FIELD_ERRORS else f", {child[name].label}" if name in child.fields else ""
            lines.extend(f"{label} {number}{field} — {error}" for error in errors)
    return lines


def tab_errors_message(edit_handler, form):
    """The list of tabs holding errors, as HTML for the admin's messages; None when no tab holds one."""
    tabs = errors_by_tab(edit_handler, form)
    if not tabs:
        return None
    return format_html(
        '<ul class="portal-tab-errors">{}</ul>',
        format_html_join(
            "",
            "<li>{}<ul>{}</ul></li>",
            (
                (
                    _("Errors on the tab «%(tab)s»:") % {"tab": heading},
                    format_html_join("", "<li>{}</li>", ((line,) for line in lines)),
                )
                for heading, lines in tabs
            ),
        ),
    )
