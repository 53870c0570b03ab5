"""Plain text in files, rich text on pages."""

import re
from html import escape, unescape

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


def paragraphs_to_html(text):
    """Blank lines separate paragraphs; single line breaks stay inside one."""
    parts = [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in part.splitlines()) + "</p>" for part in parts
    )


def html_to_paragraphs(html):
    text = _BLOCK_END.sub(lambda m: "\n\n" if m.group(1) else "\n", html or "")
    text = unescape(_TAG.sub("", text))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
