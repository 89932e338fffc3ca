from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import AnyUser
from lib.forms import RecordsChoiceField, style
from lib.picker import PickMultipleField
from territory.models import Level, Organisation, OrganisationKind, RecipientGroup

from . import access, official
from .actions import DraftData
from .models import Authority, CopyPurpose, Directive, Frequency, IncomingDocument

PURPOSE_SUFFIXES = {f"({p.value})": p.value for p in CopyPurpose if p.value}


def parse_copies(text: str) -> list[tuple[str, str]]:
    """ "UBND tỉnh (b/c)" → ("UBND tỉnh", "b/c"); one line of "Nơi nhận" per line."""
    copies = []
    for line in text.splitlines():
        line = line.strip().lstrip("-").strip().rstrip(";.").strip()
        if not line:
            continue
        purpose = next((value for suffix, value in PURPOSE_SUFFIXES.items() if line.endswith(suffix)), "")
        name = line[: -len(f"({purpose})")].strip() if purpose else line
        copies.append((name, purpose))
    return copies


def printed_heading(issuer: Organisation) -> dict[str, str]:
    """What the heading of a letter from this organisation prints, unless the writer says
    otherwise: its name in capitals, its province's People's Committee above a department, and
    the province as the place name (địa danh)."""
    province = issuer.unit if issuer.unit.level == Level.PROVINCE else issuer.unit.ancestors().first()
    place = (province.short_name or province.name) if province is not None else ""
    parent = f"UBND TỈNH {place.upper()}" if issuer.kind == OrganisationKind.DEPARTMENT and place else ""
    return {"issuing_body": issuer.name.upper(), "parent_body": parent, "place": place}


class DirectiveForm(forms.Form):
    issuer = forms.ModelChoiceField(label=_("Issuing organisation"), queryset=Organisation.objects.none())
    parent_body = forms.CharField(label=_("Parent body"), max_length=200, required=False)
    issuing_body = forms.CharField(
        label=_("Issuing body as printed"),
        max_length=200,
        required=False,
        help_text=_("Left empty: the issuing organisation's name in capitals."),
    )
    symbol = forms.CharField(label=_("Symbol"), max_length=60, help_text=_("e.g. STTTT-TTBCXB"))
    place = forms.CharField(
        label=_("Place name (địa danh)"),
        max_length=80,
        required=False,
        help_text=_("Printed before the date, e.g. “Đắk Nông”. Left empty: the issuer's province."),
    )
    subject = forms.CharField(
        label=_("Subject (V/v)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Without “V/v”: it is printed in front of the subject."),
    )
    implements = RecordsChoiceField(label=_("Implements"), queryset=IncomingDocument.objects.none(), required=False)
    groups = RecordsChoiceField(
        label=_("To (recipient groups)"),
        queryset=RecipientGroup.objects.order_by("position"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = PickMultipleField(
        Organisation.objects.none(),
        "directives:recipient_pick",
        label=_("To (organisations)"),
        label_from=str,
        required=False,
        help_text=_(
            "Type part of a name (without accents is fine) and pick; a recipient group adds all its organisations."
        ),
    )
    opening = forms.CharField(label=_("Opening"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    items = forms.CharField(
        label=_("Content items"),
        help_text=_("One item per line; they are numbered 1, 2, 3… in this order."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    closing = forms.CharField(label=_("Closing"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    report_due_on = forms.DateField(
        label=_("First report due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    report_every = forms.TypedChoiceField(label=_("Reports"), choices=Frequency.choices, coerce=int, initial=0)
    reports_until = forms.DateField(
        label=_("Reports until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    copies = forms.CharField(
        label=_("Also to (Nơi nhận)"),
        required=False,
        help_text=_(
            "One per line, e.g. “UBND tỉnh (b/c)”, “Sở Y tế (phối hợp)”. “Như trên” and the archive are added."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    archive_division = forms.CharField(label=_("Archiving division"), max_length=40, required=False)
    authority = forms.ChoiceField(label=_("Signing authority"), choices=Authority.choices, required=False)
    head_title = forms.CharField(label=_("Title of the head"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=120)
    signer_name = forms.CharField(label=_("Signer"), max_length=120)
    is_public = forms.BooleanField(label=_("Publish on the portal once issued"), required=False)

    def __init__(self, *args: object, user: AnyUser, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["issuer"].queryset = access.issuing_organisations(user).order_by("kind", "name")  # type: ignore[attr-defined]
        self.fields["implements"].queryset = access.visible_incoming(user).order_by("-issued_on")  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = access.recipient_organisations(user).order_by("kind", "name")  # type: ignore[attr-defined]
        self.fields["groups"].queryset = access.recipient_groups(user)  # type: ignore[attr-defined]
        issuers = list(self.fields["issuer"].queryset[:2])  # type: ignore[attr-defined]
        if not self.is_bound and len(issuers) == 1 and not self.initial.get("issuer"):
            self.initial.update({"issuer": issuers[0], **printed_heading(issuers[0])})
        style(self)

    def clean_subject(self) -> str:
        return official.subject_without_vv(self.cleaned_data["subject"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issuer = data.get("issuer")
        if issuer is not None:
            for name, value in printed_heading(issuer).items():
                if not data.get(name):
                    data[name] = value
        return data

    @staticmethod
    def initial_from(directive: Directive) -> dict[str, object]:
        return {
            **{
                name: getattr(directive, name)
                for name in (
                    "issuer",
                    "parent_body",
                    "issuing_body",
                    "symbol",
                    "place",
                    "subject",
                    "opening",
                    "closing",
                    "report_due_on",
                    "report_every",
                    "reports_until",
                    "archive_division",
                    "authority",
                    "head_title",
                    "signer_title",
                    "signer_name",
                    "is_public",
                )
            },
            "implements": list(directive.implements.all()),
            "groups": list(directive.recipient_groups.all()),
            "organisations": list(directive.recipient_organisations.all()),
            "items": "\n".join(item.text for item in directive.items.all()),
            "copies": "\n".join(str(copy) for copy in directive.copies.all()),
        }

    def draft_data(self) -> DraftData:
        data = self.cleaned_data
        return DraftData(
            issuer=data["issuer"],
            subject=data["subject"],
            symbol=data["symbol"],
            place=data["place"],
            issuing_body=data["issuing_body"],
            signer_title=data["signer_title"],
            signer_name=data["signer_name"],
            items=[line for line in data["items"].splitlines() if line.strip()],
            parent_body=data["parent_body"],
            archive_division=data["archive_division"],
            opening=data["opening"],
            closing=data["closing"],
            organisations=[o.code for o in data["organisations"]],
            groups=[g.code for g in data["groups"]],
            copies=parse_copies(data["copies"]),
            implements=[d.pk for d in data["implements"]],
            report_due_on=data["report_due_on"],
            report_every=data["report_every"],
            reports_until=data["reports_until"],
            authority=data["authority"] or "",
            head_title=data["head_title"],
            is_public=data["is_public"],
        )


class IncomingForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Received by"), queryset=Organisation.objects.none())
    number = forms.CharField(label=_("Number and symbol"), max_length=60, help_text=_("e.g. 2240/UBND-KGVX"))
    issued_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    issuer = forms.CharField(label=_("Issuer"), max_length=200, help_text=_("e.g. UBND tỉnh"))
    subject = forms.CharField(label=_("Subject"), max_length=500)
    file = forms.FileField(label=_("File (PDF or Word)"), required=False)

    def __init__(self, *args: object, user: AnyUser, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = access.issuing_organisations(user).order_by("kind", "name")  # type: ignore[attr-defined]
        style(self)
