"""The postmortem as an A4 PDF through QtGui only: QTextDocument laid out for QPdfWriter.

One HTML string (postmortem.qt.html.j2) becomes one QTextDocument, laid out
against the PDF writer's resolution and painted page by page, with a footer
naming the incident and "Page n of N". Works from a worker thread once a
QGuiApplication exists (ensure_gui_app() makes an offscreen one in a plain
process).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from warroom.atomic_file import write_atomic
from warroom.domain.postmortem import Postmortem
from warroom.domain.safe_text import HTML_SHOWN, neutralise_bidi
from warroom.export.html import markdown_html
from warroom.export.loader import render_template
from warroom.export.qt_app import ensure_gui_app

TEMPLATE = "postmortem.qt.html.j2"
TABLE_LIMIT = 500  # QTextDocument needs ~1 ms a table row: longer timelines print one entry a line
RESOLUTION = 300
MARGINS_MM = QMarginsF(16, 14, 16, 12)
FOOTER_MM = 9.0
CHART_URL = QUrl("warroom-chart.png")
CHART_PIXELS = 1100  # drawn narrower than for screens, so its labels print at a readable size
KEEP_WITH_HEADING_MM = 28.0  # about four lines of text, or a table's header and first rows


def render_pdf(pm: Postmortem, template_dir: Path | None = None, *, chart_png: bytes | None = None) -> bytes:
    """The postmortem as PDF bytes (A4, page numbers, the chart on the timeline page)."""
    ensure_gui_app()
    if chart_png is None and not pm.chart.empty:
        from warroom.export.chart import render_chart

        chart_png = render_chart(pm.chart, width=CHART_PIXELS)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer, f"{pm.header.reference}: {pm.header.title}")
    document = _document(pm, writer, template_dir, chart_png)
    _paint(document, writer, f"{pm.header.reference} postmortem · {pm.header.title}")
    buffer.close()
    return bytes(data.data())


def write_pdf(pm: Postmortem, path: Path, template_dir: Path | None = None) -> Path:
    path = Path(path)
    write_atomic(path, render_pdf(pm, template_dir))
    return path


def render_rich_text_pdf(html: str, *, title: str, footer: str) -> bytes:
    """Any rich-text HTML (e.g. a handover brief) as an A4 PDF with the same pages and footer."""
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer, title)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDocumentMargin(0)
    document.setPageSize(_body_size(writer))
    font = QFont()
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    document.setHtml(html)
    keep_headings_with_their_text(document)
    _paint(document, writer, footer)
    buffer.close()
    return bytes(data.data())


def _writer(device: QIODevice, title: str) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator("Warroom")
    return writer


def _document(pm: Postmortem, writer: QPdfWriter, template_dir: Path | None, chart_png: bytes | None) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDocumentMargin(0)
    document.setPageSize(_body_size(writer))  # before the HTML: paginated documents lay out at once
    font = QFont()
    font.setPointSizeF(9.5)
    document.setDefaultFont(font)
    chart_src = None
    if chart_png:
        image = QImage.fromData(chart_png, "PNG")
        document.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL, image)
        chart_src = CHART_URL.toString()
    # QTextDocument sizes images in CSS pixels (1/96 in) and scales them to the device
    chart_width = int(writer.width() * 96 / RESOLUTION)
    document.setHtml(rich_text_html(pm, template_dir, chart_src=chart_src, chart_width=chart_width))
    keep_headings_with_their_text(document)
    return document


def keep_headings_with_their_text(document: QTextDocument, keep_mm: float = KEEP_WITH_HEADING_MM) -> int:
    """Move a heading to the next page when too little of its section would follow it on this one.

    QTextDocument has no "keep with next": a heading can end a page with its text on the next.
    Headings are few and seldom near a page's foot, so laying out the rest of the document again
    after each move is affordable. Returns how many headings moved."""
    layout = document.documentLayout()
    page = document.pageSize().height()
    keep = keep_mm / 25.4 * RESOLUTION
    moved = 0
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.headingLevel() and not _starts_a_page(fmt):
            rect = layout.blockBoundingRect(block)
            offset = rect.top() % page
            at_top = offset <= document.documentMargin() + fmt.topMargin() + 1
            if not at_top and offset + _heading_run_height(layout, block) + keep > page:
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
                # the incremental relayout after a format change leaves later blocks without their
                # lines when painted to a PDF writer, and their positions stale: lay them out afresh
                document.markContentsDirty(block.position(), document.characterCount() - block.position())
                moved += 1
        block = block.next()
    return moved


def _heading_run_height(layout, block) -> float:
    """The height of a heading and the headings right after it ("Checklists" then its first list's name):
    they move together, so a section heading never stays behind alone."""
    top = layout.blockBoundingRect(block).top()
    last = block
    while last.next().isValid() and last.next().blockFormat().headingLevel():
        last = last.next()
    return layout.blockBoundingRect(last).bottom() - top


def _starts_a_page(fmt) -> bool:
    return bool(fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def rich_text_html(
    pm: Postmortem,
    template_dir: Path | None = None,
    *,
    chart_src: str | None = None,
    chart_width: int = 700,
    table_limit: int = TABLE_LIMIT,
    border: int = 3,
) -> str:
    """The postmortem in the HTML subset QTextDocument lays out: the PDF's source, and the window's preview.

    `chart_src` names an image resource the caller adds to the document; `border` is the table rule
    width in device pixels (3 at the PDF's 300 dpi, 1 on a screen)."""
    context = {
        "pm": pm,
        "chart_src": chart_src,
        "chart_width": chart_width,
        "table_limit": table_limit,
        "border": border,
    }
    filters = (("markdown", markdown_html), ("pt", points_to_pixels))
    html = render_template(TEMPLATE, context, template_dir=template_dir, autoescape=True, filters=filters)
    return neutralise_bidi(html, HTML_SHOWN)


def points_to_pixels(points: float) -> str:
    """A CSS length in px (1/96 inch): Qt ignores pt in margins but scales px to the device."""
    return f"{round(points * 96 / 72)}px"


def _body_size(writer: QPdfWriter) -> QSizeF:
    """The printable area less the footer, in device pixels."""
    return QSizeF(float(writer.width()), float(writer.height()) - FOOTER_MM / 25.4 * RESOLUTION)


def _paint(document: QTextDocument, writer: QPdfWriter, footer_title: str) -> None:
    width, body = document.pageSize().width(), document.pageSize().height()
    footer = float(writer.height()) - body
    pages = document.pageCount()
    painter = QPainter(writer)
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body)
            document.drawContents(painter, QRectF(0, page * body, width, body))
            painter.restore()
            _footer(painter, footer_title, QRectF(0, body, width, footer), page + 1, pages)
    finally:
        painter.end()


def _footer(painter: QPainter, footer_title: str, area: QRectF, page: int, pages: int) -> None:
    painter.setPen(QPen(QColor("#b8c0c8"), RESOLUTION / 150))
    line_y = area.top() + area.height() * 0.35
    painter.drawLine(area.left(), line_y, area.right(), line_y)
    font = QFont()
    font.setPointSizeF(7.5)
    painter.setFont(font)
    painter.setPen(QColor("#59636e"))
    text_area = QRectF(area.left(), line_y, area.width(), area.bottom() - line_y)
    number = f"Page {page} of {pages}"
    room = area.width() - QFontMetricsF(font, painter.device()).horizontalAdvance(number) * 1.3
    title = QFontMetricsF(font, painter.device()).elidedText(footer_title, Qt.TextElideMode.ElideRight, room)
    painter.drawText(text_area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.drawText(text_area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number)
