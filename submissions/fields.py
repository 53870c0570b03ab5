"""Form fields the share form needs beyond Django's own."""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

# Zero-width characters, direction overrides and other invisible marks come
# from copying text out of messengers and office files; they break slugs and
# search and can make a title read differently from what it says.
_INVISIBLE = {"Cc", "Cf", "Co", "Cs", "Cn"}
_KEEP = {"\n", "\t"}

MAX_LENGTH_MESSAGE = _("Please make this shorter: at most %(limit_value)s characters (now %(show_value)s).")


def tidy_text(value, multiline=False):
    """The text in NFC form, without invisible characters; one line unless `multiline`."""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        char for char in text if char in _KEEP or unicodedata.category(char) not in _INVISIBLE
    )
    if multiline:
        lines = [line.rstrip() for line in text.replace("\t", " ").split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return " ".join(text.split())


class PlainTextField(forms.CharField):
    def __init__(self, *, multiline=False, rows=6, **kwargs):
        self.multiline = multiline
        kwargs.setdefault("error_messages", {}).setdefault("max_length", MAX_LENGTH_MESSAGE)
        if multiline:
            kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.multiline:
            # A browser silently cuts pasted text at maxlength; without it,
            # the server keeps the whole text and says how much is too much.
            attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        return tidy_text(value, self.multiline) if value else value


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input, as a list; the form checks each file on its own.

    One bad photo among ten should cost the sender that photo only, so the
    field does not fail as a whole the way Django's FileField would.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [item for item in files if item and hasattr(item, "size") and hasattr(item, "name")]
