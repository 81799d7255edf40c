"""Request field labels in the validation list (a nested field is named with its group), and how
record text is laid out in an Arabic interface."""

from __future__ import annotations

from ui.models.requests_model import field_text, qualified_field_text


def test_two_names_are_told_apart() -> None:
    assert qualified_field_text("requesting_authority.name") == "Requesting authority › Name"
    assert qualified_field_text("contact_officer.name") == "Contact officer › Name"
    assert qualified_field_text("measures.1.purpose").startswith("Measures requested › Purpose")
    assert qualified_field_text("measures.1.purpose").endswith("(2)")
    assert qualified_field_text("facts") == "Summary of the facts"  # a top-level field needs no group
    assert qualified_field_text("no.such.field") == "no.such.field"
    assert field_text("contact_officer.name") == "Name"  # inside the form, the box says the group


def test_cells_keep_their_direction_in_an_arabic_interface(qapp: object) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from liaison.domain import Contact
    from ui.models.contacts_model import ContactsModel

    model = ContactsModel()
    model.set_contacts([Contact(id="c1", full_name="Hans Müller (DE)")], {})
    cell = model.index(0, ContactsModel.NAME)
    assert cell.data() == "Hans Müller (DE)"
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        assert cell.data() == "\u2068Hans Müller (DE)\u2069"  # isolated: not reordered by the Arabic
        assert model.cell(model.record(0), ContactsModel.NAME) == "Hans Müller (DE)"  # filters read this
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_detail_panes_line_values_up_on_the_interface_start_side(qapp: object) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication

    from ui.models import details_html

    rows = [("Agency", "National Police"), ("الصفة", "ضابط شرطة")]
    assert details_html(rows).count('align="left"') == 4
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        markup = details_html(rows)
        assert markup.count('align="right"') == 4 and "padding-left" in markup
        document = QTextDocument()
        document.setHtml(markup)
        assert "National Police" in document.toPlainText()  # each value keeps its own text
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_requested_states_are_named_in_the_interface_language(qapp: object) -> None:
    from ui import i18n
    from ui.models.requests_model import country_text

    assert country_text("MA") == "MA – Morocco"
    i18n.set_language("ar")
    try:
        assert country_text("MA") == "MA – المغرب"  # the list and the editor's pickers, as in the contacts
    finally:
        i18n.set_language("en")


def test_a_long_choice_is_elided_at_its_end_not_clipped_at_its_start(qtbot: object) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.widgets.form_fields import ElidingComboBox

    combo = ElidingComboBox()
    qtbot.addWidget(combo)  # type: ignore[attr-defined]
    combo.addItem("UNTOC: contents of a request for mutual legal assistance (art. 18(15))")
    combo.resize(180, combo.sizeHint().height())
    combo.show()
    assert combo.shown_text().startswith("UNTOC") and combo.shown_text().endswith("…")
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        combo.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        assert combo.shown_text().startswith("UNTOC")  # Qt's own label lost the start on the left
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    combo.resize(900, combo.height())
    assert combo.shown_text() == combo.currentText()  # room enough: the whole choice
