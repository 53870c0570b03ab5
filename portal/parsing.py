"""Numbers, ids, slugs and queries from a request: the one place they are parsed.

Whatever a reader sends, a public page must answer without a server error and
without work that grows with what was sent. So every value is checked here
against what the database can hold: `"²".isdigit()` is True but `int("²")`
fails, `int("٣")` is 3, and an id past the integer column's range makes the
database driver raise instead of finding nothing.
"""

import re

# The largest value both SQLite and PostgreSQL store in an `integer` column;
# Wagtail's and Django's ids are at most that wide on PostgreSQL.
MAX_DB_ID = 2**31 - 1
# A query is a few words: anything longer is a paste and only slows the search down.
MAX_QUERY_CHARACTERS = 200
MAX_QUERY_WORDS = 32
# Result pages past this are never linked; a crawler asking for them gets the last one.
MAX_PAGE = 1000
# One repeated parameter (?service=a&service=b…) is read at most this many times.
MAX_PARAMETER_VALUES = 20
MAX_SLUG_LENGTH = 100

# ASCII digits only: re.ASCII keeps \d from matching ², ٣ or other scripts' digits.
# Twenty digits is wider than any 64-bit number, so no ten-thousand-digit string
# ever reaches int().
_INTEGER = re.compile(r"-?\d{1,20}", re.ASCII)
_SLUG = re.compile(r"[-\w]+")


def parse_int(value, minimum=None, maximum=None):
    """The integer `value` spells in ASCII digits, within [minimum, maximum]; otherwise None."""
    if value is None:
        return None
    text = str(value).strip()
    if not _INTEGER.fullmatch(text):
        return None
    number = int(text)
    if minimum is not None and number < minimum:
        return None
    if maximum is not None and number > maximum:
        return None
    return number


def parse_db_id(value):
    """A primary key the database can hold (1 … 2³¹ − 1), or None."""
    return parse_int(value, minimum=1, maximum=MAX_DB_ID)


def parse_page_number(value, maximum=MAX_PAGE):
    """A result page number: missing or unreadable is page 1, past `maximum` is `maximum`."""
    number = parse_int(value, minimum=1)
    if number is None:
        return 1
    return min(number, maximum)


def parse_slug(value, max_length=MAX_SLUG_LENGTH):
    """`value` when it can be a slug (letters, digits, - and _), otherwise None."""
    if value is None:
        return None
    text = str(value).strip()
    if len(text) > max_length or not _SLUG.fullmatch(text):
        return None
    return text


def clean_query(raw):
    """The one place that turns a typed query into something safe to search for.

    Printable characters only, whitespace collapsed, at most 32 words and 200
    characters; control characters separate words rather than joining them.
    """
    text = "".join(ch if ch.isprintable() else " " for ch in str(raw or ""))
    return " ".join(text.split()[:MAX_QUERY_WORDS])[:MAX_QUERY_CHARACTERS].strip()


def limited_values(params, key, limit=MAX_PARAMETER_VALUES):
    """The first `limit` values of a repeated parameter."""
    getlist = getattr(params, "getlist", None)
    if getlist is None:
        value = params.get(key)
        return [] if value is None else [value][:limit]
    return getlist(key)[:limit]


class DbIdConverter:
    """The `<db_id:…>` path converter: ids that fit the database, others are a 404."""

    regex = "[0-9]{1,10}"

    def to_python(self, value):
        number = parse_db_id(value)
        if number is None:
            # Django reads ValueError as "this route does not match".
            raise ValueError(f"{value!r} is not an id the database can hold")
        return number

    def to_url(self, value):
        return str(value)
