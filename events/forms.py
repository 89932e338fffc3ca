"""Forms of the events pages. They read the input; the rules live in the actions."""

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import AnyUser
from lib.forms import StyledForm
from safety.pickers import place_field

from . import queries
from .models import Event


class SiteForm(StyledForm):
    """A site of the event: a polling station or school of its area, picked, and the site's name."""

    place = forms.CharField(label=_("Place"))  # a place picker, made for the user and the event
    name = forms.CharField(label=_("Name of the site"), max_length=200, required=False)

    def __init__(self, user: AnyUser, event: Event, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"] = place_field(
            _("Place"),
            user,
            places=queries.site_places(user, event),
            url=reverse("events:site_place_pick", args=[event.pk]),
            help_text=_("A polling station or school of the event's area: type part of its name, then pick."),
        )
        self.fields["name"].widget.attrs["placeholder"] = _("e.g. Khu vực bỏ phiếu số 3")
