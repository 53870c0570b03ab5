"""Static files in production: hashed, compressed names from WhiteNoise's manifest.

A page must not fail because `collectstatic` has not run (or missed a file):
the address then falls back to the plain name, the page renders without that
file, and the missing manifest is logged once per name.
"""

import logging

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class PortalStaticFilesStorage(CompressedManifestStaticFilesStorage):
    _warned = set()

    def url(self, name, force=False):
        try:
            return super().url(name, force)
        except ValueError:
            if name not in self._warned:
                self._warned.add(name)
                logger.error("Static file %s is not collected: run `manage.py collectstatic`.", name)
            return StaticFilesStorage.url(self, name)
