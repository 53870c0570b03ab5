"""One import: check every record, then write all of them in one transaction."""

from dataclasses import dataclass, field

from django.db import transaction

from .validation import check_records
from .writer import PracticeWriter, upsert_partners


@dataclass
class ImportReport:
    records: int
    problems: list = field(default_factory=list)
    written: int = 0
    created: int = 0
    updated: int = 0

    @property
    def skipped(self):
        return self.records - self.written if self.written else (self.records if self.problems else 0)


def import_records(partners, records, labels, base_dir, *, partial=False, dry_run=False):
    """Check everything; write nothing if anything is wrong, unless `partial`.

    A good record may point at a skipped one; the writer drops such links
    rather than the record. One transaction: an error half way leaves the
    portal as it was.
    """
    problems, valid = check_records(partners, records, labels, base_dir)
    report = ImportReport(records=len(records), problems=problems)
    if dry_run or (problems and not partial):
        return report
    good = [record for position, record in enumerate(records) if position in valid]
    with transaction.atomic():
        upsert_partners(partners)
        summary = PracticeWriter(base_dir).write(good)
    report.written = len(good)
    report.created, report.updated = summary["created"], summary["updated"]
    return report
