"""Backing the whole portal up into one archive, and restoring it into an empty one.

An archive is a .tar.gz holding, in this order:

    manifest.json                   what the archive holds (manifest.py), written first
    database.sql | database.sqlite3 the database, as the database itself dumps it (databases.py)
    media/...                       every file under MEDIA_ROOT

`service.py` puts them together; `archive.py` writes and reads the tar.
"""

from .errors import BackupError
from .service import make_backup, restore_backup

__all__ = ["BackupError", "make_backup", "restore_backup"]
