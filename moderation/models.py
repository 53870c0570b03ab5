"""What the portal keeps about a contributor beyond the Django user."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from moderation.roles import CONTRIBUTORS


class ContributorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="contributor_profile",
    )
    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contributors",
        help_text=_(
            "Required for municipal contributors: they submit and edit practices of this "
            "municipality only."
        ),
    )
    position = models.CharField(
        _("role or position"), max_length=200, blank=True,
        help_text=_("For example: executive secretary of the ayil okmotu."),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    contact_consent = models.BooleanField(
        _("contact may be published"),
        default=False,
        help_text=_("The published practice may show my name, position, phone and email."),
    )

    class Meta:
        verbose_name = _("contributor profile")
        verbose_name_plural = _("contributor profiles")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    def clean(self):
        super().clean()
        if (
            self.municipality_id is None
            and self.user_id
            and self.user.groups.filter(name=CONTRIBUTORS).exists()
        ):
            raise ValidationError(
                {"municipality": _("A municipal contributor needs a municipality.")}
            )

    def practice_contact(self):
        """The practice page's contact fields, filled from this profile."""
        return {
            "contact_name": self.user.get_full_name(),
            "contact_role": self.position,
            "contact_phone": self.phone,
            "contact_email": self.user.email,
        }
