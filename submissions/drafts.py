"""A draft practice page made from a submission, for the moderators to rework and publish."""

import logging
from html import escape
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import File
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext, override
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from moderation.files import private_collection, random_file_name
from practices.exchange.text import paragraphs_to_html
from practices.models import (
    PracticeAttachment,
    PracticeGalleryImage,
    PracticeIndexPage,
    PracticeLocation,
    PracticePage,
)

from .models import FileKind

logger = logging.getLogger(__name__)

MAX_SLUG = 80
SUMMARY_LENGTH = 400


def practice_index_for(language):
    """The practice list of `language`, or of the default language when that one has none."""
    indexes = PracticeIndexPage.objects.select_related("locale")
    return (
        indexes.filter(locale__language_code=language).first()
        or indexes.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        or indexes.first()
    )


def unique_slug(parent, title):
    # Kyrgyz letters stay in slugs as they are, as in the rest of the
    # portal: «Бала бакча» → «бала-бакча».
    base = slugify(title, allow_unicode=True)[:MAX_SLUG].strip("-") or "practice"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _stored(model, submission_file, **fields):
    """A private Wagtail image or document holding a copy of the submitted file.

    Nobody has checked the file yet, so it waits in the private collection
    under a random name (the sender's name stays in the title, for the
    moderators) until the page is published; see moderation.files.
    """
    with submission_file.file.open("rb") as handle:
        stored = model(
            file=File(handle, name=random_file_name(submission_file.extension)),
            collection=private_collection(),
            # What Wagtail's own upload form records; the admin uses the hash to spot duplicates.
            file_size=submission_file.size,
            file_hash=hash_filelike(handle),
            **fields,
        )
        stored.save()
    return stored


def _gallery(submission, photos):
    return [
        PracticeGalleryImage(
            image=_stored(get_image_model(), photo, title=f"{submission.title} ({number})"[:255]),
            # Alternative text is required; the moderators replace this
            # stand-in with what each photo shows.
            alt_text=submission.title[:250],
        )
        for number, photo in enumerate(photos, start=1)
    ]


def _attachments(submission, documents):
    attachments = []
    for document in documents:
        name = PurePath(document.original_name).stem
        stored = _stored(get_document_model(), document, title=(name or submission.title)[:255])
        attachments.append(PracticeAttachment(document=stored, title=name[:200]))
    return attachments


def _what_was_done(submission):
    blocks = [{"type": "text", "value": paragraphs_to_html(submission.what_was_done)}]
    if submission.partners:
        heading = escape(gettext("Partners"))
        blocks.append(
            {"type": "text", "value": f"<h3>{heading}</h3>" + paragraphs_to_html(submission.partners)}
        )
    return blocks


def create_draft_practice(submission):
    """Add a draft PracticePage for `submission` to its language's practice list, with a revision.

    The page is not live; the moderators publish it. The contact goes on the
    page only with the sender's consent, since published pages show it.
    """
    index = practice_index_for(submission.language)
    if index is None:
        logger.error("No practice list to put shared practice %s under.", submission.reference)
        return None
    with override(submission.language):
        municipality = submission.municipality
        summary_source = submission.problem or submission.what_was_done
        page = PracticePage(
            title=submission.title,
            slug=unique_slug(index, submission.title),
            locale=index.locale,
            live=False,
            summary=Truncator(" ".join(summary_source.split())).chars(SUMMARY_LENGTH),
            problem=paragraphs_to_html(submission.problem),
            what_was_done=_what_was_done(submission),
            results=paragraphs_to_html(submission.results),
            cost_amount=submission.cost_amount,
            cost_note=submission.funding[:300],
        )
        if submission.contact_consent:
            page.contact_name = submission.contact_name
            page.contact_role = submission.contact_role
            page.contact_phone = submission.contact_phone
            page.contact_email = submission.contact_email
        page.locations = [
            PracticeLocation(
                oblast=municipality.oblast, rayon=municipality.rayon, municipality=municipality
            )
        ]
        page.service_types = list(submission.service_types.all())
        files = list(submission.files.all())
        page.gallery_images = _gallery(submission, [f for f in files if f.kind == FileKind.PHOTO])
        page.attachments = _attachments(submission, [f for f in files if f.kind == FileKind.DOCUMENT])
        index.add_child(instance=page)
        page.save_revision(log_action=True)
    return page
