"""The criteria sets, for the provincial administrator: the list, one set, its import."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import jurisdiction
from accounts.models import User
from lib.downloads import XLSX, attachment
from lib.forms import StyledForm
from lib.routes import route

from .. import scoring
from ..actions.criteria import import_criteria_set
from ..criteria import (
    MAX_UPLOAD_BYTES,
    CriteriaWorkbook,
    check_criteria_workbook,
    criteria_workbook,
    current_set,
    guide_rows,
    set_version,
)
from ..models import STATE_COLOURS, CriteriaSet, PublicState

MAX_ERRORS_SHOWN = 500


class CriteriaImportForm(StyledForm):
    file = forms.FileField(label=gettext_lazy("Workbook (.xlsx)"), widget=forms.FileInput(attrs={"accept": ".xlsx"}))
    partial = forms.BooleanField(
        label=gettext_lazy("The imported set is still partial (some official texts are missing)"), required=False
    )
    status_note = forms.CharField(
        label=gettext_lazy("What is still missing"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Only check the file, import nothing"), required=False)

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="too_large")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Only Excel workbooks (.xlsx) can be imported."), code="format")
        return upload


def _administrator(request: HttpRequest) -> User:
    if not jurisdiction.is_administrator(request.user):
        raise PermissionDenied
    assert isinstance(request.user, User)
    return request.user


@login_required
def criteria_list(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    sets = CriteriaSet.objects.filter(is_current=True).order_by("code")
    return render(request, "safety/criteria/list.html", {"sets": sets})


def _rule_text(rule: dict[str, Any], labels: dict[str, str]) -> str:
    target = labels.get(rule["band"], rule["band"])
    if rule["kind"] == "any_item_at_least":
        text = _("Any criterion with %(value)s points or more moves the result to “%(band)s”") % {
            "value": rule["value"],
            "band": target,
        }
    elif rule["kind"] == "any_item_zero":
        text = _("Any criterion at 0 points moves the result to “%(band)s”") % {"band": target}
    else:
        text = _("A failed key criterion (%(items)s) moves the result to “%(band)s”") % {
            "items": ", ".join(rule.get("items", [])),
            "band": target,
        }
    if rule.get("when_bands"):
        bands = ", ".join(f"“{labels.get(code, code)}”" for code in rule["when_bands"])
        text += " " + _("when the result is %(bands)s") % {"bands": bands}
    return text


def _detail_context(criteria_set: CriteriaSet) -> dict[str, Any]:
    definition = criteria_set.definition
    bands = definition.get("bands", [])
    labels = {band["code"]: band["label"] for band in bands}
    sections = [
        {
            "code": section["code"],
            "title": section.get("title", ""),
            "items": [{**item, "max": scoring.item_max(item)} for item in section.get("items", [])],
        }
        for section in definition.get("sections", [])
    ]
    return {
        "criteria_set": criteria_set,
        "current": current_set(criteria_set.code),
        "versions": CriteriaSet.objects.filter(code=criteria_set.code).order_by("-version"),
        "sections": sections,
        "direction": {"risk": _("more points mean more risk"), "safety": _("more points mean safer")}.get(
            definition.get("direction", "safety")
        ),
        "basis": {
            "percent": _("percent of the applicable maximum"),
            "points": _("points"),
            "passed": _("number of criteria passed"),
        }.get(definition.get("basis", "percent")),
        "bands": [
            {
                **band,
                "inclusive": band.get("min_inclusive", True),
                "state_label": PublicState(band["state"]).label,
                "colour": STATE_COLOURS[PublicState(band["state"])],
            }
            for band in bands
        ],
        "rules": [_rule_text(rule, labels) for rule in definition.get("rules", [])],
        "kinds": {
            "choice": _("choice"),
            "number": _("number"),
            "pass_fail": _("pass / fail"),
            "score": _("score"),
        },
        "guide": guide_rows(),
    }


def _version(request: HttpRequest) -> int | None:
    raw = request.GET.get("version")
    if raw is None or raw == "":
        return None
    if not raw.isdigit():
        raise Http404(_("No such version."))
    return int(raw)


@login_required
def criteria_detail(request: HttpRequest, code: str) -> HttpResponse:
    _administrator(request)
    criteria_set = set_version(code, _version(request))
    context = _detail_context(criteria_set) | {"form": CriteriaImportForm(), "checked": None}
    return render(request, "safety/criteria/detail.html", context)


@login_required
@require_POST
def criteria_import(request: HttpRequest, code: str) -> HttpResponse:
    user = _administrator(request)
    current = current_set(code)
    form = CriteriaImportForm(request.POST, request.FILES)
    checked: CriteriaWorkbook | None = None
    status = 200
    if not form.is_valid():
        status = 413 if form.has_error("file", "too_large") else 400
    else:
        checked = check_criteria_workbook(form.cleaned_data["file"], current)
        if checked.errors:
            messages.error(request, _("The file has problems, so nothing was imported."))
            status = 400
        elif not form.cleaned_data["dry_run"]:
            try:
                new = import_criteria_set(
                    current,
                    checked,
                    by=user,
                    partial=form.cleaned_data["partial"],
                    status_note=form.cleaned_data["status_note"].strip(),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                if new.pk == current.pk:
                    messages.info(request, _("The file says what the current version says: nothing changed."))
                else:
                    messages.success(
                        request,
                        _("Version %(version)d created with %(count)d criteria.")
                        % {"version": new.version, "count": checked.item_count},
                    )
                return redirect("safety:criteria_detail", code=code)
    context = _detail_context(current) | {
        "form": form,
        "checked": checked,
        "errors_shown": checked.errors[:MAX_ERRORS_SHOWN] if checked else [],
    }
    return render(request, "safety/criteria/detail.html", context, status=status)


@login_required
def criteria_template(request: HttpRequest, code: str) -> HttpResponse:
    """The set as a workbook in the import format: edit it and import it back."""
    _administrator(request)
    criteria_set = set_version(code, _version(request))
    return attachment(criteria_workbook(criteria_set), XLSX, f"{criteria_set.code}-v{criteria_set.version}.xlsx")


urlpatterns = [
    route("criteria/", criteria_list, name="criteria_list", access="administrator"),
    route("criteria/<slug:code>/", criteria_detail, name="criteria_detail", access="nobody"),
    route("criteria/<slug:code>/import/", criteria_import, name="criteria_import", access="nobody"),
    route("criteria/<slug:code>/template.xlsx", criteria_template, name="criteria_template", access="nobody"),
]
