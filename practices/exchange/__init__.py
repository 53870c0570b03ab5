"""Moving practices in and out of the portal as JSON or CSV files.

`formats` reads and writes files as plain records, `validation` checks
records against the reference data, `writer` turns valid records into pages
and `export` turns pages back into records.
"""
