"""Turning checked records into published practice pages.

Each record becomes a page in its language under that language's practice
list; records sharing an external id become translations of one practice.
Everything goes through revisions, so editors see imports in the history and
the admin edits what readers see.
"""

import datetime
import hashlib
from decimal import Decimal
from pathlib import Path

from django.core.files import File
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from moderation.files import public_collection
from portal.site_structure import ensure_site_structure
from practices.models import (
    BeneficiaryGroup,
    FundingMechanism,
    Municipality,
    Oblast,
    Partner,
    PracticeAttachment,
    PracticeGalleryImage,
    PracticeIndexPage,
    PracticeIndicator,
    PracticeLocation,
    PracticePage,
    PracticePartner,
    PracticeRelatedLink,
    Rayon,
    ServiceType,
)

from .text import paragraphs_to_html

MAX_SLUG = 80


def upsert_partners(partners):
    for partner in partners:
        names = {
            key: partner.get(key) or partner.get("name_en") or partner.get("name_ky")
            for key in ("name_ky", "name_ru", "name_en")
        }
        Partner.objects.update_or_create(
            slug=partner["slug"],
            defaults={**names, "kind": partner.get("kind", "ngo"), "website": partner.get("website", "")},
        )


class PracticeWriter:
    def __init__(self, base_dir):
        self.base_dir = Path(base_dir)
        self.summary = {"created": 0, "updated": 0}
        home = ensure_site_structure()
        index = PracticeIndexPage.objects.child_of(home).get()
        self.indexes = {
            page.locale.language_code: page
            for page in PracticeIndexPage.objects.filter(translation_key=index.translation_key)
            .select_related("locale")
        }
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}

    def write(self, records):
        pages = []
        for record in records:
            pages.append((self._write_one(record), record))
        for page, record in pages:
            self._link_related(page, record.get("related") or [])
        return self.summary

    def _existing(self, record):
        language = record["language"]
        page = PracticePage.objects.filter(
            external_id=record["external_id"], locale__language_code=language
        ).first()
        if page:
            return page, None
        sibling = PracticePage.objects.filter(external_id=record["external_id"]).first()
        if sibling:
            translated = PracticePage.objects.filter(
                translation_key=sibling.translation_key, locale__language_code=language
            ).first()
            return translated, sibling.translation_key
        return None, None

    def _write_one(self, record):
        page, translation_key = self._existing(record)
        created = page is None
        if created:
            page = PracticePage(locale=self.locales[record["language"]])
            if translation_key:
                page.translation_key = translation_key
        self._fill(page, record)
        parent = self.indexes[record["language"]]
        page.slug = self._unique_slug(parent, page, record.get("slug") or record["title"])
        if created:
            parent.add_child(instance=page)
            self.summary["created"] += 1
        else:
            self.summary["updated"] += 1
        page.save_revision().publish()
        if record.get("published"):
            when = timezone.make_aware(
                datetime.datetime.combine(datetime.date.fromisoformat(record["published"]), datetime.time(9))
            )
            PracticePage.objects.filter(pk=page.pk).update(first_published_at=when)
        return page

    @staticmethod
    def _unique_slug(parent, page, text):
        # Kyrgyz letters stay in slugs as they are: «Бала бакча» → «бала-бакча».
        base = slugify(text, allow_unicode=True)[:MAX_SLUG].strip("-") or "practice"
        siblings = parent.get_children()
        if page.pk:
            siblings = siblings.exclude(pk=page.pk)
        taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def _fill(self, page, record):
        cost = record.get("cost") or {}
        contact = record.get("contact") or {}
        replication = record.get("replication") or {}
        page.external_id = record["external_id"]
        page.title = record["title"].strip()
        page.summary = record["summary"].strip()
        page.problem = paragraphs_to_html(record.get("problem"))
        page.results = paragraphs_to_html(record.get("results"))
        page.what_was_done = [self._block(block) for block in record.get("what_was_done") or []]
        page.start_year = int(record["start_year"]) if record.get("start_year") else None
        page.end_year = int(record["end_year"]) if record.get("end_year") else None
        page.status = record["status"]
        amount = cost.get("amount")
        page.cost_amount = (
            Decimal(str(amount).replace(" ", "").replace(",", ".")) if amount not in (None, "") else None
        )
        page.cost_currency = cost.get("currency") or "KGS"
        page.cost_note = (cost.get("note") or "")[:300]
        page.contact_name = contact.get("name") or ""
        page.contact_role = contact.get("role") or ""
        page.contact_phone = contact.get("phone") or ""
        page.contact_email = contact.get("email") or ""
        steps = replication.get("steps") or []
        page.replication_steps = (
            [{"type": "steps", "value": [{"title": s["title"], "text": s.get("text", "")} for s in steps]}]
            if steps else []
        )
        page.resources_needed = paragraphs_to_html(replication.get("resources"))
        page.lessons_learned = paragraphs_to_html(replication.get("lessons"))
        page.source = (record.get("source") or "")[:300]

        page.service_types = list(ServiceType.objects.filter(slug__in=record.get("service_types") or []))
        page.funding = list(FundingMechanism.objects.filter(slug__in=record.get("funding") or []))
        page.groups = list(BeneficiaryGroup.objects.filter(slug__in=record.get("groups") or []))
        page.tags.set(record.get("tags") or [], clear=True)
        page.locations = [self._location(location) for location in record["locations"]]
        page.indicators = [
            PracticeIndicator(label=i["label"], value=str(i["value"]), unit=i.get("unit") or "")
            for i in record.get("indicators") or []
        ]
        partners = {p.slug: p for p in Partner.objects.all()}
        page.partners = [
            PracticePartner(partner=partners[link["partner"]], role=link.get("role") or "partner")
            for link in record.get("partners") or []
        ]
        page.gallery_images = [
            PracticeGalleryImage(
                image=self._image(item), alt_text=item["alt"].strip(), caption=item.get("caption") or ""
            )
            for item in record.get("images") or []
        ]
        page.attachments = [
            PracticeAttachment(document=self._document(item), title=item.get("title") or "")
            for item in record.get("attachments") or []
        ]

    @staticmethod
    def _block(block):
        if block["type"] == "text":
            return {"type": "text", "value": paragraphs_to_html(block.get("value"))}
        if block["type"] == "steps":
            return {
                "type": "steps",
                "value": [{"title": s["title"], "text": s.get("text", "")} for s in block["items"]],
            }
        return {"type": "quote", "value": {"text": block["text"], "author": block.get("author", "")}}

    @staticmethod
    def _location(location):
        municipality = (
            Municipality.objects.get(slug=location["municipality"]) if location.get("municipality") else None
        )
        rayon = Rayon.objects.get(slug=location["rayon"]) if location.get("rayon") else None
        return PracticeLocation(
            oblast=Oblast.objects.get(slug=location["oblast"]),
            rayon=rayon or (municipality.rayon if municipality else None),
            municipality=municipality,
        )

    def _stored_file(self, model, item, **fields):
        path = self.base_dir / item["file"]
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
        existing = model.objects.filter(file_hash=digest).first()
        if existing:
            return existing
        with path.open("rb") as handle:
            # Imports come from the portal's own staff: public, and choosable by contributors.
            stored = model(
                file=File(handle, name=path.name), file_hash=digest,
                collection=public_collection(), **fields,
            )
            stored.save()
        return stored

    def _image(self, item):
        return self._stored_file(
            get_image_model(), item, title=item.get("caption") or item["alt"], description=item["alt"]
        )

    def _document(self, item):
        return self._stored_file(get_document_model(), item, title=item.get("title") or Path(item["file"]).stem)

    def _link_related(self, page, external_ids):
        if not external_ids and not page.related_links.exists():
            return
        targets = []
        for external_id in external_ids:
            candidates = PracticePage.objects.filter(external_id=external_id)
            target = candidates.filter(locale=page.locale).first() or candidates.order_by("pk").first()
            if target and target.pk != page.pk:
                targets.append(target)
        current = list(page.related_links.values_list("related_page_id", flat=True))
        if current == [t.pk for t in targets]:
            return
        page.related_links = [PracticeRelatedLink(related_page=target) for target in targets]
        page.save_revision().publish()
