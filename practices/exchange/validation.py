"""Checking every record before anything is written.

Errors name the record, the field and, for reference data, the allowed values,
so whoever prepared the file can fix all of it in one pass.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify
from PIL import Image as PILImage

from practices.models import (
    BeneficiaryGroup,
    FundingMechanism,
    Municipality,
    Oblast,
    Partner,
    PracticePage,
    PracticePartner,
    PracticeStatus,
    Rayon,
    ServiceType,
)
from practices.models.pages import Currency

LANGUAGES = ("ky", "ru", "en")
MAX_TITLE = 255
MAX_SUMMARY = 400
BLOCK_TYPES = ("text", "steps", "quote")
PARTNER_KINDS = [choice for choice, _label in Partner.Kind.choices]


@dataclass
class Problem:
    label: str
    record_id: str
    field: str
    message: str

    def __str__(self):
        where = f"{self.label} ({self.record_id})" if self.record_id else self.label
        return f'{where}, field "{self.field}": {self.message}'


@dataclass
class Vocabulary:
    """Slugs of the reference data, loaded once per import."""

    oblasts: dict
    rayons: dict
    municipalities: dict
    services: dict
    funding: dict
    groups: dict
    partners: set
    existing_ids: set = field(default_factory=set)

    @classmethod
    def load(cls, file_partners=()):
        return cls(
            oblasts={o.slug: o for o in Oblast.objects.all()},
            rayons={r.slug: r for r in Rayon.objects.all()},
            municipalities={m.slug: m for m in Municipality.objects.all()},
            services={s.slug: s for s in ServiceType.objects.all()},
            funding={f.slug: f for f in FundingMechanism.objects.all()},
            groups={g.slug: g for g in BeneficiaryGroup.objects.all()},
            partners=set(Partner.objects.values_list("slug", flat=True))
            | {p.get("slug") for p in file_partners if isinstance(p, dict)},
            existing_ids=set(
                PracticePage.objects.exclude(external_id="").values_list("external_id", flat=True)
            ),
        )


def _allowed(values):
    return ", ".join(sorted(values)) or "(none defined yet)"


class RecordChecker:
    def __init__(self, vocabulary, base_dir, file_ids):
        self.vocabulary = vocabulary
        self.base_dir = Path(base_dir)
        self.file_ids = file_ids
        self.problems = []

    def check(self, label, record):
        self.problems = []
        self.label = label
        if not isinstance(record, dict):
            self.record_id = ""
            self.add("(record)", "expected an object with the practice's fields")
            return self.problems
        self.record = record
        self.record_id = f"{record.get('external_id') or '?'}/{record.get('language') or '?'}"
        self._check_required_text()
        self._check_years()
        self._check_cost()
        self._check_places()
        self._check_slug_lists()
        self._check_partners()
        self._check_blocks()
        self._check_contact()
        self._check_files()
        self._check_related()
        return self.problems

    def add(self, field_name, message):
        self.problems.append(Problem(self.label, self.record_id, field_name, message))

    def text(self, key):
        value = self.record.get(key)
        return value.strip() if isinstance(value, str) else value

    def _check_required_text(self):
        for key in ("external_id", "title", "summary"):
            value = self.text(key)
            if not value or not isinstance(value, str):
                self.add(key, "is required")
        external_id = self.text("external_id")
        if isinstance(external_id, str) and len(external_id) > 100:
            self.add("external_id", "is longer than 100 characters")
        if self.record.get("language") not in LANGUAGES:
            self.add("language", f'unknown value "{self.record.get("language")}"; allowed: '
                     + ", ".join(LANGUAGES))
        title, summary = self.text("title"), self.text("summary")
        if isinstance(title, str) and len(title) > MAX_TITLE:
            self.add("title", f"is {len(title)} characters long; at most {MAX_TITLE}")
        if isinstance(summary, str) and len(summary) > MAX_SUMMARY:
            self.add("summary", f"is {len(summary)} characters long; at most {MAX_SUMMARY}")
        slug = self.text("slug")
        if slug and slugify(slug, allow_unicode=True) != slug:
            self.add("slug", f'"{slug}" is not a valid slug; use lower-case letters, digits and hyphens')
        status = self.record.get("status")
        if status not in PracticeStatus.values:
            self.add("status", f'unknown value "{status}"; allowed: ' + ", ".join(PracticeStatus.values))
        published = self.text("published")
        if published:
            try:
                datetime.date.fromisoformat(str(published))
            except ValueError:
                self.add("published", f'"{published}" is not a date like 2019-06-17')

    def _check_years(self):
        years = {}
        for key in ("start_year", "end_year"):
            value = self.record.get(key)
            if value in (None, ""):
                continue
            try:
                years[key] = int(str(value).strip())
            except ValueError:
                self.add(key, f'"{value}" is not a year')
                continue
            if not 1991 <= years[key] <= 2100:
                self.add(key, f"{years[key]} is outside 1991–2100")
        if len(years) == 2 and years["end_year"] < years["start_year"]:
            self.add("end_year", "is before start_year")

    def _check_cost(self):
        cost = self.record.get("cost") or {}
        if not isinstance(cost, dict):
            self.add("cost", "expected an object with amount, currency and note")
            return
        amount = cost.get("amount")
        if amount not in (None, ""):
            try:
                if Decimal(str(amount).replace(" ", "").replace(",", ".")) < 0:
                    self.add("cost.amount", "cannot be negative")
            except InvalidOperation:
                self.add("cost.amount", f'"{amount}" is not a number')
        currency = cost.get("currency") or "KGS"
        if currency not in Currency.values:
            self.add("cost.currency", f'unknown value "{currency}"; allowed: ' + ", ".join(Currency.values))

    def _check_places(self):
        vocabulary = self.vocabulary
        locations = self.record.get("locations")
        if not locations or not isinstance(locations, list):
            self.add("locations", "at least one location with an oblast is required")
            return
        for number, location in enumerate(locations, 1):
            where = f"locations[{number}]"
            if not isinstance(location, dict):
                self.add(where, "expected an object with oblast, rayon and municipality")
                continue
            oblast = vocabulary.oblasts.get(location.get("oblast"))
            if oblast is None:
                self.add(f"{where}.oblast", f'unknown value "{location.get("oblast")}"; allowed: '
                         + _allowed(vocabulary.oblasts))
            rayon_slug, municipality_slug = location.get("rayon"), location.get("municipality")
            rayon = vocabulary.rayons.get(rayon_slug) if rayon_slug else None
            if rayon_slug and rayon is None:
                self.add(f"{where}.rayon", f'unknown value "{rayon_slug}"; allowed: '
                         + _allowed(s for s, r in vocabulary.rayons.items()
                                    if oblast is None or r.oblast_id == oblast.pk))
            elif rayon and oblast and rayon.oblast_id != oblast.pk:
                self.add(f"{where}.rayon", f'"{rayon_slug}" is not in oblast "{oblast.slug}"')
            municipality = vocabulary.municipalities.get(municipality_slug) if municipality_slug else None
            if municipality_slug and municipality is None:
                self.add(f"{where}.municipality", f'unknown value "{municipality_slug}"; add it under '
                         "Reference data › Municipalities first")
            elif municipality and oblast and municipality.oblast_id != oblast.pk:
                self.add(f"{where}.municipality", f'"{municipality_slug}" is not in oblast "{oblast.slug}"')
            elif municipality and rayon and municipality.rayon_id not in (None, rayon.pk):
                self.add(f"{where}.municipality", f'"{municipality_slug}" is not in rayon "{rayon.slug}"')

    def _check_slug_lists(self):
        vocabulary = self.vocabulary
        services = self.record.get("service_types")
        if not services:
            self.add("service_types", "at least one service type is required")
        for key, known in (
            ("service_types", vocabulary.services),
            ("funding", vocabulary.funding),
            ("groups", vocabulary.groups),
        ):
            values = self.record.get(key) or []
            if not isinstance(values, list):
                self.add(key, "expected a list of slugs")
                continue
            for value in values:
                if value not in known:
                    self.add(key, f'unknown value "{value}"; allowed: ' + _allowed(known))
        tags = self.record.get("tags") or []
        if not isinstance(tags, list) or any(not isinstance(t, str) or len(t) > 100 for t in tags):
            self.add("tags", "expected a list of words of at most 100 characters")

    def _check_partners(self):
        roles = PracticePartner.Role.values
        for number, link in enumerate(self.record.get("partners") or [], 1):
            where = f"partners[{number}]"
            if not isinstance(link, dict):
                self.add(where, 'expected {"partner": slug, "role": role}')
                continue
            if link.get("partner") not in self.vocabulary.partners:
                self.add(f"{where}.partner", f'unknown organisation "{link.get("partner")}"; define it in '
                         'the file\'s "partners" list or in the admin; known: '
                         + _allowed(self.vocabulary.partners))
            if link.get("role", "partner") not in roles:
                self.add(f"{where}.role", f'unknown value "{link.get("role")}"; allowed: ' + ", ".join(roles))

    def _check_blocks(self):
        blocks = self.record.get("what_was_done") or []
        if not isinstance(blocks, list):
            self.add("what_was_done", "expected a list of blocks")
            return
        for number, block in enumerate(blocks, 1):
            kind = block.get("type") if isinstance(block, dict) else None
            if kind not in BLOCK_TYPES:
                self.add(f"what_was_done[{number}]", f'unknown block type "{kind}"; allowed: '
                         + ", ".join(BLOCK_TYPES))
            elif kind == "steps" and not all(
                isinstance(s, dict) and s.get("title") for s in block.get("items") or []
            ):
                self.add(f"what_was_done[{number}]", "every step needs a title")
            elif kind == "quote" and not block.get("text"):
                self.add(f"what_was_done[{number}]", "a quote needs its text")
        for number, indicator in enumerate(self.record.get("indicators") or [], 1):
            if not isinstance(indicator, dict) or not indicator.get("label") or indicator.get(
                "value"
            ) in (None, ""):
                self.add(f"indicators[{number}]", "every indicator needs a label and a value")
            elif len(str(indicator.get("value"))) > 50:
                self.add(f"indicators[{number}].value", "is longer than 50 characters")

    def _check_contact(self):
        contact = self.record.get("contact") or {}
        email = (contact.get("email") or "").strip() if isinstance(contact, dict) else ""
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.add("contact.email", f'"{email}" is not an email address')

    def _check_files(self):
        for key in ("images", "attachments"):
            for number, item in enumerate(self.record.get(key) or [], 1):
                where = f"{key}[{number}]"
                path = self.base_dir / str((item or {}).get("file", ""))
                if not isinstance(item, dict) or not item.get("file") or not path.is_file():
                    self.add(where, f'file "{(item or {}).get("file", "")}" not found next to the import file')
                    continue
                if key == "images":
                    if not (item.get("alt") or "").strip():
                        self.add(f"{where}.alt", "describe the image for readers who cannot see it")
                    try:
                        with PILImage.open(path) as image:
                            image.verify()
                    except Exception:
                        self.add(where, f'"{item["file"]}" is not an image Pillow can read')

    def _check_related(self):
        for value in self.record.get("related") or []:
            if value not in self.file_ids and value not in self.vocabulary.existing_ids:
                self.add("related", f'no practice with external id "{value}" in the file or on the portal')


def check_partner_definitions(partners):
    problems = []
    for number, partner in enumerate(partners, 1):
        label = f"partners[{number}]"
        if not isinstance(partner, dict):
            problems.append(Problem(label, "", "(partner)", "expected an object"))
            continue
        slug = partner.get("slug") or ""
        if not slug or slugify(slug) != slug:
            problems.append(Problem(label, slug, "slug", "a Latin slug is required"))
        if not partner.get("name_ky") and not partner.get("name_en"):
            problems.append(Problem(label, slug, "name_ky", "a name is required"))
        if partner.get("kind", "ngo") not in PARTNER_KINDS:
            problems.append(Problem(label, slug, "kind", f'unknown value "{partner.get("kind")}"; allowed: '
                                    + ", ".join(PARTNER_KINDS)))
    return problems


def check_records(partners, records, labels, base_dir):
    """Every problem in the file, and the set of record positions that are valid."""
    problems = check_partner_definitions(partners)
    vocabulary = Vocabulary.load(partners)
    file_ids = {r.get("external_id") for r in records if isinstance(r, dict)}
    checker = RecordChecker(vocabulary, base_dir, file_ids)
    seen, valid = {}, set()
    for position, (label, record) in enumerate(zip(labels, records, strict=True)):
        record_problems = checker.check(label, record)
        if isinstance(record, dict):
            key = (record.get("external_id"), record.get("language"))
            if key in seen:
                record_problems.append(
                    Problem(label, checker.record_id, "external_id",
                            f"the same id and language already appear in {seen[key]}")
                )
            seen.setdefault(key, label)
        problems.extend(record_problems)
        if not record_problems:
            valid.add(position)
    return problems, valid
