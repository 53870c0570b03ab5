from django import forms
from django.utils.translation import gettext_lazy as _

from portal.fields import DbIdChoiceField
from practices.models import Municipality
from replication.models import ReplicationRequest


class MunicipalityChoiceField(DbIdChoiceField):
    def label_from_instance(self, municipality):
        return f"{municipality.name} ({municipality.oblast.name})"


class ReplicationRequestForm(forms.ModelForm):
    municipality = MunicipalityChoiceField(
        label=_("Your municipality"), queryset=Municipality.objects.select_related("oblast"),
        empty_label=_("Choose your municipality"),
    )

    class Meta:
        model = ReplicationRequest
        fields = ["municipality", "contact_name", "contact_role", "contact_phone", "contact_email", "message"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "message": _("What you would like to know, or how you plan to do it (optional)."),
        }

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("contact_phone", "").strip() and not cleaned.get("contact_email"):
            self.add_error("contact_phone", _("Give a phone number or an email, so they can answer you."))
        return cleaned
