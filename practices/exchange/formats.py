"""Reading and writing the exchange formats; see docs/import-format.md.

Both formats produce the same records: dicts with the JSON keys. CSV packs
lists into single cells, so it is unpacked here and nowhere else.
"""

import csv
import io
import json

LIST_SEPARATOR = ";"
CSV_COLUMNS = [
    "external_id", "language", "title", "slug", "summary", "problem", "what_was_done",
    "results", "indicators", "start_year", "end_year", "cost_amount", "cost_currency",
    "cost_note", "funding", "partners", "locations", "service_types", "groups", "status",
    "tags", "contact_name", "contact_role", "contact_phone", "contact_email",
    "replication_steps", "replication_resources", "replication_lessons", "related", "source",
    "published",
]


class FormatError(ValueError):
    """The file as a whole cannot be read (not JSON, no header, wrong encoding)."""


def detect_format(path, requested=None):
    if requested:
        return requested
    return "csv" if str(path).lower().endswith(".csv") else "json"


def read_file(path, file_format):
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(f"the file is not UTF-8 text (byte {error.start})") from error
    return read_json(raw) if file_format == "json" else read_csv(raw)


def read_json(raw):
    """(partners, records, labels): labels name each record in error reports."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise FormatError(
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    if isinstance(data, list):
        data = {"practices": data}
    if not isinstance(data, dict) or not isinstance(data.get("practices", []), list):
        raise FormatError('expected an object with a "practices" list')
    partners = data.get("partners") or []
    if not isinstance(partners, list):
        raise FormatError('"partners" must be a list')
    records = data.get("practices", [])
    return partners, records, [f"record {n}" for n in range(1, len(records) + 1)]


def _split(cell):
    return [item.strip() for item in (cell or "").split(LIST_SEPARATOR) if item.strip()]


def read_csv(raw):
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    if not reader.fieldnames or "external_id" not in reader.fieldnames:
        raise FormatError('the first row must be a header naming the columns, with "external_id"')
    records, labels = [], []
    for row in reader:
        records.append(_record_from_row(row))
        # Line numbers as a spreadsheet shows them: the header is row 1.
        labels.append(f"row {reader.line_num}")
    return [], records, labels


def _record_from_row(row):
    get = lambda key: (row.get(key) or "").strip()  # noqa: E731
    record = {key: get(key) for key in (
        "external_id", "language", "title", "slug", "summary", "problem", "results",
        "status", "source", "published",
    )}
    for key in ("start_year", "end_year"):
        record[key] = get(key) or None
    record["what_was_done"] = [{"type": "text", "value": get("what_was_done")}] if get(
        "what_was_done"
    ) else []
    record["indicators"] = []
    for item in _split(get("indicators")):
        label, _, rest = item.partition("|")
        value, _, unit = rest.partition("|")
        record["indicators"].append({"label": label.strip(), "value": value.strip(), "unit": unit.strip()})
    record["cost"] = {
        "amount": get("cost_amount") or None,
        "currency": get("cost_currency") or "KGS",
        "note": get("cost_note"),
    }
    for key in ("funding", "service_types", "groups", "tags", "related"):
        record[key] = _split(get(key))
    record["partners"] = []
    for item in _split(get("partners")):
        slug, _, role = item.partition(":")
        record["partners"].append({"partner": slug.strip(), "role": role.strip() or "partner"})
    record["locations"] = []
    for item in _split(get("locations")):
        parts = [part.strip() for part in item.split("/")] + ["", ""]
        record["locations"].append(
            {"oblast": parts[0], "rayon": parts[1] or None, "municipality": parts[2] or None}
        )
    record["contact"] = {key: get(f"contact_{key}") for key in ("name", "role", "phone", "email")}
    steps = [line.strip() for line in get("replication_steps").splitlines() if line.strip()]
    record["replication"] = {
        "steps": [{"title": step, "text": ""} for step in steps],
        "resources": get("replication_resources"),
        "lessons": get("replication_lessons"),
    }
    return record


def write_json(stream, partners, records):
    json.dump({"partners": partners, "practices": records}, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv(stream, records):
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for record in records:
        writer.writerow(_row_from_record(record))


def _row_from_record(record):
    join = LIST_SEPARATOR.join
    cost = record.get("cost") or {}
    contact = record.get("contact") or {}
    replication = record.get("replication") or {}
    texts = []
    for block in record.get("what_was_done") or []:
        if block["type"] == "text":
            texts.append(block["value"])
        elif block["type"] == "steps":
            texts.extend(f"{n}. {s['title']}\n{s['text']}".strip() for n, s in enumerate(block["items"], 1))
        elif block["type"] == "quote":
            texts.append(f"«{block['text']}» — {block.get('author', '')}".rstrip(" —"))
    row = {key: record.get(key) or "" for key in (
        "external_id", "language", "title", "slug", "summary", "problem", "results", "status",
        "source", "published", "start_year", "end_year",
    )}
    row.update(
        {
            "what_was_done": "\n\n".join(texts),
            "indicators": join(
                f"{i['label']}|{i['value']}|{i.get('unit', '')}" for i in record.get("indicators", [])
            ),
            "cost_amount": cost.get("amount") or "",
            "cost_currency": cost.get("currency") or "",
            "cost_note": cost.get("note") or "",
            "funding": join(record.get("funding", [])),
            "service_types": join(record.get("service_types", [])),
            "groups": join(record.get("groups", [])),
            "tags": join(record.get("tags", [])),
            "related": join(record.get("related", [])),
            "partners": join(f"{p['partner']}:{p['role']}" for p in record.get("partners", [])),
            "locations": join(
                "/".join([loc["oblast"], loc.get("rayon") or "", loc.get("municipality") or ""])
                for loc in record.get("locations", [])
            ),
            "replication_steps": "\n".join(s["title"] for s in replication.get("steps", [])),
            "replication_resources": replication.get("resources") or "",
            "replication_lessons": replication.get("lessons") or "",
        }
    )
    row.update({f"contact_{key}": contact.get(key) or "" for key in ("name", "role", "phone", "email")})
    return row
