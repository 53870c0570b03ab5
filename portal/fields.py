"""Form fields that choose rows by id, reading the ids through the shared parser.

Django's model choice fields send whatever was posted to the database; an id
past the integer column's range makes the SQLite driver raise instead of
finding nothing, so a hand-made post became a server error.
"""

from django import forms
from django.core.exceptions import ValidationError

from portal.parsing import parse_db_id


def _checked_id(field, value):
    if field.to_field_name is None and parse_db_id(value) is None:
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(value)[:20]}
        )


class DbIdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values:
            _checked_id(self, value)
        return super().to_python(value)


class DbIdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for one in value:
            _checked_id(self, one)
        return super()._check_values(value)
