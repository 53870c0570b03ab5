"""What a reader sent through the "share your practice" form, kept as they sent it.

The draft practice page made from a submission is for editors to rework; the
submission stays as the record of what the municipality said, with whom to
call back and whether their contact may be published.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REFERENCE_PREFIX = "LSG"


class FileKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    DOCUMENT = "document", _("document")


def _random_name(folder, extension):
    # Stored names are random: media files are served without access checks,
    # and a reader's file name may say more than they meant to publish.
    return f"{folder}/{secrets.token_hex(16)}.{extension}"


def submission_file_path(instance, filename):
    return _random_name(f"submissions/{timezone.now():%Y/%m}", instance.extension)


def pending_upload_path(instance, filename):
    return _random_name("submissions/pending", instance.extension)


class PracticeSubmission(models.Model):
    reference = models.CharField(
        _("reference number"), max_length=20, blank=True, db_index=True, editable=False
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    title = models.CharField(_("title"), max_length=255)
    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    service_types = models.ManyToManyField(
        "practices.ServiceType", verbose_name=_("service types"), blank=True, related_name="+"
    )
    problem = models.TextField(_("the problem"), blank=True)
    what_was_done = models.TextField(_("what was done"))
    results = models.TextField(_("results"), blank=True)
    cost_amount = models.DecimalField(
        _("cost in som"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding = models.TextField(_("who paid and how"), blank=True)
    partners = models.TextField(_("partners"), blank=True)

    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_role = models.CharField(_("position"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_consent = models.BooleanField(_("contact may be published"), default=False)

    # An editor or moderator who typed it in for a municipality with no one online.
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered on the municipality's behalf by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A keyed hash, not the address: enough to see that several submissions
    # came from one place, useless for finding out who sent them.
    client_hash = models.CharField(max_length=64, blank=True, editable=False)
    page = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("draft practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )

    class Meta:
        verbose_name = _("shared practice")
        verbose_name_plural = _("shared practices")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def assign_reference(self):
        """Give the saved submission its number, e.g. LSG-2026-000123, from its id."""
        year = timezone.localtime(self.created_at).year
        self.reference = f"{REFERENCE_PREFIX}-{year}-{self.pk:06d}"
        type(self).objects.filter(pk=self.pk).update(reference=self.reference)


class UploadedFileRecord(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=FileKind.choices)
    original_name = models.CharField(_("file name"), max_length=255)
    # What the content turned out to be (jpeg, pdf, docx…), which also
    # gives the stored file its extension.
    extension = models.CharField(_("file type"), max_length=10)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name


class SubmissionFile(UploadedFileRecord):
    submission = models.ForeignKey(
        PracticeSubmission, on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=submission_file_path, max_length=255)

    class Meta:
        verbose_name = _("submitted file")
        verbose_name_plural = _("submitted files")
        ordering = ["pk"]


class PendingUpload(UploadedFileRecord):
    """A checked file from a form that came back with errors, waiting for the corrected form.

    Phones on slow networks should not send the same photos twice; the form
    carries the token and attaches the file when it is finally accepted.
    """

    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe, editable=False)
    file = models.FileField(upload_to=pending_upload_path, max_length=255)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["pk"]

    def discard(self):
        self.file.delete(save=False)
        self.delete()
