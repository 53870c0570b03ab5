"""Finding macros in office files by what the parts are, not by what they are called.

A part's name is the sender's choice: Word opens a .docx whose VBA project is
stored as `word/Project.DAT` as long as [Content_Types].xml and the
relationships point to it. So an Office Open XML file is judged by

- the content types it declares: VBA projects, macro-enabled main parts,
  Excel 4.0 macro sheets and ActiveX controls are refused, whatever the part
  is named and however its type is capitalised;
- the bytes of every part: a part that starts with the OLE2 signature is a
  compound file. That is what a VBA project is, and also what an embedded
  OLE object (an old equation, a pasted-in .xls, a packaged program) is. We
  cannot tell safely which of them hold macros, so every OLE2 part is
  refused; the sender can insert the object as a picture or send a PDF;
- embedded Office Open XML or OpenDocument files (a chart's workbook inside
  a .docx), which are checked the same way, two levels deep at most.

An OpenDocument file is refused when it has a Basic/, Scripts/ or Dialogs/
folder (in any capitalisation, at any depth), when its META-INF/manifest.xml
lists a script, or when its content binds events to scripts.

A legacy .doc or .xls (itself an OLE2 file) is refused when its directory
names a VBA project or a Word macro storage in any capitalisation. Excel 4.0
macro sheets inside a legacy .xls are not detected; such files are refused
anyway unless the document library takes .xls.

Every zip is read with limits: at most MAX_ENTRIES entries each, at most
MAX_UNPACKED_SIZE bytes declared by the file and everything embedded in it
together (zipfile never unpacks an entry beyond what it declares), XML parts
of at most MAX_XML_SIZE, all read in chunks, so a zip bomb is stopped after a
bounded amount of work. A zip over a limit is not taken as a document.
"""

import io
import struct
import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MAX_ENTRIES = 5000
MAX_UNPACKED_SIZE = 200 * 1024 * 1024
MAX_XML_SIZE = 4 * 1024 * 1024
MAX_NESTED_SIZE = 50 * 1024 * 1024
MAX_DEPTH = 2
CHUNK = 64 * 1024

MACROS = "macros"
EMBEDDED_OBJECT = "embedded_object"

# Lower-case pieces of the content types that carry or run macros:
# application/vnd.ms-office.vbaProject(Signature), …vbaData+xml,
# …document.macroEnabled.main+xml (and every other macroEnabled type),
# …excel.macrosheet+xml / intlmacrosheet+xml, …ms-office.activeX(+xml).
MACRO_CONTENT_TYPES = ("vbaproject", "vbadata", "macroenabled", "macrosheet", "activex")
# Names are not trusted, but a part still called like a VBA project is one.
MACRO_PART_NAMES = ("vbaproject", "vbadata")
ODF_MACRO_FOLDERS = {"basic", "scripts", "dialogs"}
ODF_MANIFEST_SCRIPT_TYPES = ("script", "basic")
# Event bindings in content.xml or styles.xml run a macro when the document
# opens or a button is pressed; plain documents carry none.
ODF_EVENT_MARKERS = (b"script:event-listener", b"vnd.sun.star.script:")
ODF_EVENT_PARTS = ("content.xml", "styles.xml")

# The storages and streams that hold macros in an OLE2 file: Word keeps them
# in "Macros", Excel and Word keep VBA in "_VBA_PROJECT_CUR" with a "VBA"
# storage inside. Compared in lower case, as the file system inside is.
OLE2_MACRO_NAMES = {"_vba_project_cur", "_vba_project", "macros", "vba"}
# The directory is a list of 128-byte entries in 512-byte sectors after the
# 512-byte header: a UTF-16 name of up to 64 bytes, its length in bytes
# (with the terminating NUL) and the entry's type (1 storage, 2 stream).
OLE2_HEADER_SIZE = 512
OLE2_ENTRY_SIZE = 128
OLE2_ENTRY_TYPES = (1, 2)


class UnsafeArchive(ValueError):
    """The zip is too large, has too many entries, or has parts that cannot be read."""


def ole2_entry_names(data):
    """The names of everything in `data` shaped like an OLE2 directory entry, in lower case.

    Every 128-byte slot after the header is read as an entry; reading slots
    that are not in the directory can only find more names, never fewer, so
    a macro storage cannot hide by the directory being spread over sectors.
    """
    names = set()
    for offset in range(OLE2_HEADER_SIZE, len(data) - OLE2_ENTRY_SIZE + 1, OLE2_ENTRY_SIZE):
        length, kind = struct.unpack_from("<HB", data, offset + 64)
        if kind not in OLE2_ENTRY_TYPES or not 2 <= length <= 64 or length % 2:
            continue
        name = data[offset : offset + length - 2]
        names.add(name.decode("utf-16-le", "replace").lower())
    return names


def ole2_holds_macros(data):
    """Whether a legacy Office file's directory names a VBA project or macro storage, in any case."""
    return not OLE2_MACRO_NAMES.isdisjoint(ole2_entry_names(data))


