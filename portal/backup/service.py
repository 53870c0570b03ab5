"""A backup and a restore, step by step, each step refusing before anything is lost.

A restore reads the manifest, checks that the database and MEDIA_ROOT are
empty, unpacks and checks every member (the media into a folder inside
MEDIA_ROOT, so nothing lands anywhere else), and only then loads the database
and moves the media into place. Afterwards the counts must match the
manifest's, the search index is rebuilt from the restored pages (an
Elasticsearch cluster knows nothing of them), and the cache is emptied (it
holds the old site's pages).
"""

import io
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from .archive import file_entry, media_files, read_manifest, unpack, write_archive
from .databases import database_for
from .errors import BackupError
from .manifest import (
    MEDIA,
    PORTAL_DATA,
    build_manifest,
    database_contents,
    describe_counts,
    manifest_bytes,
    parse_manifest,
)


@dataclass
class BackupReport:
    path: Path
    size: int
    counts: dict
    media_files: int
    media_bytes: int
    seconds: float


@dataclass
class RestoreReport:
    counts: dict
    media_files: int
    created: str
    # Empty when the search index was rebuilt; otherwise what the operator should do.
    index_problem: str
    seconds: float


def make_backup(output=None, stdout=None):
    """Write the database and MEDIA_ROOT into a new archive at `output` (a file or a folder)."""
    log = (stdout or io.StringIO()).write
    started = time.monotonic()
    database = database_for(connections[DEFAULT_DB_ALIAS])
    output = _output_path(output)
    with tempfile.TemporaryDirectory(prefix=".portal-backup-", dir=output.parent) as work:
        dump = Path(work, database.member)
        log("Dumping the database…")
        counts, migrations = database.dump(dump)
        # After the dump: a file uploaded meanwhile is kept, and a row never points to a missing one
        # unless the file was deleted in between.
        log("Reading MEDIA_ROOT…")
        media = media_files(settings.MEDIA_ROOT)
        files = [(database.member, dump), *media]
        members = {member: file_entry(path) for member, path in files}
        manifest = build_manifest(database, counts, migrations, members)
        log(f"Writing {output}…")
        write_archive(output, manifest_bytes(manifest), files, manifest)
    return BackupReport(
        path=output,
        size=output.stat().st_size,
        counts=counts,
        media_files=len(media),
        media_bytes=sum(members[member]["size"] for member, _ in media),
        seconds=time.monotonic() - started,
    )


def _output_path(output):
    name = f"portal-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    path = Path(output) if output else Path(name)
    if path.is_dir():
        path = path / name
    path = path.absolute()
    if path.exists():
        raise BackupError(f"{path} exists already; give another --output.")
    if not path.parent.is_dir():
        raise BackupError(f"There is no folder {path.parent} to write the archive in.")
    if path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        raise BackupError("The archive cannot be written inside MEDIA_ROOT, which it backs up.")
    return path


def restore_backup(path, force=False, stdout=None):
    """Restore the archive at `path` into this database and MEDIA_ROOT, which must be empty unless `force`."""
    stdout = stdout or io.StringIO()
    log = stdout.write
    started = time.monotonic()
    connection = connections[DEFAULT_DB_ALIAS]
    database = database_for(connection)
    manifest = parse_manifest(read_manifest(path), connection.vendor)
    media_root = _media_root()
    counts, _ = database_contents(connection)
    if not force:
        _refuse_unless_empty(counts, media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root))
    try:
        with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
            log("Unpacking and checking the archive…")
            unpack(path, manifest, work, staging)
            log("Loading the database…")
            # A database with tables but nothing anyone made (just migrated, say) is emptied without --force.
            database.load(Path(work, manifest["database"]["member"]), wipe=force or bool(counts))
        log("Putting the media in place…")
        media_count = _replace_media(media_root, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    # Content type ids are cached per process and may differ in the restored database.
    ContentType.objects.clear_cache()
    connections.close_all()
    restored, _ = database_contents(connection)
    if restored != manifest["counts"]:
        raise BackupError(
            "The restored database does not hold what the archive lists: "
            f"expected {describe_counts(manifest['counts'])}; found {describe_counts(restored)}."
        )
    index_problem = _rebuild_index(connection, stdout)
    cache.clear()
    return RestoreReport(
        counts=restored,
        media_files=media_count,
        created=manifest["created"],
        index_problem=index_problem,
        seconds=time.monotonic() - started,
    )


def _rebuild_index(connection, stdout):
    """Rebuild the search index as `rebuild_search_index` does; return what kept it from running, if anything.

    The data is in place by now, so a problem here is reported, not raised.
    """
    if _pending_migrations(connection):
        return ("The archive comes from an older version of the portal. Run `manage.py migrate`, "
                "then `manage.py rebuild_search_index`.")
    stdout.write("Rebuilding the search index…")
    try:
        # No rebuild can be under way in a database restored a moment ago; a claim in it is the old site's.
        call_command("rebuild_search_index", force=True, stdout=stdout)
    except CommandError as error:
        return (f"The data is restored, but the search index could not be rebuilt ({error}); "
                "run `manage.py rebuild_search_index` once the engine is back.")
    return ""


def _media_root():
    media_root = Path(settings.MEDIA_ROOT).absolute()
    resolved = media_root.resolve()
    # --force empties MEDIA_ROOT: never when a mistake in settings points it at the code or a whole disk.
    if resolved == Path(resolved.anchor) or Path(settings.BASE_DIR).resolve().is_relative_to(resolved):
        raise BackupError(f"MEDIA_ROOT is {media_root}, which holds more than uploads; set it to the media folder.")
    return media_root


def _refuse_unless_empty(counts, media_root):
    problems = []
    held = [key for key in PORTAL_DATA if counts.get(key)]
    if held:
        problems.append(f"The database already holds portal data ({describe_counts(counts, held)}).")
    entries = sorted(entry.name for entry in media_root.iterdir()) if media_root.is_dir() else []
    if entries:
        problems.append(f"MEDIA_ROOT ({media_root}) is not empty: it holds {', '.join(entries[:5])}"
                        f"{', …' if len(entries) > 5 else ''}.")
    if problems:
        raise BackupError(" ".join(problems) + " Restore into an empty database and an empty media folder, "
                          "or use --force to delete everything in them first. Nothing was changed.")


def _replace_media(media_root, staging):
    """Empty MEDIA_ROOT but for `staging`, then move the unpacked media up into it; return the files moved."""
    for entry in media_root.iterdir():
        if entry == staging:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    unpacked = staging / MEDIA
    if not unpacked.is_dir():
        return 0
    moved = sum(1 for entry in unpacked.rglob("*") if entry.is_file())
    for entry in unpacked.iterdir():
        entry.rename(media_root / entry.name)
    return moved


def _pending_migrations(connection):
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())
