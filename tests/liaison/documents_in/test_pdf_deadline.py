"""The per-page time limit really interrupts a pathological page (the reader process is killed),
gives one line naming the page, and leaves nothing stored."""

from __future__ import annotations

import io
import multiprocessing
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from liaison.documents_in.limits import DEFAULT, HostileDocument, Limits
from liaison.documents_in.read import read_document
from liaison.services import attachments as attachment_service
from liaison.services import documents_in as service
from liaison.store.vault import Vault
from liaison.translation.engine import Engine
from tests.liaison.documents_in.conftest import FRENCH, SENTENCES, make_pdf

# A million text operators on one spot: a 60 KB file that takes pdfminer minutes to interpret.
SLOW_OPERATORS = 1_000_000
QUICK = Limits(page_seconds=2.0)


def _page_content(slow: bool) -> bytes:
    if slow:
        return b"BT /F1 1 Tf " + b"1 0 0 1 10 10 Tm (a) Tj " * SLOW_OPERATORS + b"ET"
    return b"BT /F1 12 Tf 72 700 Td (" + SENTENCES[0].encode() + b") Tj ET"


def crafted_pdf(slow_page: int, pages: int = 3) -> bytes:
    """``pages`` pages of one sentence each, except ``slow_page``, written by hand (no library
    would write such a page)."""
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages)).encode()
    font = 3 + 2 * pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
    ]
    for number in range(1, pages + 1):
        stream = zlib.compress(_page_content(number == slow_page), 9)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >>"
            b" /Contents %d 0 R >>" % (font, 4 + 2 * (number - 1))
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _readers() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == "liaison-pdf-reader"]


def test_the_default_page_limit_is_the_one_the_readme_promises() -> None:
    assert DEFAULT.page_seconds == 30.0


def test_the_crafted_pdf_is_read_when_no_page_is_slow() -> None:
    doc = read_document("fine.pdf", crafted_pdf(slow_page=0), limits=QUICK)
    assert doc.pages == 3 and [b.text for b in doc.blocks] == [SENTENCES[0]] * 3


def test_a_slow_page_is_interrupted_and_its_reader_killed() -> None:
    data = crafted_pdf(slow_page=2)
    assert len(data) < 100_000
    before = {p.pid for p in _readers()}  # idle readers kept from earlier documents
    with pytest.raises(HostileDocument) as refused:
        read_document("slow.pdf", data, limits=QUICK)
    assert str(refused.value) == "slow.pdf page 2: reading the text layer took over 2 s: refused"
    assert "\n" not in str(refused.value)
    after = {p.pid for p in _readers()}  # the reader that took the page (an idle one or a new one) is gone
    assert after <= before and len(after) == max(len(before) - 1, 0)
    # The next document gets a fresh reader (the default limit: a reader spawned on a loaded
    # machine may take more than QUICK's 2 s to start and open the file).
    again = read_document("next.pdf", make_pdf([[SENTENCES[1]]]))
    assert [b.text for b in again.blocks] == [SENTENCES[1]]


@pytest.mark.usefixtures("en_fr")
def test_nothing_is_stored_when_a_page_runs_out_of_time(vault: Vault) -> None:
    from liaison.domain import Case
    from liaison.services.catalog import cases

    cases.add(vault, Case(reference="OP-SLOW", title="Slow"))
    with pytest.raises(HostileDocument, match=r"^slow\.pdf page 3: "):
        result = service.translate(
            vault, Engine(), "slow.pdf", crafted_pdf(slow_page=3), "en", "fr", service.Run(limits=QUICK)
        )
        attachment_service.attach_translation(vault, "OP-SLOW", result)
    assert attachment_service.list_for(vault, "OP-SLOW") == []


@pytest.mark.usefixtures("en_fr")
@pytest.mark.parametrize("module", ["liaison", "tests.fast_cli"])
def test_the_command_line_reads_a_pdf_through_its_worker_once(module: str, tmp_path: Path) -> None:
    """The reader worker imports the main module again (multiprocessing's spawn): the command must
    not run a second time in it."""
    source = tmp_path / "letter.pdf"
    source.write_bytes(make_pdf([[SENTENCES[0]], [SENTENCES[1]]]))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            module,
            "translate-doc",
            str(source),
            "--from",
            "en",
            "--to",
            "fr",
            "--no-memory",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=os.environ.copy(),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-2:] == [FRENCH[SENTENCES[0]], FRENCH[SENTENCES[1]]]
    assert done.stdout.count(FRENCH[SENTENCES[0]]) == 1
