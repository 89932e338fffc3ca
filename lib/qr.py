"""QR codes drawn into PDFs as vector squares (sharp at any print size, no image files)."""

import segno
from fpdf import FPDF

QR_BORDER = 4  # modules of quiet zone the QR standard asks for


def draw_qr(pdf: FPDF, data: str, x: float, y: float, size: float) -> None:
    """The QR code as black squares (one rectangle per run of dark modules in a row)."""
    rows = segno.make(data, error="m", micro=False).matrix
    module = size / (len(rows) + 2 * QR_BORDER)
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(rows):
        top = y + (QR_BORDER + row_index) * module
        start = None
        for column, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                pdf.rect(x + (QR_BORDER + start) * module, top, (column - start) * module, module, style="F")
                start = None
