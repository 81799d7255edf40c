"""The contacts page on a real vault: editor add/edit, inline validation, filters, copy, lock."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from liaison.domain import Agency, Channel, Contact, Handling, LanguageSkill, TrustLevel
from liaison.services import catalog
from liaison.store.vault import unlock
from tests.conftest import PASSPHRASE
from tests.ui.views.conftest import WAIT_MS, InVault
from ui import i18n
from ui.models.contacts_model import ContactsModel
from ui.session import Session
from ui.views.contact_editor import ContactEditor
from ui.views.contacts_view import ContactsView


@pytest.fixture
def view(qtbot: QtBot, vault_session: Session) -> ContactsView:
    page = ContactsView(vault_session)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


@pytest.fixture
def seeded(in_vault: InVault) -> dict[str, str]:
    """Three contacts in two countries, one agency."""

    def seed(vault: object) -> dict[str, str]:
        bka = catalog.agencies.add(vault, Agency(name="Bundeskriminalamt", country="DE"))  # type: ignore[arg-type]
        people = [
            Contact(
                full_name="Hélène Marchetti-Roux",
                country="FR",
                languages=(LanguageSkill("fr"), LanguageSkill("en")),
                channels=(
                    Channel("email", "h.marchetti@justice.example.org"),
                    Channel("phone", "+33 1 00 00 41 27"),
                ),
                timezone="Europe/Paris",
                trust_level=TrustLevel.MET_IN_PERSON,
            ),
            Contact(
                full_name="Yannick Le Goff",
                country="FR",
                languages=(LanguageSkill("fr"),),
                channels=(Channel("pgp-email", "y.legoff@ofac.example.org", secure=True),),
                handling=Handling.RED,
            ),
            Contact(
                full_name="Lena Brückner", country="DE", agency_id=bka.id, languages=(LanguageSkill("de"),)
            ),
        ]
        ids = {c.full_name: catalog.contacts.add(vault, c).id for c in people}  # type: ignore[arg-type]
        return {**ids, "bka": bka.id}

    return in_vault(seed)  # type: ignore[no-any-return]


def editor_of(view: ContactsView) -> ContactEditor:
    assert view.editor is not None
    return view.editor


def test_add_then_edit_a_contact_through_the_editor(
    qtbot: QtBot, view: ContactsView, in_vault: InVault
) -> None:
    view.new_item()
    editor = editor_of(view)
    assert editor.isVisible()
    editor.full_name.setText("Ana Ruiz Ortega")
    editor.country.setText("es")
    editor.timezone.setText("Europe/Madrid")
    editor.working_hours.setText("09:00-17:00 Mon-Fri")
    editor.add_language("es")
    editor.add_language("en", "spoken")
    editor.add_channel(Channel("email", "a.ruiz@fiscal.example.org"))
    editor.add_channel(Channel("siena", "ES ENU", secure=True))
    editor.verified_on.setText("2025-11-02")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.current() is not None, timeout=WAIT_MS)
    assert not editor.isVisible()
    stored = in_vault(catalog.contacts.list)
    assert len(stored) == 1
    ana = stored[0]
    assert ana.country == "ES"
    assert [(s.code, s.level) for s in ana.languages] == [("es", "working"), ("en", "spoken")]
    assert ana.channels[1] == Channel("siena", "ES ENU", secure=True)
    assert ana.verified_on is not None and ana.verified_on.isoformat() == "2025-11-02"
    assert view.detail.name.text() == "Ana Ruiz Ortega"

    view.edit_current()
    editor = editor_of(view)
    assert editor.full_name.text() == "Ana Ruiz Ortega"
    editor.unit.setText("Fiscalía Especial Antidroga")
    editor.trust_level.setCurrentIndex(editor.trust_level.findData(TrustLevel.MET_IN_PERSON.value))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.record(0).unit == "Fiscalía Especial Antidroga", timeout=WAIT_MS)
    edited = in_vault(lambda v: catalog.contacts.get(v, ana.id))
    assert edited.trust_level == TrustLevel.MET_IN_PERSON
    assert edited.channels == ana.channels  # untouched fields are kept
    assert view.current() is not None and view.current().id == ana.id  # type: ignore[union-attr]


def test_bad_time_zone_is_shown_next_to_the_field(
    qtbot: QtBot, view: ContactsView, in_vault: InVault
) -> None:
    view.new_item()
    editor = editor_of(view)
    editor.full_name.setText("Someone")
    editor.timezone.setText("Mars/Olympus_Mons")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: editor.field_error("timezone") != "", timeout=WAIT_MS)
    assert "IANA time zone" in editor.field_error("timezone")
    assert editor.tabs.currentIndex() == ContactEditor.TRUST  # the tab holding the field
    assert editor.field_error("full_name") == ""
    assert editor.isVisible()
    assert in_vault(catalog.contacts.list) == []

    editor.timezone.setText("Europe/Madrid")
    editor.full_name.clear()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.field_error("full_name") != "", timeout=WAIT_MS)
    assert editor.field_error("timezone") == ""
    assert editor.tabs.currentIndex() == ContactEditor.PERSON


def test_field_checks_on_save_speak_the_interface_language(qtbot: QtBot, view: ContactsView) -> None:
    """The core's checks have no catalogs: the editor translates the message template the error
    carries, and the field's name in it (it said "full name must not be empty" in French)."""
    i18n.set_language("fr")
    view.new_item()
    editor = editor_of(view)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.field_error("full_name") != "", timeout=WAIT_MS)
    assert editor.field_error("full_name") == "Le champ « nom complet » ne doit pas être vide"

    i18n.set_language("es")
    editor.full_name.setText("Alguien")
    editor.timezone.setText("Marte/Olimpo")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.field_error("timezone") != "", timeout=WAIT_MS)
    assert editor.field_error("timezone") == (
        "El campo «zona horaria» debe ser una zona horaria IANA, como Europe/Paris; se recibió 'Marte/Olimpo'"
    )


