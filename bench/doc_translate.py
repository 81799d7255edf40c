"""Document translation speed and memory: a 20-page DOCX and a 20-page text PDF through Liaison's
document pipeline against bare CTranslate2 on the same segments; OCR seconds per page; peak memory
reading a 200-page PDF (streamed page by page) against a 20-page one.

Why this baseline: the pipeline adds reading the file, memory/form/glossary lookups, token
protection, segmentation and writing the translated file around ``translate_batch``. The baseline
does only what any caller must: sentencepiece encode, one ``translate_batch`` over every sentence
with the engine's decoding options, decode. Rounds are interleaved (each measure goes first in turn)
and each round's ratio is taken within the round, so both sides see the same machine load; the
figures are medians over the rounds, with the spread of the ratios.

Run: .venv/bin/python bench/doc_translate.py [--rounds 11] [--quick]
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "packs"
CORPUS = ROOT / "tools" / "build_packs" / "corpus" / "en_fr"
PARAGRAPHS_PER_PAGE = 13


def _sentences() -> list[str]:
    """The en→fr pack's training sentences (516 distinct, without placeholders): in domain, so the
    tiny model translates them, and distinct, so the engine's de-duplication of repeated sentences
    within a call does not flatter Liaison against the baseline (which translates every one)."""
    rows = (CORPUS / "train.en").read_text(encoding="utf-8").splitlines()
    return [row for row in rows if row.strip() and "⟦" not in row]


def _paragraphs(pages: int) -> list[str]:
    sentences = _sentences()
    count = pages * PARAGRAPHS_PER_PAGE
    return [
        f"{sentences[(2 * i) % len(sentences)]} {sentences[(2 * i + 1) % len(sentences)]}"
        for i in range(count)
    ]


def make_docx(pages: int) -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for i, text in enumerate(_paragraphs(pages)):
        paragraph = document.add_paragraph(text)
        if i % PARAGRAPHS_PER_PAGE == PARAGRAPHS_PER_PAGE - 1:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    paragraphs = _paragraphs(pages)
    for page in range(pages):
        pdf.setFont("Helvetica", 10)
        for line, text in enumerate(
            paragraphs[page * PARAGRAPHS_PER_PAGE : (page + 1) * PARAGRAPHS_PER_PAGE]
        ):
            for row, part in enumerate(textwrap.wrap(text, 100)):
                pdf.drawString(50, 800 - line * 58 - row * 12, part)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def page_image(lines: list[str]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    image = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((180, 200 + i * 90), line, font=font, fill=0)
    image = image.rotate(1.5, fillcolor=255)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _spread(ratios: list[float]) -> str:
    ordered = sorted(ratios)
    return f"(rounds: {ordered[0]:.2f} to {ordered[-1]:.2f})"


def _children_cpu() -> float:
    """CPU seconds used so far by this process's live multiprocessing children (the PDF reader)."""
    total = 0.0
    for child in multiprocessing.active_children():
        try:
            fields = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return total


