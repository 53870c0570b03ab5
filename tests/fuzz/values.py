"""Hostile values, by class: what a script, a crawler or a curious reader may send.

Each value is written as it appears in a query string or form body, already
percent-encoded, so that invalid UTF-8 and NUL bytes reach Django unchanged.
"""

from urllib.parse import quote


def _encoded(*values):
    return [quote(value, safe="") for value in values]


VALUE_CLASSES = {
    "unicode digits and signs": _encoded("²", "٣", "½", "−1", "＋1", "１２"),
    "huge and negative numbers": _encoded(
        "9223372036854775808", "9" * 5000, "-1", "0", "-9223372036854775809", "2147483648", "1e309"
    ),
    "invalid UTF-8": ["%ff%fe", "%c0%af", "a%80b", "%ed%a0%80"],
    "control characters": _encoded("\x00", "a\x00b", "\x1b[31m", "a\r\nb", "\x7f\x08"),
    "FTS5 syntax": _encoded('"', 'NEAR(a b, 2)', "a*", "^a", "a AND OR NOT b", '"a" "', "{a b}: c"),
    "tsquery syntax": _encoded("a & b | !c", "a:*", "a <-> b", "!!", "'", "(a", "a:ABCD"),
    "Lucene syntax": _encoded("title:x", "a~2", "[a TO b]", "\\", "/.*/", "a^10", "+a -b", "*:*"),
    "60 kB value": _encoded("ж" * 30_000, "9" * 60_000),
    "empty value": [""],
}
# Sent as the same key many times rather than as one value.
REPEATED_TIMES = 500
UNKNOWN_PARAMETER = "zz-unknown"

# Path segments where a route expects an id or a slug.
PATH_IDS = ["0", "2147483648", "9223372036854775808", "9" * 40]
PATH_SLUGS = _encoded("²", "٣", "a\x00b", "x" * 300) + ["%ff%fe"]
