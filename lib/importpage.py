"""The flow every import page shares: the uploaded file checked, a refused file shown in the
form, and, unless it is a dry run, the rows imported (all of them, or the good ones when asked)
with a message saying what was done or that the bad rows stopped it."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from lib.tabular import CheckedFile, ImportRefused


def import_form(
    request: HttpRequest,
    form: forms.Form,
    check: Callable[[Any], CheckedFile[Any]],
    run: Callable[[CheckedFile[Any], bool], str],
) -> tuple[CheckedFile[Any] | None, int]:
    """The outcome of the check (None before a valid post) and the page's status. `check` gets
    the uploaded file; `run` gets the checked file and whether to skip bad rows, and returns
    the message of success."""
    if request.method != "POST":
        return None, 200
    if not form.is_valid():
        return None, 400
    checked = check(form.cleaned_data["file"])
    if checked.file_error:
        form.add_error("file", checked.file_error)
        return checked, checked.form_status
    if form.cleaned_data["dry_run"]:
        return checked, 200
    try:
        messages.success(request, run(checked, form.cleaned_data["skip_bad_rows"]))
    except ImportRefused:
        messages.error(request, _("The file has bad rows, so nothing was imported."))
        return checked, 400
    return checked, 200
