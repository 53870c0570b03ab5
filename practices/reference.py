"""Loading the administrative map and vocabularies from `practices/reference_data/`.

The data migration calls this with historical models, and tests call it with
the real ones, so it takes the model classes as arguments.
"""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "reference_data"
NAME_FIELDS = ("name_ky", "name_ru", "name_en")


def read(name, directory=DATA_DIR):
    """Rows of one kind of reference data; municipalities may span several files."""
    rows = []
    for path in sorted(directory.glob(f"{name}*.json")):
        rows.extend(json.loads(path.read_text(encoding="utf-8")))
    return rows


def _names(row, extra=()):
    values = {field: row[field] for field in NAME_FIELDS}
    values["sort_order"] = row.get("sort_order", 0)
    for field in extra:
        if field in row:
            values[field] = row[field]
    return values


def _reform(row):
    return {
        "former_names": "\n".join(row.get("former_names") or []),
        "abolished_year": row.get("abolished_year"),
    }


def load_reference_data(models, directory=DATA_DIR):
    """Create or update every row by slug; returns how many rows of each kind it saw.

    `models` maps names (Oblast, Rayon, Municipality, ServiceType,
    FundingMechanism, BeneficiaryGroup) to model classes.
    """
    counts = {}
    oblasts = {}
    for row in read("oblasts", directory):
        oblasts[row["slug"]], _ = models["Oblast"].objects.update_or_create(
            slug=row["slug"], defaults={**_names(row), "kind": row.get("kind", "oblast")}
        )
    counts["oblasts"] = len(oblasts)

    rayons = {}
    for row in read("rayons", directory):
        rayons[row["slug"]], _ = models["Rayon"].objects.update_or_create(
            slug=row["slug"],
            defaults={**_names(row), **_reform(row), "oblast": oblasts[row["oblast"]]},
        )
    counts["rayons"] = len(rayons)

    municipalities = {}
    rows = read("municipalities", directory)
    for row in rows:
        municipalities[row["slug"]], _ = models["Municipality"].objects.update_or_create(
            slug=row["slug"],
            defaults={
                **_names(row),
                **_reform(row),
                "kind": row.get("kind", "ayil_aimak"),
                "oblast": oblasts[row["oblast"]],
                "rayon": rayons[row["rayon"]] if row.get("rayon") else None,
            },
        )
    # Successors can appear later in the files than the units merged into them.
    for row in rows:
        if row.get("successor"):
            unit = municipalities[row["slug"]]
            unit.successor = municipalities[row["successor"]]
            unit.save(update_fields=["successor"])
    for row in read("rayons", directory):
        if row.get("successor"):
            unit = rayons[row["slug"]]
            unit.successor = rayons[row["successor"]]
            unit.save(update_fields=["successor"])
    counts["municipalities"] = len(municipalities)

    for name, model, extra in (
        ("service_types", "ServiceType", ("description_ky", "description_ru", "description_en")),
        ("funding_mechanisms", "FundingMechanism", ()),
        ("beneficiary_groups", "BeneficiaryGroup", ()),
    ):
        rows = read(name, directory)
        for row in rows:
            models[model].objects.update_or_create(slug=row["slug"], defaults=_names(row, extra))
        counts[name] = len(rows)
    return counts
