"""Choosing rows by id in forms: ids the database cannot hold are invalid choices."""

import pytest
from django.core.exceptions import ValidationError

from portal.fields import DbIdChoiceField, DbIdMultipleChoiceField
from practices.models import ServiceType

pytestmark = pytest.mark.django_db

IMPOSSIBLE = ["9223372036854775808", "9" * 5000, "²", "0", "-1"]


@pytest.mark.parametrize("value", IMPOSSIBLE)
def test_an_impossible_id_is_an_invalid_choice(value):
    field = DbIdChoiceField(queryset=ServiceType.objects.all())
    with pytest.raises(ValidationError) as error:
        field.clean(value)
    assert error.value.code == "invalid_choice"


@pytest.mark.parametrize("value", IMPOSSIBLE)
def test_an_impossible_id_among_several_is_an_invalid_choice(value):
    field = DbIdMultipleChoiceField(queryset=ServiceType.objects.all())
    with pytest.raises(ValidationError) as error:
        field.clean([str(ServiceType.objects.first().pk), value])
    assert error.value.code == "invalid_choice"


def test_real_ids_are_chosen():
    first, second = ServiceType.objects.all()[:2]
    assert DbIdChoiceField(queryset=ServiceType.objects.all()).clean(str(first.pk)) == first
    chosen = DbIdMultipleChoiceField(queryset=ServiceType.objects.all()).clean(
        [str(first.pk), str(second.pk)]
    )
    assert set(chosen) == {first, second}
