"""A directive in the layout of Nghị định 30/2020/NĐ-CP, as a Document for DOCX, PDF and HTML.

The document's own words ("Số:", "Kính gửi:", "Nơi nhận:") are Vietnamese whatever the reader's
language: it is the official text, not the interface.
"""

import re
from datetime import date

from django.http import HttpResponse

from .documents import Columns, Document, Para, Rule, Run
from .documents.docx import render_docx
from .documents.pdf import render_pdf
from .models import Directive, Frequency

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_LINE = "Độc lập - Tự do - Hạnh phúc"
FREQUENCY_WORDS = {
    Frequency.WEEKLY: "định kỳ hằng tuần",
    Frequency.FORTNIGHTLY: "định kỳ hai tuần một lần",
    Frequency.MONTHLY: "định kỳ hằng tháng",
}


def dated(place: str, day: date | None) -> str:
    """ "Đắk Nông, ngày 12 tháng 5 năm 2021": days below 10 and months below 3 take a leading zero."""
    if day is None:
        return f"{place}, ngày      tháng      năm"
    day_text = f"{day.day:02d}"
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day_text} tháng {month_text} năm {day.year}"


def numeric_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


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


def body_para(text: str, **options: object) -> Para:
    return Para([Run(text, **options)], align="justify", first_line_mm=10, space_after=6)  # type: ignore[arg-type]


def letter_head(directive: Directive, left_extra: list[Para], day: date | None) -> Columns:
    """Issuing body (under its parent) top left, the national motto top right, place and date under it."""
    left: list[Para | Rule] = []
    if directive.parent_body:
        left.append(Para.text(directive.parent_body.upper(), align="center", size=12.5))
    left += [Para.text(directive.issuing_body.upper(), bold=True, align="center", size=12), Rule(25), *left_extra]
    right: list[Para | Rule] = [
        Para.text(MOTTO, bold=True, align="center", size=12.5),
        Para.text(MOTTO_LINE, bold=True, align="center", size=13.5),
        Rule(58),
        Para.text(dated(directive.place, day), italic=True, align="center", size=13.5, space_before=4),
    ]
    return Columns(left, right, left_share=0.47)


_LEADING_VV = re.compile(r"^\s*v\s*/\s*v\s*[.:]?\s*", re.IGNORECASE)


def subject_without_vv(subject: str) -> str:
    """The subject as typed may start with "V/v" already; it is printed once."""
    return _LEADING_VV.sub("", subject).strip()


def build(directive: Directive) -> Document:
    number_and_subject = [
        Para.text(f"Số: {directive.reference}", align="center", size=13, space_before=4),
        Para.text(f"V/v {subject_without_vv(directive.subject)}", align="center", size=12, space_before=4),
    ]
    blocks: list[Para | Rule | Columns] = []
    if not directive.is_issued:
        blocks.append(Para.text("DỰ THẢO", bold=True, align="right", size=12))
    blocks.append(letter_head(directive, number_and_subject, directive.issued_on))

    addressees = addressee_lines(directive)
    if len(addressees) == 1:
        blocks.append(
            Para([Run("Kính gửi: "), Run(addressees[0] + ".")], align="center", space_before=6, space_after=6)
        )
    elif addressees:
        blocks.append(Para.text("Kính gửi:", align="center", space_before=6))
        for index, line in enumerate(addressees):
            end = "." if index == len(addressees) - 1 else ";"
            blocks.append(Para.text(f"- {line}{end}", first_line_mm=35))
        blocks.append(Para.text("", space_after=6))

    implementing = implements_sentence(directive)
    if implementing:
        blocks.append(body_para(implementing))
    blocks += [body_para(text) for text in paragraphs(directive.opening)]
    blocks += [body_para(f"{item.number}. {item.text}") for item in directive.items.all()]
    blocks += [body_para(text) for text in paragraphs(directive.closing)]
    reporting = report_sentence(directive)
    if reporting:
        blocks.append(body_para(reporting))

    copies = ["Như trên"] + [str(copy) for copy in directive.copies.all()]
    archive = "Lưu: VT" + (f", {directive.archive_division}" if directive.archive_division else "")
    received: list[Para | Rule] = [Para.text("Nơi nhận:", bold=True, italic=True, size=12, space_before=6)]
    received += [Para.text(f"- {line};", size=11) for line in copies]
    received.append(Para.text(f"- {archive}.", size=11))
    signature: list[Para | Rule] = []
    if directive.authority:
        signature.append(Para.text(f"{directive.authority} {directive.head_title.upper()}", bold=True, align="center"))
    signature.append(Para.text(directive.signer_title.upper(), bold=True, align="center"))
    signature.append(Para.text("", space_after=48))
    signature.append(Para.text(directive.signer_name, bold=True, align="center"))
    blocks.append(Columns(received, [Para.text("", space_before=6), *signature], left_share=0.5))
    return Document(title=f"{directive.reference} — {directive.subject}", blocks=blocks)  # type: ignore[arg-type]


def file_name(directive: Directive, extension: str) -> str:
    base = directive.reference.replace("/", "-").replace("…", "du-thao")
    return f"{base}.{extension}"


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(document: Document, extension: str) -> bytes:
    return render_docx(document) if extension == "docx" else render_pdf(document)


def download(content: bytes, extension: str, name: str) -> HttpResponse:
    """An HttpResponse that downloads the file."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
