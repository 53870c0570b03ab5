"""Where a practice spreads: municipalities asking to do it too.

A request is kept whatever happens to the practice afterwards (its title is
copied), and counts for the case in every language: it names the case by its
translation key.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReplicationRequest(models.Model):
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="replication_requests",
    )
    practice_title = models.CharField(_("practice title"), max_length=255)
    translation_key = models.UUIDField(db_index=True)
    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="replication_requests",
    )
    contact_name = models.CharField(_("your name"), max_length=200)
    contact_role = models.CharField(_("position"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    language = models.CharField(max_length=5)
    created = models.DateTimeField(_("sent"), auto_now_add=True)
    # Set once the practice's contact and the moderators have been written to.
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("replication request")
        verbose_name_plural = _("replication requests")

    def __str__(self):
        return f"{self.municipality} → {self.practice_title}"


def requests_for(page):
    """Requests for the page's case, in any of its languages."""
    return ReplicationRequest.objects.filter(translation_key=page.translation_key)


def requests_for_practices(pages):
    """Requests for the cases of these practice pages (a queryset), in any of their languages."""
    return ReplicationRequest.objects.filter(translation_key__in=pages.values("translation_key"))
