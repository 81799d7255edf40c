"""The Conflicts page reads like the rest of the app: field names as the officer knows them and
times in the interface language's format (English and Arabic), and a note edited on two devices
shows both texts side by side with the differing words marked, Arabic laid out right to left."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison.domain import Case, Contact
from liaison.services import catalog, notes
from liaison.store import records
from liaison.store.registry import ENTITIES
from tests.ui.sync.conftest import WAIT_MS, Device, sync_all
from ui import i18n
from ui.sync import text_diff, when
from ui.sync.field_labels import field_label, has_label
from ui.sync.value_text import value_text
from ui.views.conflicts_view import ConflictsView


def test_every_synced_field_has_a_label() -> None:
    missing = [
        f"{kind}.{field.name}"
        for kind, spec in ENTITIES.items()
        for field in dataclasses.fields(spec.cls)
        if field.name != "id" and not has_label(kind, field.name)
    ]
    assert missing == []
    assert field_label("contact", "preferred_channel") == "Preferred channel"
    assert field_label("mla_request", "facts").startswith("Summary of the facts")
    assert field_label("contact", "some_new_field") == "some new field"


def test_values_read_as_the_officer_knows_them() -> None:
    channels = [{"kind": "email", "value": "a@b.org"}, {"kind": "siena", "value": "ES ENU", "secure": True}]
    assert value_text("contact", "channels", channels) == "email: a@b.org, siena: ES ENU: secure"
    assert value_text("contact", "role", "prosecutor") == "Prosecutor"  # the translated choice
    assert value_text("contact", "urgent_contact", True) == "Yes"
    assert value_text("contact", "verified_on", "2025-11-02") == "Nov 2, 2025"
    assert value_text("contact", "updated_at", "2026-12-04T21:59:16Z") == when.date_time(
        "2026-12-04T21:59:16Z"
    )
    assert value_text("contact", "unit", None) == "" and value_text("contact", "unit", "Fraud") == "Fraud"
    i18n.set_language("ar")
    assert value_text("contact", "role", "prosecutor") == i18n._("Prosecutor") != "Prosecutor"
    assert "2025" in value_text("contact", "verified_on", "2025-11-02")
    assert value_text("contact", "verified_on", "2025-11-02") != "Nov 2, 2025"


def test_word_diff_marks_only_the_words_that_differ() -> None:
    ours, theirs = text_diff.word_diff(
        "Meeting on Monday at the office.\nBring files", "Meeting on Tuesday at the office.\nBring files"
    )
    assert [t for t, marked in ours if marked] == ["Monday"]
    assert [t for t, marked in theirs if marked] == ["Tuesday"]
    assert "".join(t for t, _m in ours) == "Meeting on Monday at the office.\nBring files"
    assert (text_diff.direction("  12 مرحبا"), text_diff.direction("(Rendez-vous)")) == ("rtl", "ltr")
    mixed, _other = text_diff.side_by_side("Rendez-vous lundi\nالاجتماع يوم الاثنين", "")
    assert '<p dir="ltr"' in mixed and '<p dir="rtl"' in mixed  # each paragraph by its own script
    current, other = text_diff.side_by_side("<b>x</b> one", "<b>x</b> two")
    assert "<b>" not in current and "&lt;b&gt;" in current  # note text never becomes markup
    assert 'font-weight:bold;">two</span>' in other


def _conflict(qtbot: QtBot, a: Device, b: Device, edit_a: Callable, edit_b: Callable) -> ConflictsView:  # type: ignore[type-arg]
    a.run(edit_a)
    b.run(edit_b)
    sync_all(qtbot, a, b)
    page = ConflictsView(b.session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.rows) == 1, timeout=WAIT_MS)
    return page


@pytest.mark.loopback
def test_field_labels_and_times_in_english_and_arabic(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    a, b = space(2)
    contact = a.run(lambda v: records.insert(v, Contact(full_name="Omar Haddad", working_hours="09-17")))
    sync_all(qtbot, a, b)
    page = _conflict(
        qtbot,
        a,
        b,
        lambda v: records.update(v, Contact, contact.id, {"working_hours": "08-16"}),
        lambda v: records.update(v, Contact, contact.id, {"working_hours": "10-18"}),
    )
    row = page.rows[0]
    assert row.field == "working_hours"
    assert page.list.item(0).text() == "Contact: Omar Haddad · Working hours"
    assert "field “Working hours”" in page.record.text()
    stamp = when.date_time(row.at)
    assert page.edit_side.who.text().endswith(f" on {stamp}")
    assert str(row.at.year) in stamp and "T" not in stamp and "Z" not in stamp  # type: ignore[union-attr]

    i18n.set_language("ar")
    page.retranslate_ui()
    arabic_label = i18n._("Working hours")
    assert arabic_label != "Working hours" and arabic_label in page.list.item(0).text()
    arabic_stamp = when.date_time(row.at)
    assert arabic_stamp != stamp and ("م" in arabic_stamp or "ص" in arabic_stamp)  # PM / AM in Arabic
    assert arabic_stamp in page.edit_side.who.text()


@pytest.mark.loopback
def test_a_note_conflict_shows_both_texts_with_the_differences_marked(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    a, b = space(2)

    def seed(vault: object) -> str:
        case = catalog.cases.add(vault, Case(reference="OP-NOTE", title="Note"))  # type: ignore[arg-type]
        return notes.add(vault, case.id, "الاجتماع يوم الاثنين في المكتب", "Meeting").id  # type: ignore[arg-type]

    note_id = a.run(seed)
    sync_all(qtbot, a, b)
    page = _conflict(
        qtbot,
        a,
        b,
        lambda v: notes.edit(v, note_id, body="الاجتماع يوم الثلاثاء في المكتب"),
        lambda v: notes.edit(v, note_id, body="الاجتماع يوم الاثنين في السفارة"),
    )
    row = page.rows[0]
    assert row.reason == "note"
    current, other = page.current_side.text, page.edit_side.text
    assert current.toPlainText() == row.current and other.toPlainText() == row.value
    ours, theirs = text_diff.word_diff(row.current, row.value)
    only_current = set(row.current.split()) - set(row.value.split())
    only_other = set(row.value.split()) - set(row.current.split())
    assert len(only_current) == len(only_other) == 2  # the day and the place
    assert {w for t, m in ours if m for w in t.split()} == only_current
    assert {w for t, m in theirs if m for w in t.split()} == only_other
    for word in only_current:
        assert word in current.toHtml() and word not in other.toPlainText()
    assert "text-decoration" in current.toHtml() and "font-weight" in other.toHtml()
    for side in (current, other):  # Arabic text is laid out right to left, also in an English UI
        assert side.document().firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft
    assert current.maximumHeight() > 1000  # a note gets the room it needs