def test_unreadable_date_is_refused_in_the_form(view: ContactsView) -> None:
    view.new_item()
    editor = editor_of(view)
    editor.full_name.setText("Someone")
    editor.review_on.setText("31.12.2026 or so")
    editor.submit()
    import datetime as dt

    from ui.widgets.date_field import format_date

    example = format_date(dt.date(2026, 3, 18))  # in the interface language's format
    assert f"{example} (or 2026-03-18)" in editor.field_error("review_on")
    assert "calendar" in editor.field_error("review_on")


def test_dates_follow_the_interface_language(qtbot: QtBot) -> None:
    import datetime as dt

    from PySide6.QtCore import QDate, QLocale

    from ui.widgets.date_field import DateField, format_date, parse_date

    french = QLocale("fr_FR")
    assert format_date(dt.date(2026, 12, 31), french) == "31/12/2026"
    assert parse_date("31/12/2026", french) == dt.date(2026, 12, 31)
    assert parse_date("2026-12-31", french) == dt.date(2026, 12, 31)  # ISO is always understood
    field = DateField()
    qtbot.addWidget(field)
    # A drawn icon, not the 📅 character, which no font of a minimal system has (an empty box).
    assert not field.button.icon().isNull() and field.button.text() == ""
    field.set_date(dt.date(2026, 3, 18))
    assert field.date("review_on") == dt.date(2026, 3, 18)
    field.calendar.clicked.emit(QDate(2026, 4, 1))
    assert field.date("review_on") == dt.date(2026, 4, 1)  # picked in the calendar


def test_filter_by_country_language_and_text(
    qtbot: QtBot, seeded: dict[str, str], view: ContactsView
) -> None:
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=WAIT_MS)
    assert view.country_filter.count() == 3  # any, DE, FR
    view.country_filter.setCurrentIndex(view.country_filter.findData("FR"))
    assert view.proxy.rowCount() == 2
    assert "2 of 3" in view.count_label.text()
    view.language_filter.setCurrentIndex(view.language_filter.findData("en"))
    assert view.proxy.rowCount() == 1
    assert view.proxy.record_at(0).full_name == "Hélène Marchetti-Roux"
    view.reset_filters()
    assert view.proxy.rowCount() == 3
    view.agency_filter.setCurrentIndex(view.agency_filter.findData(seeded["bka"]))
    assert [view.proxy.record_at(r).full_name for r in range(view.proxy.rowCount())] == ["Lena Brückner"]
    view.reset_filters()
    view.search.setText("goff")
    assert view.proxy.rowCount() == 1
    view.trust_filter.setCurrentIndex(view.trust_filter.findData(TrustLevel.MET_IN_PERSON.value))
    assert view.proxy.rowCount() == 0


