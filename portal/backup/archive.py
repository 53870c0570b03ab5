"""The archive itself: a .tar.gz written in one pass and read in one pass, trusting nothing in it.

Reading checks every member before it touches the disk (a name the manifest
lists, a plain file of the listed size, a path that stays where it belongs)
and after (its checksum), and unpacks with tarfile's "data" filter as well.
"""

import gzip
import hashlib
import io
import os
import tarfile
import time
import zlib
from pathlib import Path

from .errors import BackupError
from .manifest import MANIFEST, MEDIA

CHUNK = 1024 * 1024
# Photos and renditions are compressed already; a higher level costs time and saves little.
COMPRESS_LEVEL = 6
# The manifest lists every media file; a site with a million files still stays below this.
MAX_MANIFEST_BYTES = 256 * 1024 * 1024


def file_entry(path):
    """{"size", "sha256"} of the file at `path`, as the manifest records it."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"size": size, "sha256": digest.hexdigest()}


def media_files(root):
    """(member name, path) of every file under `root`, in a stable order; linked folders are followed once."""
    root = Path(root)
    found = []
    visited = set()
    for directory, subdirectories, names in os.walk(root, followlinks=True):
        real = os.path.realpath(directory)
        if real in visited:
            subdirectories[:] = []
            continue
        visited.add(real)
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory, name)
            if path.is_file():
                found.append((f"{MEDIA}/{path.relative_to(root).as_posix()}", path))
    return found


class _Hashing:
    """A file read through this also yields its checksum, so what went into the tar is what was listed."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        return chunk


def write_archive(output, manifest_data, files, manifest):
    """Write `manifest_data` and then `files` ((member, path) pairs) into a new archive at `output`.

    The archive holds password hashes and files not yet public, so only its owner may read it. It
    is written under a temporary name and renamed when complete: a failed backup leaves no archive
    that looks whole.
    """
    partial = output.with_name(f".{output.name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(
            fileobj=raw, mode="w:gz", compresslevel=COMPRESS_LEVEL, format=tarfile.PAX_FORMAT
        ) as tar:
            _add(tar, MANIFEST, io.BytesIO(manifest_data), len(manifest_data))
            for member, path in files:
                _add_file(tar, member, path, manifest["members"][member])
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _add(tar, member, reader, size, mode=0o600, mtime=None):
    info = tarfile.TarInfo(member)
    info.size = size
    info.mode = mode
    info.mtime = time.time() if mtime is None else mtime
    tar.addfile(info, reader)


def _add_file(tar, member, path, entry):
    changed = BackupError(
        f"{path} changed while the backup ran (a file replaced during an upload?); run the backup again."
    )
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if status.st_size != entry["size"]:
                raise changed
            reader = _Hashing(handle)
            # The web server may read media as another user: the files keep their permissions.
            _add(tar, member, reader, entry["size"], mode=status.st_mode & 0o777, mtime=status.st_mtime)
    except FileNotFoundError:
        raise changed from None
    if reader.digest.hexdigest() != entry["sha256"]:
        raise changed


def _open(path):
    path = Path(path)
    if not path.exists():
        raise BackupError(f"There is no file {path}.")
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    try:
        return tarfile.open(path, mode="r:gz")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"{path} is not a portal backup archive (a .tar.gz made by manage.py backup): {error}.") from None


def read_manifest(path):
    """The bytes of the manifest, the archive's first member; nothing else is read."""
    try:
        with _open(path) as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise BackupError(f"{path} is not a portal backup: it does not begin with {MANIFEST}.")
            if first.size > MAX_MANIFEST_BYTES:
                raise BackupError(f"The manifest of {path} is implausibly large; this is not a portal backup.")
            return tar.extractfile(first).read()
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"{path} is damaged or incomplete: {error}.") from None


def unpack(path, manifest, database_dir, media_dir):
    """Unpack the database member into `database_dir` and the media into `media_dir`/media, as the manifest lists them.

    Raises BackupError at the first member that is not as listed, and when a listed member is missing.
    """
    expected = manifest["members"]
    database_member = manifest["database"]["member"]
    for name in expected:
        _check_name(name, database_member)
    seen = set()
    name = MANIFEST
    try:
        with _open(path) as tar:
            for index, member in enumerate(tar):
                name = member.name
                if index == 0 and name == MANIFEST:
                    continue
                _check_name(name, database_member)
                if name not in expected or name in seen:
                    raise BackupError(
                        f"The archive holds a member its manifest does not list ({name!r}); "
                        "it is damaged or was altered. Nothing was restored."
                    )
                if not member.isfile() or member.size != expected[name]["size"]:
                    raise BackupError(f"{name} in the archive is not the file its manifest lists; it is damaged.")
                target = database_dir if name == database_member else media_dir
                tar.extract(member, target, filter="data")
                if file_entry(Path(target, name))["sha256"] != expected[name]["sha256"]:
                    raise BackupError(f"{name} does not match its checksum in the manifest; the archive is damaged.")
                seen.add(name)
    except tarfile.FilterError as error:
        raise BackupError(f"The archive holds an unsafe member ({error}); nothing was restored.") from None
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"The archive is damaged or incomplete (at {name}): {error}.") from None
    except OSError as error:
        raise BackupError(f"Could not unpack {name}: {error}.") from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(
            f"The archive is incomplete: {len(missing)} of the files its manifest lists are missing "
            f"(the first is {missing[0]}). Nothing was restored."
        )


def _check_name(name, database_member):
    parts = str(name).split("/")
    if str(name).startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise BackupError(f"The archive holds a member with an unsafe path ({name!r}); nothing was restored.")
    if name != database_member and (parts[0] != MEDIA or len(parts) < 2):
        raise BackupError(f"The archive holds an unexpected member ({name!r}); nothing was restored.")
