"""Fields many records share: who created a record and when, and whether it is demo data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Created(models.Model):
    """Who created the record (kept when the account goes) and when; neither is edited in a form."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True


class CreatedDemo(Created):
    """A created record that the demo loader may have written (and removes again)."""

    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        abstract = True
