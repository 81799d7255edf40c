"""A page's text as runs, lines and boxes, and its ruling lines, from one pass of pdfminer's
interpreter.

Why not pdfminer's own layout (``PDFPageAggregator`` + ``LAParams``): it builds an object per glyph
and compares them pairwise; on text PDFs that was three quarters of the reading time, more than the
translation model itself. Here the device keeps one *run* per string operator (``Tj``/``TJ``): its
text, its box and its font size, computed with the same text-space arithmetic pdfminer uses for each
glyph. A gap inside a ``TJ`` wider than the font size starts a new run (a table or a column drawn by
one operator). Runs are then joined into lines (same baseline, small horizontal gap) and lines into
boxes (overlapping horizontally, small vertical gap), as pdfminer's defaults would.

The same pass keeps the page's straight ruling lines (strokes and thin rectangles), which is what
table detection needs (``pdf_tables``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.utils import apply_matrix_pt

SPLIT_GAP = 1.0  # inside one TJ: a jump wider than this many font sizes starts a new run
WORD_GAP = 0.15  # between runs or inside a TJ: a gap wider than this many font sizes is a space
LINE_GAP = 1.0  # between runs on one baseline: wider than this many font sizes is another line
BOX_GAP = 0.7  # between lines: a vertical gap wider than this many line heights is another box
OPEN_LINES = 64  # lines searched for a run's place
RULE_WIDTH = 3.0  # a filled rectangle thinner than this (points) is a ruling line


@dataclass
class Run:
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    text: str


@dataclass
class Line:
    runs: list[Run]
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def text(self) -> str:
        parts: list[str] = []
        previous: Run | None = None
        for run in self.runs:
            gap = previous is not None and run.x0 - previous.x1 > WORD_GAP * run.size
            if gap and not (parts[-1].endswith(" ") or run.text.startswith(" ")):
                parts.append(" ")
            parts.append(run.text)
            previous = run
        return "".join(parts)


@dataclass
class TextBox:
    lines: list[Line]
    x0: float
    top: float
    x1: float
    bottom: float

    def text(self) -> str:
        return "\n".join(line.text() for line in self.lines)


@dataclass(frozen=True)
class Edge:
    """A horizontal or vertical ruling line, in top-down page coordinates."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.bottom - self.top <= self.x1 - self.x0


@dataclass
class PageContent:
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def _glyph(font: Any, cid: int) -> tuple[str, float]:
    try:
        text = font.to_unichr(cid)
    except PDFUnicodeNotDefined:
        text = ""
    return text, font.char_width(cid)


