"""Small files made in memory: real photos and documents, and things pretending to be them."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt="JPEG", size=(40, 30), color="green"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def png_declaring(width, height):
    """A tiny PNG whose header claims `width` × `height` pixels: a decompression bomb's calling card."""
    data = bytearray(image_bytes("PNG", (1, 1)))
    # The IHDR chunk starts at byte 8: length (4), type (4), then width and height.
    data[16:24] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF
    data[29:33] = struct.pack(">I", crc)
    return bytes(data)


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PHP = b"<?php system($_GET['cmd']); ?>"
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
SCRIPT = b"#!/bin/sh\nrm -rf /\n"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 64


def zip_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
DOCM = zip_bytes(
    {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>", "word/vbaProject.bin": "x"}
)
ODT = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})
PLAIN_ZIP = zip_bytes({"readme.txt": "hello", "run.exe": "MZ"})


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg(name="бала-бакча.jpg", **kwargs):
    return upload(name, image_bytes("JPEG", **kwargs), "image/jpeg")


def png(name="photo.png", **kwargs):
    return upload(name, image_bytes("PNG", **kwargs), "image/png")


def pdf(name="отчёт.pdf"):
    return upload(name, PDF, "application/pdf")


def docx(name="план.docx"):
    return upload(name, DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
