"""Files kept with a record (photos, PDFs): the fields every attachment has, the one rule for
what may be attached, and its JSON form."""

from typing import Any, ClassVar

from django.db import models
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from lib import uploads
from lib.records import person

KINDS = (*uploads.IMAGES, "pdf")
MAX_BYTES = 5 * 1024 * 1024


def upload_to(attachment: "Attachment", filename: str) -> str:
    """Where an attachment's file is stored: "<folder>/<id of its record>/<file name>"."""
    return f"{attachment.folder}/{attachment.serializable_value(attachment.record_field)}/{filename}"


class Attachment(models.Model):
    """A file kept with a record. A subclass adds the foreign key to that record, names it in
    `record_field` and names the `folder` its files go to (below, one folder per record); one
    whose files are stored otherwise redeclares `file` with its own upload path."""

    folder: ClassVar[str]
    record_field: ClassVar[str]

    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = person()
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file = models.FileField(_("file"), upload_to=upload_to, max_length=255)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


def check(upload: Any, field: str = "file") -> str:
    """The content type of a photo or PDF of at most 5 MB; ValidationError (FileTooLarge) otherwise."""
    return uploads.check_upload(upload, KINDS, max_bytes=MAX_BYTES, field=field)


def response(attachment: Any) -> FileResponse:
    """The attached file to show in the browser; a PDF is downloaded under its name."""
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=attachment.name,
    )


class AttachmentOut(Schema):
    # What `describe` gives for each file; an app names its own subclass for the API document.
    id: int
    name: str
    content_type: str
    size: int
    url: str


def describe(attachments: Any, url_name: str) -> list[dict[str, Any]]:
    """The API's view of a record's attachments, each with the URL that serves it."""
    return [
        {
            "id": a.pk,
            "name": a.name,
            "content_type": a.content_type,
            "size": a.size,
            "url": reverse(url_name, kwargs={"pk": a.pk}),
        }
        for a in attachments
    ]