class _Budget:
    """How many more unpacked bytes this upload may declare, across nested files."""

    def __init__(self):
        self.left = MAX_UNPACKED_SIZE

    def spend(self, count):
        self.left -= count
        if self.left < 0:
            raise UnsafeArchive("unpacks into too much")


def _entries(archive, budget):
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise UnsafeArchive("too many entries")
    # zipfile never unpacks an entry beyond the size it declares, so the
    # declared sizes bound the work; an embedded file spends from what is
    # left, and many small zips that each declare a lot add up like one.
    budget.spend(sum(entry.file_size for entry in entries))
    return [entry for entry in entries if not entry.is_dir()]


def _chunks(archive, entry, limit):
    """The entry's bytes in chunks, stopping at `limit`."""
    read = 0
    with archive.open(entry) as stream:
        while chunk := stream.read(CHUNK):
            read += len(chunk)
            if read > limit:
                raise UnsafeArchive(f"{entry.filename} is too large")
            yield chunk


def _read(archive, entry, limit):
    return b"".join(_chunks(archive, entry, limit))


def _head(archive, entry):
    with archive.open(entry) as stream:
        return stream.read(len(OLE2_MAGIC))


def _xml(archive, entry):
    try:
        return parse_xml(_read(archive, entry, MAX_XML_SIZE))
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise UnsafeArchive(f"{entry.filename} is not readable XML") from error


def _contains(archive, entry, markers):
    """Whether the entry holds any of `markers`, lower-case, read in bounded chunks."""
    overlap = max(len(marker) for marker in markers)
    tail = b""
    for chunk in _chunks(archive, entry, MAX_UNPACKED_SIZE):
        window = (tail + chunk).lower()
        if any(marker in window for marker in markers):
            return True
        tail = window[-overlap:]
    return False


def _ooxml_finding(archive, by_name):
    types = _xml(archive, by_name["[content_types].xml"])
    for element in types.iter():
        content_type = (element.get("ContentType") or "").lower()
        if any(marker in content_type for marker in MACRO_CONTENT_TYPES):
            return MACROS
    if any(marker in name for name in by_name for marker in MACRO_PART_NAMES):
        return MACROS
    return None


def _odf_finding(archive, by_name):
    for name in by_name:
        folders = name.split("/")[:-1]
        if ODF_MACRO_FOLDERS.intersection(folders):
            return MACROS
    manifest = by_name.get("meta-inf/manifest.xml")
    if manifest is not None:
        for element in _xml(archive, manifest).iter():
            for attribute, value in element.attrib.items():
                value = value.lower()
                if attribute.endswith("full-path") and ODF_MACRO_FOLDERS.intersection(value.split("/")[:-1]):
                    return MACROS
                if attribute.endswith("media-type") and any(
                    kind in value for kind in ODF_MANIFEST_SCRIPT_TYPES
                ):
                    return MACROS
    for part in ODF_EVENT_PARTS:
        if part in by_name and _contains(archive, by_name[part], ODF_EVENT_MARKERS):
            return MACROS
    return None


def _part_finding(archive, entry, budget, depth):
    """What an embedded part holds, judged by its first bytes."""
    head = _head(archive, entry)
    if head.startswith(OLE2_MAGIC):
        data = _read(archive, entry, MAX_NESTED_SIZE)
        return MACROS if ole2_holds_macros(data) else EMBEDDED_OBJECT
    if head.startswith(ZIP_MAGIC):
        if depth >= MAX_DEPTH:
            return EMBEDDED_OBJECT
        data = _read(archive, entry, MAX_NESTED_SIZE)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as nested:
                return _finding(nested, budget, depth + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
            raise UnsafeArchive(f"{entry.filename} is a broken zip") from error
    return None


def _finding(archive, budget, depth):
    entries = _entries(archive, budget)
    by_name = {entry.filename.lower(): entry for entry in entries}
    if len(by_name) < len(entries):
        # Part names are case-insensitive in both formats; two parts with
        # one name leave it open which one an office program reads.
        raise UnsafeArchive("two entries with one name")
    if "[content_types].xml" in by_name:
        finding = _ooxml_finding(archive, by_name)
    elif "mimetype" in by_name or "meta-inf/manifest.xml" in by_name:
        finding = _odf_finding(archive, by_name)
    else:
        finding = None
    if finding:
        return finding
    for entry in entries:
        finding = _part_finding(archive, entry, budget, depth)
        if finding:
            return finding
    return None


def zip_macro_finding(archive):
    """MACROS or EMBEDDED_OBJECT if the office file in `archive` (a ZipFile) has them, else None.

    Raises UnsafeArchive for a zip too large or too broken to judge; it is
    then not taken as a document at all.
    """
    try:
        return _finding(archive, _Budget(), depth=0)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as error:
        # Encrypted entries, unknown compression and bad CRCs end here.
        raise UnsafeArchive("unreadable entry") from error
