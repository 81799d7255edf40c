"""One labelled entry of a section as its own flowable: label | value, laid out like a table row.

Why not a platypus ``Table`` of all a section's entries: the table measured every cell of every row
again each time it split across a page (a new table per part, each recomputing all row heights) and
drew each cell inside its own saved graphics state; on a five-page request that was a third of the
render time for what is a plain two-column list without rules. A row of its own is measured once,
the frame breaks the page between rows, and a row taller than what is left of a page splits inside
its cells, as the table did with ``splitInRow``. Padding, top alignment, widths and the background
of machine-translated or untranslated values are the table's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

LEFT_PAD, RIGHT_PAD, TOP_PAD, BOTTOM_PAD = 4.0, 4.0, 2.0, 3.0  # the tables' paddings (pdf_story._table)


def _stack_height(cell: Sequence[Flowable], width: float, canv: Any) -> float:
    """Height of flowables stacked in a cell, spacing as a table cell counts it (none outside)."""
    total, first_before, last_after = 0.0, None, 0.0
    for item in cell:
        _w, h = item.wrapOn(canv, width, 72000)
        before, last_after = item.getSpaceBefore(), item.getSpaceAfter()
        total += h + before + last_after
        if first_before is None:
            first_before = before
    return total - (first_before or 0.0) - last_after if cell else 0.0


class EntryRow(Flowable):  # type: ignore[misc]
    """Cells side by side (already in reading order for the page), each a list of flowables."""

    def __init__(
        self, cells: Sequence[Sequence[Flowable]], widths: Sequence[float], fills: Sequence[Color | None]
    ) -> None:
        super().__init__()
        self.cells = [list(c) for c in cells]
        self.widths = list(widths)
        self.fills = list(fills)
        self._heights: list[float] = []

    def _inner(self, index: int) -> float:
        return self.widths[index] - LEFT_PAD - RIGHT_PAD

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        canv = getattr(self, "canv", None)
        self._heights = [_stack_height(c, self._inner(i), canv) for i, c in enumerate(self.cells)]
        self.width = sum(self.widths)
        self.height = max(self._heights, default=0.0) + TOP_PAD + BOTTOM_PAD
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """Top part that fits in ``avail_height`` and the rest, each cell cut at the same height."""
        room = avail_height - TOP_PAD - BOTTOM_PAD
        if room <= 0:
            return []
        tops: list[list[Flowable]] = []
        rests: list[list[Flowable]] = []
        canv = getattr(self, "canv", None)
        for i, cell in enumerate(self.cells):
            top, rest = _split_cell(cell, self._inner(i), room, canv)
            if top is None:
                return []  # a cell cannot give even its first line here: the whole row moves on
            tops.append(top)
            rests.append(rest)
        if not any(rests) or not any(tops):
            return []
        return [EntryRow(tops, self.widths, self.fills), EntryRow(rests, self.widths, self.fills)]

    def draw(self) -> None:
        canv = self.canv
        x = 0.0
        for i, cell in enumerate(self.cells):
            fill = self.fills[i]
            if fill is not None:
                canv.saveState()
                canv.setFillColor(fill)
                canv.rect(x, 0, self.widths[i], self.height, stroke=0, fill=1)
                canv.restoreState()
            y = self.height - TOP_PAD + (cell[0].getSpaceBefore() if cell else 0.0)
            for item in cell:
                _w, h = item.wrapOn(canv, self._inner(i), 72000)
                y -= item.getSpaceBefore() + h
                item.drawOn(canv, x + LEFT_PAD, y)
                y -= item.getSpaceAfter()
            x += self.widths[i]


def _split_cell(
    cell: list[Flowable], width: float, room: float, canv: Any
) -> tuple[list[Flowable] | None, list[Flowable]]:
    """(what fits in ``room``, the rest); None when not even the first line fits."""
    used = 0.0
    for index, item in enumerate(cell):
        _w, h = item.wrapOn(canv, width, 72000)
        before = item.getSpaceBefore() if index else 0.0
        if used + before + h <= room:
            used += before + h + item.getSpaceAfter()
            continue
        parts = item.splitOn(canv, width, room - used - before) if room - used - before > 0 else []
        if len(parts) == 2:
            return [*cell[:index], parts[0]], [parts[1], *cell[index + 1 :]]
        if index == 0:
            return None, cell
        return cell[:index], cell[index:]
    return cell, []
