"""A directive in the layout of Nghị định 30/2020/NĐ-CP, as a Document for DOCX, PDF and HTML.

The document's own words ("Số:", "Kính gửi:", "Nơi nhận:") are Vietnamese whatever the reader's
language: it is the official text, not the interface.
"""

import re
from datetime import date

from django.http import HttpResponse

from lib.downloads import XLSX, attachment

from .documents import Document, Letter, Letterhead, Part, Signature, numeric_date, paragraph, render_docx, render_pdf
from .models import Directive, Frequency

FREQUENCY_WORDS = {
    Frequency.WEEKLY: "định kỳ hằng tuần",
    Frequency.FORTNIGHTLY: "định kỳ hai tuần một lần",
    Frequency.MONTHLY: "định kỳ hằng tháng",
}


def letterhead(directive: Directive, day: date | None) -> Letterhead:
    """The directive's issuer, place and number, dated `day` (the issue date on the letter itself,
    the day of writing on a report about it)."""
    return Letterhead(
        issuing_body=directive.issuing_body,
        parent_body=directive.parent_body,
        place=directive.place,
        reference=directive.reference,
        day=day,
    )


def addressee_lines(directive: Directive) -> list[str]:
    """The "Kính gửi" lines: recipient groups in their order, then organisations outside them."""
    groups = list(directive.recipient_groups.order_by("position", "name"))
    grouped = {pk for group in groups for pk in group.members.values_list("pk", flat=True)}
    lines = [group.name for group in groups]
    lines += [o.name for o in directive.recipient_organisations.order_by("kind", "name") if o.pk not in grouped]
    return lines


def implements_sentence(directive: Directive) -> str:
    documents = list(directive.implements.order_by("issued_on", "number"))
    if not documents:
        return ""
    return "Thực hiện " + "; ".join(f"{d.citation} về việc {d.subject}" for d in documents) + ";"


def report_sentence(directive: Directive) -> str:
    if directive.report_due_on is None:
        return ""
    sentence = f"Các cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày {numeric_date(directive.report_due_on)}"
    if directive.report_every:
        sentence += f", sau đó {FREQUENCY_WORDS[Frequency(directive.report_every)]}"
        if directive.reports_until:
            sentence += f" đến ngày {numeric_date(directive.reports_until)}"
    return sentence + "."


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


_LEADING_VV = re.compile(r"^\s*v\s*/\s*v\s*[.:]?\s*", re.IGNORECASE)


def subject_without_vv(subject: str) -> str:
    """The subject as typed may start with "V/v" already; it is printed once."""
    return _LEADING_VV.sub("", subject).strip()


def build(directive: Directive) -> Document:
    body: list[Part] = []
    implementing = implements_sentence(directive)
    if implementing:
        body.append(paragraph(implementing))
    body += [paragraph(text) for text in paragraphs(directive.opening)]
    body += [paragraph(f"{item.number}. {item.text}") for item in directive.items.all()]
    body += [paragraph(text) for text in paragraphs(directive.closing)]
    reporting = report_sentence(directive)
    if reporting:
        body.append(paragraph(reporting))
    archive = "VT" + (f", {directive.archive_division}" if directive.archive_division else "")
    letter = Letter(
        head=letterhead(directive, directive.issued_on),
        subject=subject_without_vv(directive.subject),
        addressees=addressee_lines(directive),
        body=body,
        recipients=["Như trên"] + [str(copy) for copy in directive.copies.all()],
        archive=archive,
        signature=Signature(
            directive.signer_title,
            directive.signer_name,
            authority=directive.authority,
            head_title=directive.head_title,
        ),
        draft=not directive.is_issued,
    )
    return letter.document()


def file_name(directive: Directive, extension: str) -> str:
    base = directive.reference.replace("/", "-").replace("…", "du-thao")
    return f"{base}.{extension}"


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": XLSX,
}


def render(document: Document, extension: str) -> bytes:
    return render_docx(document) if extension == "docx" else render_pdf(document)


def download(content: bytes, extension: str, name: str) -> HttpResponse:
    """An HttpResponse that downloads the file."""
    return attachment(content, CONTENT_TYPES[extension], name)
