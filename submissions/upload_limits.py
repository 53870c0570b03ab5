"""Stopping oversized and surplus files while the request is still being read.

Form validation sees a file only after all of it has been written to a
temporary file. This handler runs first and drops a file as soon as it
passes its size limit, or when a field has more files than it may hold, and
remembers what it dropped so the form can say so.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class UploadLimitHandler(FileUploadHandler):
    def __init__(self, request, limits):
        """`limits` maps a file field's name to (largest size in bytes, most files)."""
        super().__init__(request)
        self.limits = limits
        self.counts = {}
        self.dropped = []

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0
        self.counts[field_name] = self.counts.get(field_name, 0) + 1
        size_limit, count_limit = self.limits.get(field_name, (0, 0))
        self.size_limit = size_limit
        self.reason = "too_many" if self.counts[field_name] > count_limit else None

    def receive_data_chunk(self, raw_data, start):
        # Skipping here rather than in new_file matters: Django closes the
        # handlers' current files on a skip, and only once every handler has
        # started this file are those the skipped file's own.
        self.received += len(raw_data)
        if self.reason is None and self.received > self.size_limit:
            self.reason = "too_large"
        if self.reason:
            self.dropped.append((self.field_name, self.file_name, self.reason))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None

    def dropped_in(self, field_name, reason):
        return [name for field, name, why in self.dropped if field == field_name and why == reason]
