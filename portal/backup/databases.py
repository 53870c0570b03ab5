"""Dumping and loading the database the way the database itself does it.

A native dump keeps everything exactly: revisions, workflow and task states,
the audit log, sessions, queued tasks, sequences and the full-text index
structures, which `dumpdata` would have to rebuild or would lose.

PostgreSQL: `pg_dump` in plain SQL, loaded by `psql` in one transaction, so a
restore that fails leaves the database as it was. SQLite: the online backup
API, which copies a consistent snapshot while the site keeps running.
"""

import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connections, transaction
from django.db.backends.postgresql.client import DatabaseClient

from .errors import BackupError
from .manifest import DATABASE_MEMBERS, database_contents, migration_names, row_counts

# Debian installs each major version's programs here, beside the server of that version.
DEBIAN_BINARIES = "/usr/lib/postgresql/*/bin"
CHUNK = 1024 * 1024


def database_for(connection):
    if connection.vendor == "postgresql":
        return PostgreSQL(connection)
    if connection.vendor == "sqlite":
        return SQLite(connection)
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


class PostgreSQL:
    vendor = "postgresql"
    member = DATABASE_MEMBERS[vendor]

    def __init__(self, connection):
        self.connection = connection

    def server_major(self):
        self.connection.ensure_connection()
        return self.connection.pg_version // 10000

    def describe(self):
        major = self.server_major()
        return {
            "server_version": f"{major}.{self.connection.pg_version % 10000}",
            "dump": _version_of(postgres_program("pg_dump", major)),
        }

    def dump(self, path):
        """Dump the database to `path`; return its (row counts, migrations) as of the same moment."""
        program = postgres_program("pg_dump", self.server_major())
        # pg_dump reads the snapshot this transaction exports, so the counts in the manifest
        # describe exactly the dumped rows even while readers keep searching and sharing.
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            contents = database_contents(self.connection)
            # Without owners and grants, the dump loads under whatever role the new server gives the portal.
            _run([program, "--format=plain", "--no-owner", "--no-privileges", "--encoding=UTF8",
                  f"--snapshot={snapshot}", f"--file={path}", *self._connection_arguments()],
                 self._environment(), "pg_dump")
        return contents

    def load(self, path, wipe):
        """Load the dump; with `wipe`, drop everything in the schema first, in the same transaction."""
        program = postgres_program("psql", self.server_major())
        prelude = self._drop_statements() if wipe else ""
        self.connection.close()
        command = [program, "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
                   *self._connection_arguments()]
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors,
                                       env=self._environment())
            try:
                process.stdin.write(prelude.encode())
                with open(path, "rb") as dump:
                    shutil.copyfileobj(dump, process.stdin, CHUNK)
                process.stdin.close()
            except BrokenPipeError:
                pass
            if process.wait() != 0:
                errors.seek(0)
                raise BackupError("psql could not load the database; nothing was changed in it:\n"
                                  + _tail(errors.read()))

    def _drop_statements(self):
        kinds = {"r": "TABLE", "p": "TABLE", "f": "FOREIGN TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW",
                 "S": "SEQUENCE"}
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.relkind, n.nspname, c.relname FROM pg_catalog.pg_class c "
                "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') "
                "AND NOT c.relispartition ORDER BY c.relkind = 'S', c.relname"
            )
            rows = cursor.fetchall()
        return "".join(
            f"DROP {kinds[kind]} IF EXISTS {_identifier(schema)}.{_identifier(name)} CASCADE;\n"
            for kind, schema, name in rows
        )

    def _connection_arguments(self):
        settings = self.connection.settings_dict
        arguments = []
        for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER"), ("--dbname", "NAME")):
            if settings.get(key):
                arguments.append(f"{option}={settings[key]}")
        return arguments

    def _environment(self):
        # Django's own psql launcher knows how the settings map to libpq: password, SSL, service.
        _, environment = DatabaseClient.settings_to_cmd_args_env(self.connection.settings_dict, [])
        return {**os.environ, **(environment or {})}


class SQLite:
    vendor = "sqlite"
    member = DATABASE_MEMBERS[vendor]

    def __init__(self, connection):
        self.connection = connection

    @property
    def path(self):
        name = str(self.connection.settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
        return Path(name)

    def describe(self):
        return {"server_version": sqlite3.sqlite_version, "dump": "sqlite3 online backup API"}

    def dump(self, path):
        """Copy the database to `path`; return the copy's (row counts, migrations)."""
        if not self.path.is_file():
            raise BackupError(f"There is no SQLite database at {self.path}.")
        # Read-only, so a mistyped path cannot create an empty database instead.
        source = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        _copy(source, sqlite3.connect(path))
        copy = sqlite3.connect(path)
        try:
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            cursor = copy.cursor()
            return row_counts(cursor, tables), migration_names(cursor, tables)
        finally:
            copy.close()

    def load(self, path, wipe):
        """Copy the archived database over this one; the backup API replaces it whole, so `wipe` needs no work."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connections.close_all()
        source = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        _copy(source, sqlite3.connect(self.path))


def _copy(source, target):
    try:
        source.backup(target)
    except sqlite3.Error as error:
        raise BackupError(f"The SQLite backup API failed: {error}.") from None
    finally:
        source.close()
        target.close()


def postgres_program(name, server_major):
    """The client program `name` for a server of `server_major`.

    A dump made by an older pg_dump than the server is refused by pg_dump itself, and one made
    by a newer pg_dump may not load into this server. So Debian's programs of the server's own
    version come first, then the newest of a later version, then the one on PATH if it is not older.
    """
    versions = {}
    for candidate in glob.glob(f"{DEBIAN_BINARIES}/{name}"):
        match = re.search(r"/(\d+)/bin/", candidate)
        if match and os.access(candidate, os.X_OK):
            versions[int(match.group(1))] = candidate
    if server_major in versions:
        return versions[server_major]
    newer = [major for major in versions if major > server_major]
    if newer:
        return versions[max(newer)]
    on_path = shutil.which(name)
    if on_path:
        found = re.search(r"(\d+)", _version_of(on_path))
        if found and int(found.group(1)) >= server_major:
            return on_path
    raise BackupError(
        f"No {name} of PostgreSQL {server_major} or later was found (looked in {DEBIAN_BINARIES} and on PATH); "
        f"install the postgresql-client-{server_major} package."
    )


def _version_of(program):
    result = subprocess.run([program, "--version"], capture_output=True, text=True)
    return result.stdout.strip()


def _run(command, environment, label):
    result = subprocess.run(command, capture_output=True, env=environment)
    if result.returncode != 0:
        raise BackupError(f"{label} failed:\n{_tail(result.stderr)}")


def _tail(output, lines=15):
    text = output.decode(errors="replace") if isinstance(output, bytes) else output
    return "\n".join(text.strip().splitlines()[-lines:])


def _identifier(name):
    return '"' + name.replace('"', '""') + '"'
