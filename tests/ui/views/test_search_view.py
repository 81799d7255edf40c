"""Search results: matched words in bold, no literal brackets, Arabic words whole."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from liaison.domain import snippets
from liaison.services.search import SearchHit
from ui.views.search_view import SearchView
from ui.widgets.marked_text import MARKED_ROLE, marked_html


def hit(text: str, query: str) -> SearchHit:
    parts = snippets.snippet(text, query)
    return SearchHit("note", "n1", "Meeting", snippets.plain(parts), 1.0, parts)


def test_snippet_shows_words_in_bold_without_brackets(qtbot: QtBot, tmp_path: Path) -> None:
    view = SearchView()
    qtbot.addWidget(view)
    view.resize(700, 200)
    view.set_results("yusuf bank", [hit("met يوسف at the [old] bank in Lyon", "yusuf bank")])
    cell = view.model.index(0, 1, view.first_hit_index().parent())
    assert cell.data() == "met يوسف at the [old] bank in Lyon"  # the record's own brackets only
    assert marked_html(cell.data(MARKED_ROLE)) == "met <b>يوسف</b> at the [old] <b>bank</b> in Lyon"
    view.show()
    assert not view.grab().toImage().isNull()  # the delegate paints


def test_marked_html_escapes_the_record_text() -> None:
    assert marked_html([("<script>", False), ("a&b", True)]) == "&lt;script&gt;<b>a&amp;b</b>"