def test_open_record_selects_and_shows_details(
    qtbot: QtBot, seeded: dict[str, str], view: ContactsView
) -> None:
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=WAIT_MS)
    view.country_filter.setCurrentIndex(view.country_filter.findData("DE"))
    view.open_record(seeded["Hélène Marchetti-Roux"])  # filtered out: the filters are reset
    current = view.current()
    assert current is not None and current.full_name == "Hélène Marchetti-Roux"
    assert view.detail.badge.text() == "TLP:AMBER"
    assert "Europe/Paris" in view.detail.values()["local_time"]
    assert "Europe/Paris" in view.detail.text.toPlainText()
    assert view.detail.values()["languages"] == "French, English"  # names, as in the list, not codes
    assert len(view.detail.copy_buttons) == len(current.channels)  # one Copy per channel, no other
    view.open_record(seeded["bka"])  # an agency (global search hit): its contacts
    assert [view.proxy.record_at(r).full_name for r in range(view.proxy.rowCount())] == ["Lena Brückner"]


def test_copy_buttons_treat_secure_and_red_as_sensitive(
    qtbot: QtBot, seeded: dict[str, str], view: ContactsView
) -> None:
    import ui.clipboard

    ui.clipboard.set_clear_delay(10)  # Settings → Security → "Clear copied secrets after"
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=WAIT_MS)
    view.open_record(seeded["Hélène Marchetti-Roux"])
    qtbot.mouseClick(view.detail.copy_button_for("+33 1 00 00 41 27"), Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "+33 1 00 00 41 27"  # ordinary channel, ordinary record
    assert not clipboard.mimeData().hasFormat("x-kde-passwordManagerHint")
    view.open_record(seeded["Yannick Le Goff"])  # TLP:RED and a secure channel
    qtbot.mouseClick(view.detail.copy_button_for("y.legoff@ofac.example.org"), Qt.MouseButton.LeftButton)
    assert clipboard.text() == "y.legoff@ofac.example.org"
    assert clipboard.mimeData().hasFormat("x-kde-passwordManagerHint")  # kept out of clipboard history
    assert "10 s" in view.status_label.text()
    ui.clipboard.clear_sensitive_now()
    assert clipboard.text() == ""


def test_delete_asks_first(
    qtbot: QtBot,
    seeded: dict[str, str],
    view: ContactsView,
    in_vault: InVault,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=WAIT_MS)
    view.open_record(seeded["Lena Brückner"])
    answers: list[str] = []
    monkeypatch.setattr(view, "confirm", lambda title, text: answers.append(text) or False)
    view.delete_current()
    assert "Lena Brückner" in answers[0]
    assert len(in_vault(catalog.contacts.list)) == 3
    monkeypatch.setattr(view, "confirm", lambda title, text: True)
    view.delete_current()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=WAIT_MS)
    assert view.current() is None
    assert view.detail.name.text() == "No contact selected"


def test_lock_clears_every_decrypted_value(qtbot: QtBot, seeded: dict[str, str], view: ContactsView) -> None:
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=WAIT_MS)
    view.open_record(seeded["Lena Brückner"])
    view.edit_current()
    view.search.setText("lena")
    view.session.lock()
    assert view.model.rowCount() == 0
    assert view.proxy.rowCount() == 0
    assert view.editor is None
    assert view.detail.contact is None
    assert view.agency_filter.count() == 1 and view.country_filter.count() == 1  # only "any"
    assert "Bundeskriminalamt" not in view.agency_filter.itemText(0)
    assert view.search.text() == "" and "0 of 0" in view.count_label.text()

    session = view.session
    vault = session.runner.run_store(lambda: unlock(session.vault_path, PASSPHRASE)).result(timeout=30)
    session.attach(vault)  # unlocked again: the page reloads by itself
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=WAIT_MS)


def test_retranslate_and_the_clock_tick(
    qtbot: QtBot, seeded: dict[str, str], view: ContactsView, marked_language: Callable[[], None]
) -> None:
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=WAIT_MS)
    view.open_record(seeded["Hélène Marchetti-Roux"])
    view.edit_current()
    marked_language()
    view.retranslate_ui()
    assert view.new_button.text() == "«New contact»"
    assert view.search.placeholderText().startswith("«")
    assert view.country_filter.itemText(0) == "«Any country»"
    assert view.trust_filter.itemText(1) == "«Met in person»"
    assert view.model.headerData(0, Qt.Orientation.Horizontal) == "«Name»"
    assert view.model.index(0, ContactsModel.ROLE).data().startswith("«")
    assert "«Local time»" in view.detail.text.toPlainText()
    assert view.detail.copy_buttons[0].text() == "«Copy»"
    assert view.count_label.text().startswith("«")
    editor = editor_of(view)
    assert editor.tabs.tabText(0) == "«Person»" and editor.save_button.text() == "«Save»"
    assert editor.windowTitle() == "«Edit contact»"
    assert view.country_filter.count() == 3
    view._tick()  # the per-minute refresh runs without a selection too
    assert view._clock.isActive()
    assert view._clock.remainingTime() <= 60_100


