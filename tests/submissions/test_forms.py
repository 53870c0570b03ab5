"""The form's own rules: phone numbers, amounts, invisible characters, and the municipality list."""

import pytest
from django.utils import translation

from submissions.fields import tidy_text
from submissions.forms import ShareForm, municipality_choices

pytestmark = pytest.mark.django_db


def cleaned(valid_data, **changes):
    form = ShareForm({**valid_data, **changes})
    return form, form.is_valid()


@pytest.mark.parametrize("phone", ["+996 3656 5 12 34", "0 (3656) 5-12-34", "0555123456"])
def test_phone_numbers_as_people_write_them_are_accepted(valid_data, phone):
    form, valid = cleaned(valid_data, contact_phone=phone)
    assert valid, form.errors


@pytest.mark.parametrize("phone", ["12", "+996 555 abc", "1" * 20])
def test_phone_without_enough_digits_is_refused(valid_data, phone):
    form, valid = cleaned(valid_data, contact_phone=phone)
    assert not valid and "contact_phone" in form.errors


@pytest.mark.parametrize(
    ("typed", "amount"), [("150 000", 150000), ("1\u00a0250,50", 1250.5), ("", None), ("0", 0)]
)
def test_amount_is_read_with_spaces_and_a_decimal_comma(valid_data, typed, amount):
    form, valid = cleaned(valid_data, cost_amount=typed)
    assert valid, form.errors
    assert form.cleaned_data["cost_amount"] == amount


def test_email_alone_is_enough_to_reach_the_sender(valid_data):
    form, valid = cleaned(valid_data, contact_phone="")
    assert valid, form.errors


def test_invisible_characters_go_and_kyrgyz_letters_stay():
    assert tidy_text("\u202eЖаңы\u200b  өнүгүү\ufeff ") == "Жаңы өнүгүү"
    assert tidy_text("Биринчи\r\n\r\n\r\n\r\nЭкинчи\u200d", multiline=True) == "Биринчи\n\nЭкинчи"


def test_municipalities_are_grouped_by_oblast_in_the_readers_language(site_tree):
    with translation.override("ru"):
        choices = municipality_choices()
    groups = dict(choices[1:])
    assert "Баткенская область" in groups
    labels = [label for _pk, label in groups["Баткенская область"]]
    assert any(label.startswith("Катранский айылный аймак") for label in labels)
    assert labels == sorted(labels, key=lambda label: label.casefold())
