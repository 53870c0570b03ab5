"""The "share your practice" form, in the words a municipal secretary would use."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.fields import DbIdChoiceField, DbIdMultipleChoiceField
from practices.collation import sort_key
from practices.models import Municipality, ServiceType

from .conf import setting
from .fields import MultipleFileField, MultipleFileInput, PlainTextField
from .uploads import CHECKS, CheckedFile, accepted_document_extensions

MAX_TEXT = 10_000
# Digits people type in Kyrgyzstan: +996 555 12 34 56, 0 (3656) 5-12-34.
_PHONE_CHARACTERS = re.compile(r"^[+\d\s().-]+$")
_AMOUNT_SPACES = re.compile(r"[\s'’_]")

FILE_FIELDS = {"photos": "photo", "documents": "document"}


def municipality_choices():
    """Municipalities grouped by oblast, each sorted by the reader's alphabet."""
    groups = {}
    for municipality in Municipality.objects.select_related("oblast", "rayon"):
        groups.setdefault(municipality.oblast, []).append(municipality)
    choices = [("", gettext("Choose the municipality"))]
    for oblast in sorted(groups, key=lambda o: (o.sort_order, sort_key(o.name))):
        options = [
            (m.pk, f"{m.name} ({m.rayon.name})" if m.rayon else m.name) for m in groups[oblast]
        ]
        choices.append((oblast.name, sorted(options, key=lambda option: sort_key(option[1]))))
    return choices


