"""The practice form keeps a municipal contributor's municipality on the case.

Without it, a contributor could save a case under another municipality and
lose it, or move a case into a municipality they do not represent. It also
keeps files awaiting moderation off the contributor's pages: Wagtail's choosers
hide them, but a form sent by hand may name any file by its id, and a preview
would then show it.

What a practice needs before it goes to moderators or readers follows the
public "share a practice" form (submissions.forms.ShareForm): a name, where,
what was done, and a way to reach the contact person it names. A draft may be
saved without them, as Wagtail saves drafts of pages with required fields empty.

This module imports no models at load time: practices.models imports it.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from moderation.files import file_ids_in, files_used_by, private_files_among
from moderation.permissions import contributor_scope

# Only those who may publish (moderators) give or take away the recommendation.
MODERATOR_FIELDS = ("recommended_on", "recommendation_reason")
# A translator puts the reason of a recommended case into the translation's
# language: that gives nothing and takes nothing away (the date says whether the
# case is recommended, and a reason cannot be emptied while it is), and the
# wording is checked when the translation is moderated.
TRANSLATABLE_MODERATOR_FIELDS = ("recommendation_reason",)
TRANSLATE_PERMISSION = "simple_translation.submit_translation"


class PracticePageForm(WagtailAdminPageForm):
    def __init__(self, *args, municipality=None, **kwargs):
        """`municipality`: where a new practice starts, as its add link says (see moderation.practice_views)."""
        super().__init__(*args, **kwargs)
        self.scope = contributor_scope(self.for_user) if self.for_user else None
        if self.for_user and not self._may_publish():
            translating = self._translates_a_recommended_case()
            for name in MODERATOR_FIELDS:
                if name in self.fields and not (translating and name in TRANSLATABLE_MODERATOR_FIELDS):
                    # A disabled field keeps its stored value whatever a request sends.
                    self.fields[name].disabled = True
        if "title" in self.fields:
            self.fields["title"].label = _("Name of the practice")
            self.fields["title"].help_text = _(
                "A short name that says what was done, e.g. «A kindergarten through a social order»."
            )
        if not self.is_bound and self.instance.pk is None:
            self._prefill_new_practice(municipality)

    def _may_publish(self):
        page = self.instance if self.instance.pk else self.parent_page
        if page is None:
            return self.for_user.is_superuser
        return (
            page.permissions_for_user(self.for_user).can_publish()
            if self.instance.pk
            else (page.permissions_for_user(self.for_user).can_publish_subpage())
        )

    def _translates_a_recommended_case(self):
        """Whether this is a translation of a recommended case, edited by someone who translates.

        The first language version of a case is its original, whose reason is the
        moderators' own words; every later one is a translation.
        """
        page = self.instance
        if page.pk is None or page.recommended_on is None or not self.for_user.has_perm(TRANSLATE_PERMISSION):
            return False
        earlier = type(page).objects.filter(translation_key=page.translation_key, pk__lt=page.pk)
        return earlier.exclude(locale_id=page.locale_id).exists()

    def _profile(self):
        from moderation.models import ContributorProfile

        return (
            ContributorProfile.objects.filter(user=self.for_user)
            .select_related("municipality", "user")
            .first()
        )

    def _prefill_new_practice(self, municipality):
        profile = self._profile() if self.scope is not None else None
        if municipality is not None and self.scope is not None and municipality.pk not in self.scope:
            # An add link edited by hand cannot start a case in a municipality the
            # contributor does not represent; saving it would be refused anyway.
            municipality = None
        if municipality is None and profile is not None:
            municipality = profile.municipality
        locations = self.formsets["locations"].forms
        if municipality is not None and locations:
            locations[0].initial.update(
                {
                    "oblast": municipality.oblast_id,
                    "rayon": municipality.rayon_id,
                    "municipality": municipality.pk,
                }
            )
        if profile is not None and profile.contact_consent:
            for field, value in profile.practice_contact().items():
                if not self.initial.get(field):
                    self.initial[field] = value

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            self._require_what_the_public_form_requires(cleaned_data)
        if self.scope is not None:
            chosen = self._chosen_municipalities()
            if chosen is not None and not chosen & self.scope:
                self.add_error(None, self._outside_scope_message())
            if self._adds_private_files():
                self.add_error(
                    None, _("A practice can only use photos and documents that moderators have published.")
                )
        return cleaned_data

    def _require_what_the_public_form_requires(self, cleaned_data):
        story = cleaned_data.get("what_was_done")
        if "what_was_done" in self.fields and "what_was_done" not in self.errors and not story:
            self.add_error(
                "what_was_done", ValidationError(_("Please describe what was done."), code="required")
            )
        contact_fields = ("contact_name", "contact_phone", "contact_email")
        if all(name in self.fields and name not in self.errors for name in contact_fields):
            if cleaned_data.get("contact_name") and not (
                cleaned_data.get("contact_phone") or cleaned_data.get("contact_email")
            ):
                self.add_error(
                    "contact_phone",
                    ValidationError(
                        _("Give a phone number or an email address, so that other municipalities can reach the contact person."),
                        code="no_contact",
                    ),
                )

    def _adds_private_files(self):
        """Whether the form puts on the page a file of the private collection it did not have before."""
        chosen = file_ids_in(self._fields_and_values())
        if self.instance.pk:
            before = files_used_by(self.instance.get_latest_revision_as_object())
            chosen = {model: ids - before.get(model, set()) for model, ids in chosen.items()}
        return private_files_among(chosen)

    def _fields_and_values(self):
        yield from _model_fields(self._meta.model, self.cleaned_data)
        for formset in self.formsets.values():
            # The page form is cleaned before its formsets; this cleans them now.
            formset.is_valid()
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None)
                if data and not data.get("DELETE"):
                    yield from _model_fields(formset.model, data)

    def _chosen_municipalities(self):
        """Municipality ids in the submitted locations, or None while the locations are invalid."""
        locations = self.formsets["locations"]
        if not locations.is_valid():
            return None
        return {
            form.cleaned_data["municipality"].pk
            for form in locations.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("municipality")
        }

    def _outside_scope_message(self):
        profile = self._profile()
        if profile is None or profile.municipality is None:
            return _(
                "Your account has no municipality yet. Ask a moderator to set it in your contributor profile."
            )
        return _("A practice you submit must name your municipality, %(municipality)s, in its locations.") % {
            "municipality": profile.municipality
        }


def _model_fields(model, cleaned_data):
    for name, value in cleaned_data.items():
        try:
            yield model._meta.get_field(name), value
        except FieldDoesNotExist:
            continue
