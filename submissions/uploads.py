"""Checking uploaded photos and documents by what they contain.

A file's name and declared type are whatever the sender chose, so neither is
trusted: a photo must open as a JPEG, PNG, WebP or GIF in Pillow, a document
must start like a PDF or be an office file without macros (macros.py).
Whatever passes is stored under the extension its content earned, so a page
of PHP named photo.jpg is refused and a PNG named photo.jpg is kept as a .png.
"""

import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .conf import setting
from .macros import (
    EMBEDDED_OBJECT,
    MACROS,
    OLE2_MAGIC,
    ZIP_MAGIC,
    UnsafeArchive,
    ole2_holds_macros,
    zip_macro_finding,
)

PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}

PDF_MAGIC = b"%PDF-"

# The folder each Office Open XML format keeps its content in.
OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
OPENDOCUMENT_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# Legacy Office files are OLE2 containers; the name of the main stream
# (stored as UTF-16) tells a Word file from an Excel one.
OLE2_STREAMS = {"WordDocument": "doc", "Workbook": "xls", "Book": "xls"}

LEGACY_OFFICE_TYPES = ("doc", "xls")
DOCUMENT_TYPES = ("pdf", "docx", "xlsx", "pptx", "odt", "ods", *LEGACY_OFFICE_TYPES)


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    extension: str
    original_name: str
    size: int


def _too_large(uploaded, limit):
    return ValidationError(
        _("«%(name)s» is larger than %(limit)s. Please send a smaller file."),
        code="too_large",
        params={"name": uploaded.name, "limit": filesizeformat(limit)},
    )


def _read(uploaded):
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def check_photo(uploaded):
    """The photo as a CheckedFile, or ValidationError saying in plain words what is wrong."""
    limit = setting("SUBMISSIONS_MAX_PHOTO_SIZE")
    if uploaded.size > limit:
        raise _too_large(uploaded, limit)
    not_a_photo = ValidationError(
        _("«%(name)s» is not a photo. Photos must be JPEG, PNG, WebP or GIF files."),
        code="not_a_photo",
        params={"name": uploaded.name},
    )
    max_pixels = setting("SUBMISSIONS_MAX_PHOTO_PIXELS")
    too_big = ValidationError(
        _("«%(name)s» has too many pixels. Please send a photo of at most %(megapixels)s megapixels."),
        code="too_many_pixels",
        params={"name": uploaded.name, "megapixels": max_pixels // 1_000_000},
    )
    try:
        with warnings.catch_warnings():
            # Pillow only warns about a decompression bomb below twice its own
            # limit; a warning here must stop the file like the error does.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            uploaded.seek(0)
            # Image.open reads only the header, so the size is known before
            # any pixel is decoded.
            with Image.open(uploaded, formats=list(PHOTO_FORMATS)) as image:
                if image.format not in PHOTO_FORMATS:
                    raise not_a_photo
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
                if width * height * frames > max_pixels:
                    raise too_big
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_big from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise not_a_photo from None
    finally:
        uploaded.seek(0)
    return CheckedFile("photo", PHOTO_FORMATS[image.format], uploaded.name, uploaded.size)


def _refuse_macros(uploaded, finding):
    if finding == EMBEDDED_OBJECT:
        raise ValidationError(
            _(
                "«%(name)s» contains an embedded object that could hold macros. Please insert it "
                "as a picture or a table, or send the document as PDF."
            ),
            code="embedded_object",
            params={"name": uploaded.name},
        )
    raise ValidationError(
        _("«%(name)s» contains macros. Please save it as a document without macros."),
        code="macros",
        params={"name": uploaded.name},
    )


def _zip_document_type(uploaded):
    """docx, xlsx, pptx, odt or ods for a zip that is one of them, else None."""
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            finding = zip_macro_finding(archive)
            if finding:
                _refuse_macros(uploaded, finding)
            names = {entry.filename for entry in archive.infolist()}
            if "[Content_Types].xml" in names:
                for folder, extension in OOXML_PARTS.items():
                    if any(name.startswith(folder) for name in names):
                        return extension
                return None
            if "mimetype" in names:
                with archive.open("mimetype") as stream:
                    declared = stream.read(100).decode("ascii", "replace").strip()
                return OPENDOCUMENT_TYPES.get(declared)
    except (UnsafeArchive, zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError, EOFError):
        return None
    finally:
        uploaded.seek(0)
    return None


def _ole2_document_type(uploaded):
    data = _read(uploaded)
    if ole2_holds_macros(data):
        _refuse_macros(uploaded, MACROS)
    for stream, extension in OLE2_STREAMS.items():
        if stream.encode("utf-16-le") in data:
            return extension
    return None


def detect_document_type(uploaded):
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _zip_document_type(uploaded)
    if head.startswith(OLE2_MAGIC):
        return _ole2_document_type(uploaded)
    return None


def accepted_document_extensions():
    """The document types taken now: those recognised here that the document library also takes."""
    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    return [extension for extension in DOCUMENT_TYPES if not allowed or extension in allowed]


def check_document(uploaded):
    """The document as a CheckedFile, or ValidationError saying in plain words what is wrong.

    Programs, scripts, web pages, SVG drawings, plain archives and anything
    else without a document's signature are refused. Old .doc and .xls files
    are recognised but taken only where the portal's document library takes
    them (WAGTAILDOCS_EXTENSIONS), so that editors can work with what readers send.
    """
    limit = setting("SUBMISSIONS_MAX_DOCUMENT_SIZE")
    if uploaded.size > limit:
        raise _too_large(uploaded, limit)
    extension = detect_document_type(uploaded)
    if extension in accepted_document_extensions():
        return CheckedFile("document", extension, uploaded.name, uploaded.size)
    if extension in LEGACY_OFFICE_TYPES:
        raise ValidationError(
            _("«%(name)s» is an old Word or Excel file. Please save it as .docx, .xlsx or PDF."),
            code="legacy_office",
            params={"name": uploaded.name},
        )
    raise ValidationError(
        _(
            "«%(name)s» is not a document we can take. Please send PDF, Word (.docx), "
            "Excel (.xlsx), PowerPoint (.pptx) or OpenDocument (.odt, .ods) files."
        ),
        code="not_a_document",
        params={"name": uploaded.name},
    )


CHECKS = {"photo": check_photo, "document": check_document}
