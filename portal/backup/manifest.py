"""The manifest: what an archive holds, so a restore can tell a sound archive from a damaged or foreign one.

It is the archive's first member, so a restore reads it before unpacking
anything. The counts of key tables are taken again after a restore and must
match; the checksums are checked as each member is unpacked.
"""

import json
import sys
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .errors import BackupError

FORMAT = "lsg-portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
# One database member per vendor: a restore finds it by the vendor it runs on.
DATABASE_MEMBERS = {"postgresql": "database.sql", "sqlite": "database.sqlite3"}

# What the operator sees after a backup and a restore, and what must come back equal.
COUNTED = {
    "users": settings.AUTH_USER_MODEL,
    "groups": "auth.Group",
    "pages": "wagtailcore.Page",
    "practices": "practices.PracticePage",
    "revisions": "wagtailcore.Revision",
    "workflow_states": "wagtailcore.WorkflowState",
    "images": "wagtailimages.Image",
    "renditions": "wagtailimages.Rendition",
    "documents": "wagtaildocs.Document",
    "submissions": "submissions.PracticeSubmission",
    "submission_files": "submissions.SubmissionFile",
    "replication_requests": "replication.ReplicationRequest",
    "oblasts": "practices.Oblast",
    "rayons": "practices.Rayon",
    "municipalities": "practices.Municipality",
    "service_types": "practices.ServiceType",
    "search_query_days": "search.SearchQueryDay",
}
# Rows someone made by working with the portal. Migrations and `setup_site` make the
# reference data, roles and page tree, so a database holding only those is still empty.
PORTAL_DATA = ("users", "practices", "images", "documents", "submissions",
               "replication_requests", "search_query_days")


def row_counts(cursor, tables):
    """Rows in each counted table among `tables`, or {} when the database has no portal tables at all."""
    if MigrationRecorder.Migration._meta.db_table not in tables:
        return {}
    counts = {}
    for key, label in COUNTED.items():
        table = apps.get_model(label)._meta.db_table
        if table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[key] = cursor.fetchone()[0]
    return counts


def migration_names(cursor, tables):
    """The applied migrations, as "app.name"."""
    table = MigrationRecorder.Migration._meta.db_table
    if table not in tables:
        return []
    cursor.execute(f'SELECT app, name FROM "{table}"')
    return sorted(f"{app}.{name}" for app, name in cursor.fetchall())


def database_contents(connection):
    """(row counts, applied migrations) of the database behind a Django connection."""
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        return row_counts(cursor, tables), migration_names(cursor, tables)


def describe_counts(counts, keys=None):
    keys = COUNTED if keys is None else keys
    return ", ".join(f"{counts[key]} {key.replace('_', ' ')}" for key in keys if counts.get(key))


def _latest_migrations(migrations):
    """The last migration of each of the portal's own apps: the nearest thing it has to a version number."""
    base = Path(settings.BASE_DIR).resolve()
    own = {config.label for config in apps.get_app_configs() if Path(config.path).resolve().parent == base}
    latest = {}
    for migration in migrations:
        app, name = migration.split(".", 1)
        if app in own:
            latest[app] = max(latest.get(app, ""), name)
    return latest


def build_manifest(database, counts, migrations, members):
    """The manifest for an archive of `members` ({name: {"size", "sha256"}}) dumped by `database`.

    `counts` and `migrations` must come from the dumped data itself, not from the live
    database a moment later, or a site in use would fail its own restore's check.
    """
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": timezone.now().isoformat(timespec="seconds"),
        "versions": {
            "portal": _latest_migrations(migrations),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "python": sys.version.split()[0],
        },
        "database": {"vendor": database.vendor, "member": database.member, **database.describe()},
        "migrations": migrations,
        "counts": counts,
        "members": members,
    }


def manifest_bytes(manifest):
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()


def parse_manifest(data, vendor):
    """The manifest in `data`, checked against the database it is to be restored into."""
    try:
        manifest = json.loads(data)
    except (UnicodeDecodeError, ValueError) as error:
        raise BackupError(f"The archive's manifest is not valid JSON ({error}); this is not a portal backup.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("The archive's manifest does not describe a portal backup.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise BackupError(
            f"The archive is in backup format {version!r}, newer than this portal reads ({FORMAT_VERSION}); "
            "restore it with the version of the portal that made it."
        )
    try:
        archived_vendor = manifest["database"]["vendor"]
        member = manifest["database"]["member"]
        members = manifest["members"]
        migrations = manifest["migrations"]
        counts = manifest["counts"]
        valid = (
            isinstance(members, dict) and member in members and isinstance(counts, dict)
            and isinstance(migrations, list) and isinstance(archived_vendor, str)
            and all(isinstance(entry.get("size"), int) and isinstance(entry.get("sha256"), str)
                    for entry in members.values())
        )
    except (KeyError, TypeError, AttributeError):
        valid = False
    if not valid:
        raise BackupError("The archive's manifest is incomplete; the archive is damaged or not a portal backup.")
    if archived_vendor != vendor:
        raise BackupError(
            f"The archive holds a {_vendor_name(archived_vendor)} database and this portal runs on "
            f"{_vendor_name(vendor)}. Restoring across databases is not supported: restore it on a "
            f"portal that uses {_vendor_name(archived_vendor)}."
        )
    if member != DATABASE_MEMBERS[vendor]:
        raise BackupError("The archive's manifest names an unexpected database member; it is damaged.")
    unknown = _unknown_migrations(migrations)
    if unknown:
        raise BackupError(
            "The archive was made by a newer version of the portal: its database has migrations this "
            f"code does not know ({', '.join(unknown[:5])}). Restore it with that version."
        )
    return manifest


def _vendor_name(vendor):
    return {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(vendor, repr(vendor))


def _unknown_migrations(migrations):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = []
    for migration in migrations:
        app, _, name = str(migration).partition(".")
        if app in loader.migrated_apps and (app, name) not in loader.disk_migrations:
            unknown.append(migration)
    return unknown
