import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.unit.export.scenario_record import big_record
from warroom.domain.postmortem import build_postmortem
from warroom.export.pdf import TABLE_LIMIT, render_pdf, write_pdf

REPO = Path(__file__).resolve().parents[3]


def poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} (poppler-utils) is missing: .ci/run must install it")
        pytest.skip(f"{tool} not installed (apt-get install poppler-utils)")
    return found


def pdf_text(path: Path) -> str:
    result = subprocess.run([poppler("pdftotext"), "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def pdf_info(path: Path) -> dict[str, str]:
    result = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, check=True)
    lines = result.stdout.decode("utf-8").splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


@pytest.fixture(scope="module")
def scenario_pdf(postmortem, tmp_path_factory) -> Path:
    return write_pdf(postmortem, tmp_path_factory.mktemp("pdf") / "INC-7.pdf")


def test_a4_pages_with_numbers_and_title(scenario_pdf):
    info = pdf_info(scenario_pdf)
    assert info["Page size"].startswith("595 x 842")
    pages = int(info["Pages"])
    assert 3 <= pages <= 12
    assert info["Title"] == "INC-7: Discharge handshakes lost after release 4.12 (Paracétamol orders too)"
    text = pdf_text(scenario_pdf)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


def test_every_section_and_its_facts_are_in_the_text(scenario_pdf):
    text = " ".join(pdf_text(scenario_pdf).split())  # table cells wrap
    for heading in (
        "Summary",
        "Timeline",
        "Durations",
        "Root cause",
        "Vendor engagement",
        "Communication",
        "Checklists",
        "Corrective and preventive actions",
        "Lessons learned",
    ):
        assert heading in text
    for fact in (
        "8 d 20 h 10 min",
        "within SLA",
        "annual leave until 2014-01-03",
        "Database migration is not reversible",
        "Baltic Perimeter Sp. z o.o.",
        "SEV1 runbook",
        "Not written yet.",
    ):
        assert fact in text


def test_latin_names_with_diacritics_extract(scenario_pdf):
    text = pdf_text(scenario_pdf)
    for name in ("Paracétamol", "Ọlá Adéwálé", "Åsa Bergström", "Paweł Wiśniewski", "Nordvik Nät AB"):
        assert name in text
    # 東京 needs a CJK font (Debian: fonts-noto-cjk); without one Qt draws boxes, so it is not asserted


def test_empty_incident_exports(empty_postmortem, tmp_path):
    path = write_pdf(empty_postmortem, tmp_path / "empty.pdf")
    text = pdf_text(path)
    assert "No vendor was contacted." in text and "No timeline entries were recorded." in text


def test_long_timelines_print_one_entry_a_line(record, tmp_path):
    pm = build_postmortem(big_record(TABLE_LIMIT + 100))
    text = pdf_text(write_pdf(pm, tmp_path / "long.pdf"))
    assert f"More than {TABLE_LIMIT} entries, so one a line" in text
    assert "Observation 550: Paracétamol queue length" in text


# A plain Python thread has no Qt event dispatcher, so QTextDocument's layout timers warn
# (harmlessly: the layout is done synchronously); the app's QThreadPool workers have one.
@pytest.mark.qt_log_ignore("QBasicTimer::start: current thread's event dispatcher")
def test_renders_from_a_python_thread(postmortem):
    result: dict[str, object] = {}

    def work() -> None:
        try:
            result["pdf"] = render_pdf(postmortem)
        except Exception as error:  # reported below, in the test's thread
            result["error"] = error

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert "error" not in result, result.get("error")
    assert isinstance(result["pdf"], bytes) and result["pdf"].startswith(b"%PDF-")


def test_renders_from_a_qthread_without_warnings(postmortem):
    from PySide6.QtCore import QThread

    class Export(QThread):
        pdf = b""

        def run(self) -> None:
            self.pdf = render_pdf(postmortem)

    worker = Export()
    worker.start()
    assert worker.wait(60_000)
    assert worker.pdf.startswith(b"%PDF-")


def test_plain_process_without_display_or_widgets(tmp_path):
    script = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from tests.unit.export.scenario_record import scenario_record
from warroom.domain.postmortem import build_postmortem
from warroom.export.pdf import write_pdf
write_pdf(build_postmortem(scenario_record()), {str(tmp_path / "plain.pdf")!r})
assert "PySide6.QtWidgets" not in sys.modules, "the PDF export imported QtWidgets"
import os
print(os.environ.get("QT_QPA_PLATFORM"))
"""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "offscreen"
    assert (tmp_path / "plain.pdf").read_bytes().startswith(b"%PDF-")


def test_no_page_ends_with_a_heading(postmortem, scenario_pdf):
    headings = (
        {s.label for s in postmortem.narrative}
        | {v.name for v in postmortem.vendors.vendors}
        | {
            "Timeline",
            "Durations",
            "Vendor engagement",
            "Communication",
            "Checklists",
            "Corrective and preventive actions",
        }
    )
    pages = int(pdf_info(scenario_pdf)["Pages"])
    for page in range(1, pages + 1):
        text = subprocess.run(
            [
                poppler("pdftotext"),
                "-enc",
                "UTF-8",
                "-layout",
                "-f",
                str(page),
                "-l",
                str(page),
                str(scenario_pdf),
                "-",
            ],
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        lines = [line.strip() for line in text.splitlines() if line.strip() and "postmortem ·" not in line]
        assert lines[-1] not in headings, f"page {page} ends with the heading {lines[-1]!r}"
        assert any(line in headings or line.startswith("INC-7") for line in lines), f"page {page} lost its headings"


def test_a_heading_at_the_foot_of_a_page_moves_to_the_next(qapp):
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    from warroom.export.pdf import keep_headings_with_their_text

    document = QTextDocument()
    document.setPageSize(QSizeF(600, 800))
    lines = "".join(f"<p>Line {n} of Åsa Bergström's notes</p>" for n in range(200))
    document.setHtml("<h2>Summary</h2>" + lines[: len(lines) // 8] + "<h2>Root cause</h2><p>Paracétamol</p>" + lines)
    layout = document.documentLayout()
    heading = document.findBlock(document.toPlainText().index("Root cause"))
    offset = layout.blockBoundingRect(heading).top() % 800
    moved = keep_headings_with_their_text(document, keep_mm=800 - offset)  # too little room below it now
    assert moved == 1
    # now at the top of the next page, below the page's margin and its own
    assert layout.blockBoundingRect(document.findBlock(heading.position())).top() == 800 + 4 + 16
    assert keep_headings_with_their_text(document) == 0  # already at the top of its page