# -- the agreements page (same directory pattern: registry, detail, dialog) ---------------------


def test_agreements_page_on_demo_data(
    qtbot: QtBot, vault_session: Session, in_vault: InVault, marked_language: Callable[[], None]
) -> None:
    from liaison.services import demo
    from ui.views.agreements_view import AgreementsView

    in_vault(demo.populate)
    page = AgreementsView(vault_session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 5, timeout=WAIT_MS)
    eio = next(a for a in page.model.records() if a.short_name == "EIO")
    page.open_record(eio.id)
    assert page.detail.title.text() == eio.title
    assert page.detail.badge.text() == eio.handling.value
    assert page.parties_model.rowCount() > 0
    page.parties_table.selectRow(0)
    assert "Declarations:" in page.party_text.toPlainText()

    page.new_item()
    dialog = page.editor
    assert dialog is not None
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no title
    qtbot.waitUntil(lambda: dialog.field_error("title") != "", timeout=WAIT_MS)
    dialog.title_edit.setText("Bilateral treaty with Ruritania")
    dialog.short_name.setText("RU MLAT")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.current() is not None and page.current().short_name == "RU MLAT", timeout=WAIT_MS
    )
    assert page.parties_model.rowCount() == 0

    marked_language()
    page.retranslate_ui()
    assert page.new_button.text() == "«New agreement»"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "«Short name»"
    assert "«Kind»" in page.detail.text.toPlainText()
    assert page.count_label.text().startswith("«")

    vault_session.lock()
    assert page.model.rowCount() == 0 and page.parties_model.rowCount() == 0
    assert page.detail.agreement is None and page.party_text.toPlainText() == ""


def test_columns_chosen_on_the_header_are_remembered(
    qtbot: QtBot, view: ContactsView, vault_session: Session
) -> None:
    from ui.widgets.column_chooser import column_menu

    menu = column_menu(view.table)
    actions = menu.actions()
    assert [a.text() for a in actions][ContactsModel.NATIVE] == "Native name"
    actions[ContactsModel.ROLE].setChecked(False)  # hide "Role"
    assert view.table.horizontalHeader().isSectionHidden(ContactsModel.ROLE)
    again = ContactsView(vault_session)
    qtbot.addWidget(again)
    assert again.table.horizontalHeader().isSectionHidden(ContactsModel.ROLE)
    assert not again.table.horizontalHeader().isSectionHidden(ContactsModel.NATIVE)


def test_languages_are_chosen_by_name(qtbot: QtBot) -> None:
    from ui import i18n
    from ui.widgets.language_combo import LanguageCombo

    combo = LanguageCombo("fr")
    qtbot.addWidget(combo)
    assert combo.currentText() == "French (fr)" and combo.code() == "fr"
    combo.setEditText("spanish (ES)")
    assert combo.code() == "es"
    combo.setEditText("tzm")  # not in the list: taken as typed, as a code (the core checks it)
    assert combo.code() == "tzm"
    i18n.set_language("ar")
    assert LanguageCombo("fr").currentText() == "الفرنسية (fr)"


def test_the_overdue_filter_shows_only_when_something_is_overdue(
    qtbot: QtBot, seeded: dict[str, str], in_vault: InVault, view: ContactsView
) -> None:
    import datetime as dt

    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=WAIT_MS)
    assert view.overdue_only.isHidden()  # not "0 follow-ups overdue"
    late = Contact(full_name="Late Follow-up", country="FR", next_follow_up=dt.date(2020, 1, 6))
    in_vault(lambda vault: catalog.contacts.add(vault, late))  # type: ignore[arg-type]
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=WAIT_MS)
    assert not view.overdue_only.isHidden()
    assert view.overdue_only.text() == "1 follow-up overdue"
    view.overdue_only.setChecked(True)
    assert [view.proxy.record_at(r).full_name for r in range(view.proxy.rowCount())] == ["Late Follow-up"]
