"""Serving static files and uploads on the development server, refusing paths that leave their folder.

Django's own views answer `/static/../../etc/passwd`, `/media/..%2fsecret` or
a path with a NUL byte with an exception page, a 400 or a 500, depending on
where the path breaks. Here every such path is simply not found: the path is
checked before any file system call, and the file found must lie inside the
folder it was served from.
"""

import posixpath
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.urls import re_path
from django.views import static

# A Windows drive ("C:") or a backslash would mean a different path on
# another system; NUL and other control characters are never in our file names.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]|^[A-Za-z]:")


def clean_relative_path(path):
    """`path` as a plain relative path inside its folder, or Http404 if it is anything else."""
    if not isinstance(path, str) or not path or _UNSAFE.search(path) or path.startswith("/"):
        raise Http404
    parts = path.split("/")
    if any(part in (".", "..") for part in parts):
        raise Http404
    normalized = posixpath.normpath(path)
    if normalized.startswith(("/", "..")) or normalized == ".":
        raise Http404
    return normalized


def _inside(root, candidate):
    try:
        return Path(candidate).resolve().is_relative_to(Path(root).resolve())
    except (OSError, ValueError, RuntimeError):
        return False


def _serve_file(request, path, document_root):
    if not _inside(document_root, Path(document_root) / path):
        raise Http404
    try:
        return static.serve(request, path, document_root=document_root)
    except (SuspiciousFileOperation, OSError, ValueError) as error:
        raise Http404 from error


def serve_media(request, path):
    """An uploaded file from MEDIA_ROOT, or 404."""
    return _serve_file(request, clean_relative_path(path), settings.MEDIA_ROOT)


def serve_static(request, path, insecure=False):
    """A static file as the staticfiles finders find it, or 404."""
    if not settings.DEBUG and not insecure:
        raise Http404
    path = clean_relative_path(path)
    try:
        found = finders.find(path)
    except (SuspiciousFileOperation, OSError, ValueError) as error:
        raise Http404 from error
    if not found:
        raise Http404
    # The finder returns the file's absolute path; its own folder is the root
    # the file must stay inside once links are followed.
    root = str(Path(found).parents[len(Path(path).parts) - 1])
    return _serve_file(request, path, root)


def _prefix_pattern(url):
    return "^" + re.escape(url.lstrip("/")) + r"(?P<path>.*)$"


def debug_file_urlpatterns():
    """URL patterns for static files and uploads while DEBUG is on; none otherwise."""
    if not settings.DEBUG:
        return []
    patterns = []
    for url, view in ((settings.STATIC_URL, serve_static), (settings.MEDIA_URL, serve_media)):
        # Files on another host (a CDN) are not served from here.
        if url and "://" not in url and not url.startswith("//"):
            patterns.append(re_path(_prefix_pattern(url), view))
    return patterns
