"""Forms of Wagtail's admin that the portal adjusts."""

from django.contrib.auth.forms import AuthenticationForm
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    """Wagtail's sign-in form, with the password field's label translated.

    Wagtail declares the password field without a label, so Django shows the
    field's name, "Password", in every language; Django's own sign-in form
    labels it through the catalogue.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = AuthenticationForm.base_fields["password"].label