def _timed(func: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of every thread of this process and of the PDF reader."""
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    func()
    return (
        time.perf_counter() - wall,
        time.process_time() - cpu + _children_cpu() - children,
    )


def _peak_rss_mib(pages: int, work: Path) -> float:
    """Peak RSS (VmHWM: ru_maxrss would count the forked parent) of a fresh process that reads a
    ``pages``-page PDF's text layer page by page."""
    pdf = work / f"{pages}.pdf"
    pdf.write_bytes(make_pdf(pages))
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from liaison.documents_in import pdf_io\n"
        "data = Path(sys.argv[1]).read_bytes()\n"
        "blocks = 0\n"
        "for page in pdf_io.pages('x.pdf', data):\n"
        "    blocks += len(page.blocks)\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(blocks, hwm)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(pdf)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[1]) / 1024


def main() -> None:  # noqa: PLR0915  (a script: one straight line of measurements)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--quick", action="store_true", help="5 pages, 2 rounds, 1 OCR page, 50-page memory run"
    )
    args = parser.parse_args()
    pages, rounds, ocr_pages, big = (5, 2, 1, 50) if args.quick else (20, args.rounds, 3, 200)
    work = Path(tempfile.mkdtemp(prefix="liaison-bench-doc-"))
    os.environ["LIAISON_TRANSLATION_DIR"] = str(work / "translation")

    import ctranslate2
    import sentencepiece

    from liaison.documents_in import ocr
    from liaison.documents_in.forms import form_texts
    from liaison.documents_in.pipeline import BlockTranslator
    from liaison.documents_in.read import read_document
    from liaison.services import documents_in as service
    from liaison.translation import packs, protect, segment
    from liaison.translation.engine import Engine
    from liaison.translation.models import translate_options

    pack = packs.install(next(FIXTURES.glob("translate-en_fr-*.argosmodel")))
    engine = Engine()
    engine.translate("The request was refused.", "en", "fr")  # load the model outside the timings
    read_document("warm.pdf", make_pdf(1))  # start the PDF reader process likewise (once per app run)
    baseline = ctranslate2.Translator(str(pack.model_dir), device="cpu", inter_threads=1, intra_threads=1)
    spm = sentencepiece.SentencePieceProcessor(model_file=str(pack.path / "sentencepiece.model"))

    def bare(batch: list[str]) -> None:
        results = baseline.translate_batch(
            [spm.encode(s, out_type=str) for s in batch], **translate_options()
        )
        [spm.decode_pieces(r.hypotheses[0]) for r in results]

    rows: list[tuple[str, float, str]] = []
    for kind, data in (("docx", make_docx(pages)), ("pdf", make_pdf(pages))):
        name = f"bench.{kind}"
        doc = read_document(name, data)
        sentences = [s for b in doc.blocks for s in segment.layout(protect.protect(b.text).text).sentences()]
        translator = BlockTranslator(engine, "en", "fr", None, form_texts("en", "fr"))

        def full(name: str = name, data: bytes = data) -> None:
            result = service.translate(None, engine, name, data, "en", "fr")
            if result.translated_document() is None:
                result.bilingual_pdf()

        measures: dict[str, Callable[[], object]] = {
            "full": full,
            "stage": lambda doc=doc, t=translator: t.translate(doc.blocks),
            "bare": lambda sentences=sentences: bare(sentences),
        }
        if kind == "pdf":  # what `translate-doc bench.pdf --json` does: no review PDF to write
            measures["read"] = lambda name=name, data=data: service.translate(
                None, engine, name, data, "en", "fr"
            )
        times: dict[str, list[float]] = {key: [] for key in measures}
        cpu: dict[str, list[float]] = {key: [] for key in measures}
        order = list(measures)
        for round_ in range(rounds):
            for key in order[round_ % len(order) :] + order[: round_ % len(order)]:  # each first in turn
                wall, used = _timed(measures[key])
                times[key].append(wall)
                cpu[key].append(used)
        n = len(sentences)
        full_ratio = [b / f for b, f in zip(times["bare"], times["full"], strict=True)]
        stage_ratio = [b / f for b, f in zip(times["bare"], times["stage"], strict=True)]
        cpu_ratio = [b / f for b, f in zip(cpu["bare"], cpu["full"], strict=True)]
        if "read" in times:
            read_ratio = [b / f for b, f in zip(times["bare"], times["read"], strict=True)]
            read_cpu = [b / f for b, f in zip(cpu["bare"], cpu["read"], strict=True)]
        label = f"{pages}-page {kind.upper()}"
        rows += [
            (f"{label}: blocks / sentences", float(len(doc.blocks)), f"/ {n}"),
            (f"{label}, bare ctranslate2 translate_batch", n / median(times["bare"]), "sent/s"),
            (f"{label}, Liaison translation stage", n / median(times["stage"]), "sent/s"),
            ("  ratio, translation stage (target >= 0.85)", median(stage_ratio), _spread(stage_ratio)),
            (f"{label}, Liaison end to end (read, translate, write)", n / median(times["full"]), "sent/s"),
            ("  ratio, end to end (target >= 0.85)", median(full_ratio), _spread(full_ratio)),
            (f"{label}, CPU seconds: bare", median(cpu["bare"]), "s"),
            (f"{label}, CPU seconds: Liaison end to end", median(cpu["full"]), "s"),
            ("  ratio of CPU seconds, end to end", median(cpu_ratio), _spread(cpu_ratio)),
        ]
        if "read" in times:
            rows += [
                (f"{label}, Liaison read and translate (no review PDF)", n / median(times["read"]), "sent/s"),
                ("  ratio, read and translate", median(read_ratio), _spread(read_ratio)),
                ("  ratio of CPU seconds, read and translate", median(read_cpu), _spread(read_cpu)),
            ]

    lines = _sentences()[:30]
    images = [page_image(lines) for _ in range(ocr_pages)]
    ocr_t = []
    for number, png in enumerate(images, start=1):
        started = time.perf_counter()
        blocks = ocr.ocr_image(ocr.open_image("scan.png", png), "en", number)
        ocr_t.append(time.perf_counter() - started)
    mean_conf = sum(b.confidence or 0 for b in blocks) / max(len(blocks), 1)
    rows += [
        ("OCR, A4 page at 300 dpi (deskew + tesseract)", sum(ocr_t) / len(ocr_t), "s/page"),
        ("OCR mean confidence", mean_conf, "%"),
    ]
    small, large = _peak_rss_mib(big // 10, work), _peak_rss_mib(big, work)
    rows += [
        (f"peak RSS reading a {big // 10}-page PDF", small, "MiB"),
        (f"peak RSS reading a {big}-page PDF", large, "MiB"),
    ]
    print(
        f"ctranslate2 {ctranslate2.__version__}, cpu count {os.cpu_count()}, load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end, medians of {rounds} rounds"
    )
    for label, value, unit in rows:
        print(f"{label:<52} {value:10.3f} {unit}")
    print(f"(this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
