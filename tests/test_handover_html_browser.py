"""The HTML pack in a real headless browser: printed to PDF, drawings and text present, one
process per page, and not one request made, not even to a server the page names."""

from __future__ import annotations

import dataclasses
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from kt_workbench.handover.html_pack import export_html
from kt_workbench.markdown import parse_document
from kt_workbench.model import ProcessDocument, SectionNote
from kt_workbench.samples import sample_folder

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    BROWSER is None or shutil.which("pdftotext") is None,
    reason="needs chromium and poppler-utils (.ci/run installs them)",
)


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    _Counting.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Counting.requests
    finally:
        server.shutdown()
        server.server_close()


def _browser(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            f"--user-data-dir={cwd / 'profile'}",
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _documents(server: str) -> list[ProcessDocument]:
    docs = [
        parse_document(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(sample_folder().glob("*.md"))
    ][:4]
    lure = (
        f"![diagram]({server}/image.png) [form]({server}/form) "
        f'<img src="{server}/raw.png"> <link rel="stylesheet" href="{server}/style.css">'
    )
    first = docs[0]
    docs[0] = dataclasses.replace(
        first, notes=(*first.notes, SectionNote("procedure", lure, len(first.steps)))
    )
    return docs


def test_printed_in_a_browser_one_process_a_page_with_its_drawing_and_nothing_fetched(
    tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    server, requests = listener
    docs = _documents(server)
    page = tmp_path / "pack.html"
    export_html(docs, page, allow_secrets=True)
    pdf = tmp_path / "pack.pdf"
    result = _browser(
        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(), cwd=tmp_path
    )
    assert pdf.is_file(), result.stderr[-2000:]
    assert requests == []
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line for line in pages.splitlines() if line.startswith("Pages:")).split()[1])
    assert count >= len(docs) + 1  # the index, then each process from a new page
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for doc in docs:
        assert " ".join(doc.title.split()) in flat
        for visited in doc.decision_tree.walk():
            if visited.node.key:
                assert f"[{visited.node.key}]" in flat  # drawn in the SVG and listed
    assert "Decision tree (jumps link to the node they name)" in flat
    # Each process starts on a page of its own: its title is the first line there.
    for doc in docs:
        first_words = " ".join(doc.title.split()[:3])
        starts = [
            number
            for number, chunk in enumerate(text.split("\f"), start=1)
            if " ".join(chunk.split()).startswith(first_words)
        ]
        assert starts, doc.title


def test_the_screen_rendering_draws_the_trees(tmp_path: Path) -> None:
    docs = [
        parse_document(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(sample_folder().glob("*.md"))
        if path.stem == "pause-subscription"
    ]
    page = tmp_path / "pack.html"
    export_html(docs, page, allow_secrets=True)
    result = _browser("--dump-dom", page.as_uri(), cwd=tmp_path)
    dom = result.stdout
    assert dom.count("<svg") == 1
    assert 'class="node question"' in dom and 'class="node outcome"' in dom