class ShareForm(forms.Form):
    title = PlainTextField(
        label=_("Name of the practice"),
        max_length=255,
        help_text=_("A short name that says what was done, e.g. «A kindergarten through a social order»."),
        error_messages={"required": _("Please write a name for the practice.")},
    )
    municipality = DbIdChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        help_text=_("Where the practice was carried out."),
        error_messages={
            "required": _("Please choose the municipality."),
            "invalid_choice": _("Please choose the municipality from the list."),
        },
    )
    service_types = DbIdMultipleChoiceField(
        label=_("Which services does it concern?"),
        queryset=ServiceType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more, or none if nothing fits."),
        error_messages={"invalid_choice": _("Please choose services from the list.")},
    )
    problem = PlainTextField(
        label=_("What was the problem?"),
        multiline=True,
        required=False,
        max_length=MAX_TEXT,
        help_text=_("What was wrong or missing before, and for whom."),
    )
    what_was_done = PlainTextField(
        label=_("What was done?"),
        multiline=True,
        max_length=MAX_TEXT,
        help_text=_("Who did what, step by step."),
        error_messages={"required": _("Please describe what was done.")},
    )
    results = PlainTextField(
        label=_("What changed?"),
        multiline=True,
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Results, with numbers if you have them: how many people, how much money, how long."),
    )
    cost_amount = PlainTextField(
        label=_("How much did it cost, in som?"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("In digits, e.g. 150000. Leave empty if you are not sure."),
    )
    funding = PlainTextField(
        label=_("Who paid for it, and how?"),
        multiline=True,
        required=False,
        max_length=300,
        rows=3,
        help_text=_("E.g. the local budget, a donor's grant, contributions of residents."),
    )
    partners = PlainTextField(
        label=_("Who helped?"),
        multiline=True,
        required=False,
        max_length=1000,
        rows=3,
        help_text=_("Partner organisations: NGOs, donors, state bodies."),
    )
    contact_name = PlainTextField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please write your name.")},
    )
    contact_role = PlainTextField(
        label=_("Your position"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        help_text=_("E.g. executive secretary of the ayil okmotu."),
    )
    contact_phone = PlainTextField(
        label=_("Phone"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(
        label=_("Email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Please check the email address: it should look like name@example.kg.")},
    )
    contact_consent = forms.BooleanField(
        label=_("My name, position, phone and email may be shown on the published practice."),
        required=False,
    )
    photos = MultipleFileField(
        label=_("Photos"),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    documents = MultipleFileField(label=_("Documents"))

    def __init__(self, *args, pending=(), upload_limits=None, **kwargs):
        """`pending`: files kept from an earlier try; `upload_limits`: what the upload handler dropped."""
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = municipality_choices()
        self.fields["photos"].help_text = gettext(
            "Up to %(count)s photos: JPEG, PNG, WebP or GIF, each at most %(size)s."
        ) % {"count": setting("SUBMISSIONS_MAX_PHOTOS"), "size": filesizeformat(setting("SUBMISSIONS_MAX_PHOTO_SIZE"))}
        self.fields["documents"].help_text = gettext(
            "Up to %(count)s documents: PDF, Word, Excel, PowerPoint or OpenDocument, each at most %(size)s."
        ) % {
            "count": setting("SUBMISSIONS_MAX_DOCUMENTS"),
            "size": filesizeformat(setting("SUBMISSIONS_MAX_DOCUMENT_SIZE")),
        }
        # Phones offer only matching files in their picker; the server still
        # checks the content whatever the picker let through.
        self.fields["documents"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in accepted_document_extensions()
        )
        self.upload_limits = upload_limits
        getlist = getattr(self.data, "getlist", None)
        removed = set(getlist("remove_pending") if getlist else self.data.get("remove_pending") or ())
        self.removed_pending = [upload for upload in pending if upload.token in removed]
        self.kept_pending = [upload for upload in pending if upload.token not in removed]
        # Checked files of this post, by kind, kept even when another field
        # fails so the corrected form need not send them again.
        self.new_files = {"photo": [], "document": []}

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"]
        if phone:
            digits = re.sub(r"\D", "", phone)
            if not _PHONE_CHARACTERS.match(phone) or not 6 <= len(digits) <= 15:
                raise ValidationError(
                    _("Please write the phone number in digits, e.g. +996 555 123 456."), code="phone"
                )
        return phone

    def clean_cost_amount(self):
        text = _AMOUNT_SPACES.sub("", self.cleaned_data["cost_amount"] or "").replace(",", ".")
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or amount < 0 or amount >= Decimal(10) ** 12:
            raise ValidationError(
                _("Please write the amount in digits, e.g. 150000, or leave it empty."), code="amount"
            )
        return amount.quantize(Decimal("0.01"))

    def clean_photos(self):
        return self._check_files("photos")

    def clean_documents(self):
        return self._check_files("documents")

    def _check_files(self, field_name):
        kind = FILE_FIELDS[field_name]
        errors = []
        accepted = []
        for name in self._dropped(field_name, "too_large"):
            errors.append(
                gettext("«%(name)s» is larger than %(limit)s. Please send a smaller file.")
                % {"name": name, "limit": filesizeformat(setting(f"SUBMISSIONS_MAX_{kind.upper()}_SIZE"))}
            )
        for uploaded in self.cleaned_data.get(field_name) or []:
            try:
                accepted.append((uploaded, CHECKS[kind](uploaded)))
            except ValidationError as error:
                errors.extend(error.messages)
        limit = setting(f"SUBMISSIONS_MAX_{kind.upper()}S")
        room = max(limit - sum(1 for upload in self.kept_pending if upload.kind == kind), 0)
        if len(accepted) > room or self._dropped(field_name, "too_many"):
            accepted = accepted[:room]
            message = (
                _("At most %(count)s photos can be attached; the others were left out.")
                if kind == "photo"
                else _("At most %(count)s documents can be attached; the others were left out.")
            )
            errors.append(message % {"count": limit})
        self.new_files[kind] = accepted
        if errors:
            raise ValidationError(errors)
        return [checked for _uploaded, checked in accepted]

    def _dropped(self, field_name, reason):
        return self.upload_limits.dropped_in(field_name, reason) if self.upload_limits else []

    def clean(self):
        cleaned_data = super().clean()
        phone = cleaned_data.get("contact_phone")
        email = cleaned_data.get("contact_email")
        phone_failed = "contact_phone" in self.errors
        email_failed = "contact_email" in self.errors
        if not phone and not email and not phone_failed and not email_failed:
            self.add_error(
                "contact_phone",
                ValidationError(
                    _("Please give a phone number or an email address, so that we can reach you."),
                    code="no_contact",
                ),
            )
        return cleaned_data

    def attachments(self):
        """Every file to attach, as (CheckedFile, file object): kept ones first, then this post's."""
        kept = [
            (CheckedFile(upload.kind, upload.extension, upload.original_name, upload.size), upload.file)
            for upload in self.kept_pending
        ]
        new = [item for kind in ("photo", "document") for item in self.new_files[kind]]
        return kept + [(checked, uploaded) for uploaded, checked in new]
