"""How the admin's read-only detail screens show a value to a moderator.

Wagtail's inspect template passes every value through `localize`, which turns a
datetime into text before Django can move it into the site's time zone: the
detail showed UTC while the list beside it showed Bishkek time. It also prints
an empty value as «None» and a flag as «True»/«False». Values are made ready
for reading here, before the template sees them.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import InspectView

EMPTY = "—"


def readable_value(value):
    """A field's value as a moderator reads it: local time, yes or no, a dash for nothing."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "DATETIME_FORMAT")
    return value


class ReadableInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        return readable_value(super().get_field_display_value(field_name, field))
