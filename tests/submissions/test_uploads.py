"""Photos and documents are judged by their content, never by their name or declared type."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from submissions.uploads import check_document, check_photo
from tests.submissions import files


@pytest.mark.parametrize(
    ("fmt", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")]
)
def test_photo_in_an_allowed_format_is_accepted(fmt, extension):
    checked = check_photo(files.upload("сүрөт.bin", files.image_bytes(fmt)))
    assert checked.kind == "photo"
    assert checked.extension == extension
    assert checked.original_name == "сүрөт.bin"


def test_png_named_jpg_is_kept_as_png():
    assert check_photo(files.upload("photo.jpg", files.image_bytes("PNG"), "image/jpeg")).extension == "png"


@pytest.mark.parametrize(
    "content",
    [files.PHP, files.HTML, files.SVG, files.EXE, b"", files.image_bytes("BMP"), files.image_bytes("TIFF")],
    ids=["php", "html", "svg", "exe", "empty", "bmp", "tiff"],
)
def test_anything_but_a_jpeg_png_webp_or_gif_is_not_a_photo(content):
    with pytest.raises(ValidationError) as error:
        check_photo(files.upload("photo.jpg", content, "image/jpeg"))
    assert error.value.code == "not_a_photo"
    assert "photo.jpg" in error.value.messages[0]


@pytest.mark.parametrize("width, height", [(100_000, 100_000), (8000, 8000)], ids=["bomb", "over-cap"])
def test_photo_declaring_too_many_pixels_is_refused_before_decoding(width, height):
    with pytest.raises(ValidationError) as error:
        check_photo(files.upload("bomb.png", files.png_declaring(width, height), "image/png"))
    assert error.value.code == "too_many_pixels"


def test_truncated_photo_is_refused():
    data = files.image_bytes("PNG", size=(200, 200))
    with pytest.raises(ValidationError):
        check_photo(files.upload("cut.png", data[: len(data) // 2]))


@override_settings(SUBMISSIONS_MAX_PHOTO_SIZE=100)
def test_photo_over_the_size_limit_is_refused():
    with pytest.raises(ValidationError) as error:
        check_photo(files.jpeg(size=(200, 200)))
    assert error.value.code == "too_large"


@pytest.mark.parametrize(
    ("content", "extension"),
    [(files.PDF, "pdf"), (files.DOCX, "docx"), (files.XLSX, "xlsx"), (files.ODT, "odt")],
)
def test_documents_are_recognised_by_their_content(content, extension):
    checked = check_document(files.upload("документ.bin", content))
    assert (checked.kind, checked.extension) == ("document", extension)


@pytest.mark.parametrize(
    "content",
    [files.EXE, files.ELF, files.SCRIPT, files.HTML, files.SVG, files.PHP, files.PLAIN_ZIP,
     files.image_bytes("PNG"), b"", b"{\\rtf1 hello}"],
    ids=["exe", "elf", "script", "html", "svg", "php", "zip", "png", "empty", "rtf"],
)
def test_programs_pages_and_plain_archives_are_not_documents(content):
    with pytest.raises(ValidationError) as error:
        check_document(files.upload("report.pdf", content, "application/pdf"))
    assert error.value.code == "not_a_document"


def test_office_file_with_macros_is_refused():
    with pytest.raises(ValidationError) as error:
        check_document(files.upload("plan.docx", files.DOCM))
    assert error.value.code == "macros"


def test_old_word_file_follows_the_document_library():
    with pytest.raises(ValidationError) as error:
        check_document(files.upload("plan.doc", files.OLE2))
    assert error.value.code == "legacy_office"
    with override_settings(WAGTAILDOCS_EXTENSIONS=["pdf", "doc"]):
        assert check_document(files.upload("plan.doc", files.OLE2)).extension == "doc"


@override_settings(SUBMISSIONS_MAX_DOCUMENT_SIZE=10)
def test_document_over_the_size_limit_is_refused():
    with pytest.raises(ValidationError) as error:
        check_document(files.pdf())
    assert error.value.code == "too_large"
