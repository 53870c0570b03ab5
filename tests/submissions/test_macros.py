"""Macros in office files are found by content type and signature, whatever the parts are called."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from submissions import macros
from submissions.macros import EMBEDDED_OBJECT, MACROS, UnsafeArchive, ole2_holds_macros, zip_macro_finding
from submissions.models import PracticeSubmission
from submissions.uploads import check_document
from tests.submissions import files

OLE2_HEADER = macros.OLE2_MAGIC + b"\x00" * 504


def ole2_entry(name, kind=2):
    """One 128-byte directory entry: the UTF-16 name, its length with the NUL, and its type."""
    encoded = (name + "\x00").encode("utf-16-le")
    return encoded.ljust(64, b"\x00") + struct.pack("<HB", len(encoded), kind) + b"\x00" * 61


def ole2(*names, text=b""):
    """A compound file whose directory names these storages and streams, then `text` in a stream."""
    return OLE2_HEADER + ole2_entry("Root Entry", 5) + b"".join(ole2_entry(name) for name in names) + text


VBA_PROJECT = ole2("_VBA_PROJECT_CUR", "VBA", "dir", "Module1")
EQUATION = ole2("\x01CompObj", "Equation Native")

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def content_types(defaults=(), overrides=()):
    rows = ['<Default Extension="xml" ContentType="application/xml"/>']
    rows += [f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in defaults]
    rows += [f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(rows)
        + "</Types>"
    )


def docx_bytes(parts=None, defaults=(), overrides=(), main=WORD_MAIN):
    entries = {
        "[Content_Types].xml": content_types(defaults, [("/word/document.xml", main), *overrides]),
        "word/document.xml": "<w:document/>",
    }
    entries.update(parts or {})
    return files.zip_bytes(entries)


def xlsx_bytes(parts=None, overrides=()):
    entries = {
        "[Content_Types].xml": content_types((), [("/xl/workbook.xml", XLSX_MAIN), *overrides]),
        "xl/workbook.xml": "<workbook/>",
    }
    entries.update(parts or {})
    return files.zip_bytes(entries)


def odt_bytes(parts=None, manifest_entries=()):
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        + "".join(
            f'<manifest:file-entry manifest:full-path="{path}" manifest:media-type="{kind}"/>'
            for path, kind in manifest_entries
        )
        + "</manifest:manifest>"
    )
    entries = {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": "<office:document-content><office:scripts/><text:p>Катран</text:p></office:document-content>",
        "META-INF/manifest.xml": manifest,
    }
    entries.update(parts or {})
    return files.zip_bytes(entries)


def finding(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return zip_macro_finding(archive)


def refusal(data, name="план.docx"):
    with pytest.raises(ValidationError) as error:
        check_document(files.upload(name, data))
    return error.value


def test_plain_docx_xlsx_and_odt_are_taken():
    assert check_document(files.upload("план.docx", docx_bytes())).extension == "docx"
    assert check_document(files.upload("бюджет.xlsx", xlsx_bytes())).extension == "xlsx"
    assert check_document(files.upload("отчёт.odt", odt_bytes())).extension == "odt"


def test_workbook_saved_by_a_spreadsheet_library_is_taken():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Айыл аймагы", "Бюджет"])
    workbook.active.append(["Катран", 150000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert check_document(files.upload("бюджет.xlsx", buffer.getvalue())).extension == "xlsx"


@pytest.mark.parametrize(
    "part",
    [
        "word/vbaProject.bin",
        "word/VBAPROJECT.BIN",
        "word/Project.DAT",
        "customXml/item9.xml",
        "word/media/image1.png",
    ],
)
def test_vba_project_is_refused_whatever_it_is_called(part):
    data = docx_bytes(
        {part: VBA_PROJECT},
        overrides=[("/" + part, "application/vnd.ms-office.vbaProject")],
        main=DOCM_MAIN,
    )
    error = refusal(data)
    assert error.code == "macros"
    assert "план.docx" in error.messages[0]


def test_vba_project_declared_under_any_capitalisation_is_refused():
    data = docx_bytes(
        {"word/stuff.dat": "not even a compound file"},
        defaults=[("dat", "APPLICATION/VND.MS-OFFICE.VBAPROJECT")],
    )
    assert finding(data) == MACROS


def test_vba_project_hidden_behind_an_innocent_content_type_is_found_by_its_signature():
    data = docx_bytes({"word/media/image7.png": VBA_PROJECT}, defaults=[("png", "image/png")], main=WORD_MAIN)
    assert finding(data) == MACROS


def test_vba_part_named_so_in_any_capitalisation_is_refused_even_without_a_content_type():
    assert finding(docx_bytes({"word/VbaProject.Bin": "x"})) == MACROS


@pytest.mark.parametrize(
    "content_type",
    [
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
        "application/vnd.ms-word.vbaData+xml",
        "application/vnd.ms-office.vbaProjectSignature",
        "application/vnd.ms-excel.macrosheet+xml",
        "application/vnd.ms-excel.intlmacrosheet+xml",
        "application/vnd.ms-office.activeX+xml",
        "application/vnd.ms-office.activeX",
    ],
)
def test_macro_enabled_and_activex_content_types_are_refused(content_type):
    assert finding(docx_bytes(overrides=[("/word/part1.xml", content_type)])) == MACROS


def test_excel_macro_sheet_in_a_workbook_is_refused():
    data = xlsx_bytes(
        {"xl/macrosheets/sheet1.xml": "<xm:macrosheet/>"},
        overrides=[("/xl/macrosheets/sheet1.xml", "application/vnd.ms-excel.macrosheet+xml")],
    )
    assert refusal(data, "бюджет.xlsx").code == "macros"


def test_embedded_ole_object_is_refused_as_one_that_could_hold_macros():
    data = docx_bytes(
        {"word/embeddings/oleObject1.bin": EQUATION},
        defaults=[("bin", "application/vnd.openxmlformats-officedocument.oleObject")],
    )
    error = refusal(data)
    assert error.code == "embedded_object"
    assert "план.docx" in error.messages[0]


@pytest.mark.parametrize(
    "language, words", [("ky", "объектини камтыйт"), ("ru", "внедрённый объект"), ("en", "embedded object")]
)
def test_embedded_object_refusal_speaks_the_readers_language(language, words):
    data = docx_bytes({"word/embeddings/oleObject1.bin": EQUATION})
    with translation.override(language):
        message = refusal(data).messages[0]
    assert words in message and "план.docx" in message


def test_embedded_workbook_without_macros_is_taken():
    chart_data = xlsx_bytes()
    data = docx_bytes({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": chart_data})
    assert check_document(files.upload("план.docx", data)).extension == "docx"


def test_embedded_workbook_with_macros_is_refused_even_under_another_name():
    workbook = xlsx_bytes({"xl/Module.dat": VBA_PROJECT})
    data = docx_bytes({"word/embeddings/chart.png": workbook})
    assert finding(data) == MACROS


def test_files_nested_too_deep_are_refused():
    inner = docx_bytes({"word/embeddings/a.docx": docx_bytes({"word/embeddings/b.docx": docx_bytes()})})
    assert finding(docx_bytes({"word/embeddings/c.docx": inner})) == EMBEDDED_OBJECT


@pytest.mark.parametrize("folder", ["Basic", "BASIC", "basic", "Scripts", "scripts", "Dialogs", "DiaLogs"])
def test_opendocument_macro_folders_are_refused_in_any_capitalisation(folder):
    data = odt_bytes({f"{folder}/Standard/Module1.xml": "<script:module/>"})
    assert refusal(data, "отчёт.odt").code == "macros"


def test_opendocument_macros_inside_an_embedded_object_folder_are_refused():
    assert finding(odt_bytes({"Object 1/Basic/Standard/Module1.xml": "<x/>"})) == MACROS


@pytest.mark.parametrize(
    "entry",
    [
        ("Basic/Standard/", "application/binary"),
        ("scripts/python/run.py", "text/plain"),
        ("Macro1", "application/vnd.sun.xml.basic"),
        ("run.js", "application/javascript"),
    ],
)
def test_opendocument_manifest_listing_scripts_is_refused(entry):
    assert finding(odt_bytes(manifest_entries=[entry])) == MACROS


def test_opendocument_event_bound_to_a_macro_is_refused():
    content = (
        "<office:document-content><office:scripts><office:event-listeners>"
        '<script:event-listener script:language="ooo:script" script:event-name="dom:load" '
        'xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document"/>'
        "</office:event-listeners></office:scripts></office:document-content>"
    )
    assert finding(odt_bytes({"content.xml": content})) == MACROS


def test_opendocument_with_an_embedded_ole_object_is_refused():
    assert finding(odt_bytes({"Object 1": EQUATION})) == EMBEDDED_OBJECT


@pytest.mark.parametrize("name", ["_VBA_PROJECT_CUR", "_vba_project", "Macros", "MACROS", "macros", "Vba"])
def test_legacy_office_file_with_macro_storage_in_any_capitalisation_is_refused(name):
    data = ole2("WordDocument", name)
    assert ole2_holds_macros(data)
    assert refusal(data, "план.doc").code == "macros"


def test_legacy_office_file_without_macros_is_recognised():
    assert not ole2_holds_macros(files.OLE2)
    data = ole2("WordDocument", "1Table", "\x05SummaryInformation")
    # Recognised as a Word file, and refused only as an old format, not for macros.
    assert refusal(data, "план.doc").code == "legacy_office"
    assert not ole2_holds_macros(data)


def test_word_macros_mentioned_in_the_text_are_not_macros():
    # Russian and Kyrgyz text is stored as UTF-16, so the word itself can appear in a stream.
    text = "Макросы (Macros) и VBA в тексте документа".encode("utf-16-le")
    assert not ole2_holds_macros(ole2("WordDocument", text=b"\x00" * 3 + text))


def test_zip_with_too_many_entries_is_not_taken(monkeypatch):
    monkeypatch.setattr(macros, "MAX_ENTRIES", 3)
    data = docx_bytes({f"word/media/image{n}.png": "x" for n in range(5)})
    with pytest.raises(UnsafeArchive):
        finding(data)
    assert refusal(data).code == "not_a_document"


def test_zip_that_unpacks_into_too_much_is_not_taken(monkeypatch):
    monkeypatch.setattr(macros, "MAX_UNPACKED_SIZE", 10_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types())
        archive.writestr("word/document.xml", b"0" * 50_000)
    assert len(buffer.getvalue()) < 10_000
    with pytest.raises(UnsafeArchive):
        finding(buffer.getvalue())
    assert refusal(buffer.getvalue()).code == "not_a_document"


def test_nested_zips_share_one_unpacking_budget(monkeypatch):
    # Each embedded workbook would fit the limit alone; together they do not.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types())
        archive.writestr("xl/workbook.xml", b"0" * 100_000)
    data = docx_bytes({f"word/embeddings/w{n}.xlsx": buffer.getvalue() for n in range(6)})
    monkeypatch.setattr(macros, "MAX_UNPACKED_SIZE", 250_000)
    with pytest.raises(UnsafeArchive):
        finding(data)
    monkeypatch.setattr(macros, "MAX_UNPACKED_SIZE", 2_000_000)
    assert finding(data) is None


def test_oversized_content_types_are_not_read_whole(monkeypatch):
    monkeypatch.setattr(macros, "MAX_XML_SIZE", 1000)
    data = docx_bytes(defaults=[(f"e{n}", "image/png") for n in range(100)])
    with pytest.raises(UnsafeArchive):
        finding(data)


def test_content_types_with_entity_expansion_are_not_taken():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Types>&b;</Types>'
    )
    data = files.zip_bytes({"[Content_Types].xml": bomb, "word/document.xml": "<w:document/>"})
    assert refusal(data).code == "not_a_document"


def test_two_parts_with_one_name_in_different_case_are_not_taken():
    data = files.zip_bytes(
        {
            "[Content_Types].xml": content_types(),
            "[CONTENT_TYPES].XML": content_types(
                overrides=[("/word/x.bin", "application/vnd.ms-office.vbaProject")]
            ),
            "word/document.xml": "<w:document/>",
        }
    )
    with pytest.raises(UnsafeArchive):
        finding(data)
    assert refusal(data).code == "not_a_document"


def test_broken_content_types_are_not_taken():
    data = files.zip_bytes({"[Content_Types].xml": "<Types", "word/document.xml": "<w:document/>"})
    assert refusal(data).code == "not_a_document"


@pytest.mark.django_db
def test_sender_of_a_renamed_vba_project_is_told_and_keeps_the_form(client, share_url, valid_data):
    data = docx_bytes(
        {"word/Project.DAT": VBA_PROJECT},
        overrides=[("/word/Project.DAT", "application/vnd.ms-office.vbaProject")],
    )
    response = client.post(share_url, {**valid_data, "documents": [files.upload("план.docx", data)]})
    assert response.status_code == 200
    assert not PracticeSubmission.objects.exists()
    body = response.content.decode()
    assert "план.docx" in body
    assert response.context["form"].errors["documents"]
    assert valid_data["contact_name"] in body
    assert response.context["form"]["title"].value() == valid_data["title"]