class RunCollector(PDFTextDevice):
    """pdfminer device keeping text runs and ruling lines; ``page`` holds the last page's."""

    def __init__(self, manager: Any) -> None:
        super().__init__(manager)
        self.page = PageContent(0.0, 0.0)
        # Per font, per glyph id: its text and width (pdfminer's lookups were a third of the time).
        # Kept for one page: fonts are not cached across pages, so an object could be reused.
        self._glyphs: dict[Any, dict[int, tuple[str, float]]] = {}

    def begin_page(self, page: Any, ctm: Any) -> None:
        x0, y0, x1, y1 = page.mediabox
        ax, ay = apply_matrix_pt(ctm, (x0, y0))
        bx, by = apply_matrix_pt(ctm, (x1, y1))
        self.page = PageContent(abs(ax - bx), abs(ay - by))
        self._glyphs = {}

    def _box(self, matrix: Any, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
        points = [apply_matrix_pt(matrix, p) for p in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        height = self.page.height
        return min(xs), height - max(ys), max(xs), height - min(ys)

    def _add_run(self, matrix: Any, span: tuple[float, float, float, float], size: float, text: str) -> None:
        if not text.strip():
            return
        x0, top, x1, bottom = self._box(matrix, *span)
        scale = abs(matrix[3]) or abs(matrix[1]) or 1.0
        self.page.runs.append(Run(x0, top, x1, bottom, size * scale, text))

    def render_string_horizontal(  # noqa: PLR0913, PLR0917  (pdfminer's signature)
        self,
        seq: Any,
        matrix: Any,
        pos: Any,
        font: Any,
        fontsize: float,
        scaling: float,
        charspace: float,
        wordspace: float,
        rise: float,
        dxscale: float,
        ncs: Any,
        graphicstate: Any,
    ) -> Any:
        x, y = pos
        low = font.get_descent() * fontsize + rise
        high = low + fontsize
        start, chars = x, list[str]()
        need_charspace = False
        glyphs = self._glyphs.setdefault(font, {})
        for obj in seq:
            if isinstance(obj, (int, float)):
                shift = -obj * dxscale
                if shift > SPLIT_GAP * fontsize:
                    self._add_run(matrix, (start, y + low, x, y + high), fontsize, "".join(chars))
                    start, chars = x + shift, []
                elif shift > WORD_GAP * fontsize and chars and chars[-1] != " ":
                    chars.append(" ")
                x += shift
                need_charspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if need_charspace:
                        x += charspace
                    glyph = glyphs.get(cid)
                    if glyph is None:
                        glyph = glyphs[cid] = _glyph(font, cid)
                    chars.append(glyph[0])
                    x += glyph[1] * fontsize * scaling
                    if cid == 32 and wordspace:
                        x += wordspace
                    need_charspace = True
        self._add_run(matrix, (start, y + low, x, y + high), fontsize, "".join(chars))
        return (x, y)

    def paint_path(self, graphicstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
        """Straight ruling lines: stroked segments and thin filled rectangles."""
        if not (stroke or fill):
            return
        ctm = self.ctm
        current: tuple[float, float] | None = None
        for segment in path:
            op = segment[0]
            if op == "m":
                current = (segment[1], segment[2])
            elif op == "l" and current is not None and stroke:
                end = (segment[1], segment[2])
                self._edge(ctm, current, end)
                current = end
            elif op == "re":
                x, y, w, h = segment[1:5]
                if stroke or min(abs(w), abs(h)) <= RULE_WIDTH:
                    corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                    if min(abs(w), abs(h)) <= RULE_WIDTH:
                        self._edge(ctm, (x, y), (x + w, y + h))
                    else:
                        for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
                            self._edge(ctm, a, b)
            elif op in ("c", "v", "y"):
                current = (segment[-2], segment[-1])

    def _edge(self, ctm: Any, a: tuple[float, float], b: tuple[float, float]) -> None:
        x0, top, x1, bottom = self._box(ctm, a[0], a[1], b[0], b[1])
        if min(x1 - x0, bottom - top) <= RULE_WIDTH and max(x1 - x0, bottom - top) > RULE_WIDTH:
            self.page.edges.append(Edge(x0, top, x1, bottom))


def lines_of(runs: list[Run]) -> list[Line]:
    """Runs on one baseline, close enough horizontally, make a line (read left to right)."""
    lines: list[Line] = []
    open_lines: list[Line] = []
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        middle = (run.top + run.bottom) / 2
        home = None
        for line in open_lines:
            same_row = line.top <= middle <= line.bottom
            if same_row and -0.5 * run.size <= run.x0 - line.x1 <= LINE_GAP * run.size:
                home = line
                break
        if home is None:
            home = Line([run], run.x0, run.top, run.x1, run.bottom)
            lines.append(home)
            # Only lines still level with this run can take the next ones; and only the last few
            # are searched, so a crafted page (thousands of runs on one spot) stays linear.
            open_lines = [line for line in open_lines[-OPEN_LINES:] if line.bottom >= run.top] + [home]
        else:
            home.runs.append(run)
            home.x1 = max(home.x1, run.x1)
            home.x0 = min(home.x0, run.x0)
    for line in lines:
        line.runs.sort(key=lambda r: r.x0)
    return lines


def boxes_of(lines: list[Line]) -> list[TextBox]:
    """Lines under one another, overlapping horizontally and close, make a box (a paragraph)."""
    boxes: list[TextBox] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        home = None
        for box in reversed(boxes[-OPEN_LINES:]):
            last = box.lines[-1]
            overlaps = min(last.x1, line.x1) > max(last.x0, line.x0)
            close = -0.5 * line.height <= line.top - last.bottom <= BOX_GAP * max(line.height, last.height)
            similar = 0.7 <= line.height / max(last.height, 0.1) <= 1.4
            if overlaps and close and similar:
                home = box
                break
        if home is None:
            boxes.append(TextBox([line], line.x0, line.top, line.x1, line.bottom))
        else:
            home.lines.append(line)
            home.x0, home.x1 = min(home.x0, line.x0), max(home.x1, line.x1)
            home.bottom = max(home.bottom, line.bottom)
    return boxes
