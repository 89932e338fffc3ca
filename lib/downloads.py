"""What an export link answers: a file to download (made in memory, or a workbook written to a
temporary file and streamed from there), or a short plain text saying why there is none."""

import io
import tempfile
from collections.abc import Callable
from typing import IO, Any

from django import forms
from django.http import FileResponse, HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """`content` downloaded as `filename`."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def workbook_download(workbook: Any, filename: str) -> HttpResponse:
    """An openpyxl workbook made in memory, downloaded as `filename`."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(buffer.getvalue(), XLSX, filename)


def xlsx_download(write: Callable[[IO[bytes]], Any], filename: str) -> FileResponse:
    """The workbook `write` writes into the file it is given, downloaded as `filename`."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    write(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


def refusal(text: str, status: int = 400) -> HttpResponse:
    """Why the export is refused, as plain text."""
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


def form_errors(form: forms.Form) -> str:
    """A form's errors on one line: each field's name and messages."""
    return "; ".join(f"{name}: {' '.join(map(str, messages))}" for name, messages in form.errors.items())
