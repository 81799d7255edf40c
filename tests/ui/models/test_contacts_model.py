"""The contacts table model and its filter proxy, with no view (Vorta style)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from liaison.domain import Channel, Contact, ContactRole, Handling, LanguageSkill, TrustLevel
from ui.models import ObjectRole, SortRole
from ui.models.contacts_model import (
    IN_HOURS_COLOR,
    OFF_HOURS_COLOR,
    OVERDUE_COLOR,
    ContactFilterProxy,
    ContactsModel,
    availability_text,
    first_channel,
    within_working_hours,
)

# Tuesday 3 March 2026, 12:00 UTC: 13:00 in Paris, 07:00 in New York, 21:00 in Tokyo.
NOW = dt.datetime(2026, 3, 3, 12, 0, tzinfo=dt.UTC)
AGENCIES = {"a-ofac": "OFAC", "a-bka": "Bundeskriminalamt", "a-doj": "US Department of Justice"}


def contacts() -> list[Contact]:
    return [
        Contact(
            id="c-fr",
            full_name="Yannick Le Goff",
            country="FR",
            agency_id="a-ofac",
            role=ContactRole.POLICE_INVESTIGATOR,
            languages=(LanguageSkill("fr"), LanguageSkill("en"), LanguageSkill("de", "reads")),
            channels=(Channel("siena", "FR ENU", secure=True), Channel("mobile", "+33 6 00 00 18 52")),
            timezone="Europe/Paris",
            working_hours="08:30-18:30 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
        ),
        Contact(
            id="c-de",
            full_name="Lena Brückner",
            country="DE",
            agency_id="a-bka",
            languages=(LanguageSkill("de"), LanguageSkill("en")),
            channels=(Channel("email", "l.brueckner@bka.example.org"),),
            timezone="Europe/Berlin",
            working_hours="07:00-12:00 Mon-Fri",
            trust_level=TrustLevel.INTRODUCED,
            handling=Handling.GREEN,
        ),
        Contact(
            id="c-us",
            full_name="Dana Whitcombe",
            country="US",
            agency_id="a-doj",
            languages=(LanguageSkill("en"), LanguageSkill("fr", "reads")),
            timezone="America/New_York",
            working_hours="09:00-17:30 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            handling=Handling.RED,
        ),
        Contact(id="c-none", full_name="Anonymous Desk", country="FR", timezone=""),
    ]


@pytest.fixture
def model() -> ContactsModel:
    model = ContactsModel(clock=lambda: NOW)
    model.set_contacts(contacts(), AGENCIES)
    return model


@pytest.fixture
def proxy(model: ContactsModel) -> ContactFilterProxy:
    proxy = ContactFilterProxy()
    proxy.setSourceModel(model)
    return proxy


def names(proxy: ContactFilterProxy) -> list[str]:
    return [proxy.record_at(row).full_name for row in range(proxy.rowCount())]


def test_qt_model_tester(qtmodeltester: ModelTester, model: ContactsModel) -> None:
    qtmodeltester.check(model)


def test_qt_model_tester_on_the_proxy(qtmodeltester: ModelTester, proxy: ContactFilterProxy) -> None:
    proxy.set_country("FR")
    qtmodeltester.check(proxy)


def test_rows_columns_and_headers(model: ContactsModel) -> None:
    assert model.rowCount() == 4
    assert model.columnCount() == 10
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Name", "Country", "Agency", "Role", "Languages", "Trust", "Handling", "Local time", "Native name",
        "Follow-up",
    ]  # fmt: skip


def test_display_values(model: ContactsModel) -> None:
    def cell(row: int, column: int) -> str:
        return str(model.index(row, column).data())

    assert cell(0, ContactsModel.NAME) == "Yannick Le Goff"
    assert cell(0, ContactsModel.AGENCY) == "OFAC"
    assert cell(0, ContactsModel.ROLE) == "Police investigator"
    assert cell(0, ContactsModel.LANGUAGES) == "French, English, German (reads only)"
    assert "de (reads only)" in model.index(0, ContactsModel.LANGUAGES).data(Qt.ItemDataRole.ToolTipRole)
    assert cell(0, ContactsModel.TRUST) == "Met in person"
    assert cell(2, ContactsModel.HANDLING) == "TLP:RED"
    assert cell(0, ContactsModel.LOCAL_TIME).endswith("13:00")
    assert cell(2, ContactsModel.LOCAL_TIME).endswith("07:00")
    assert cell(3, ContactsModel.LOCAL_TIME) == ""


def test_object_role_returns_the_record(model: ContactsModel) -> None:
    record = model.index(1, ContactsModel.COUNTRY).data(ObjectRole)
    assert isinstance(record, Contact)
    assert record.id == "c-de"
    assert model.index(7, 0).data(ObjectRole) is None  # outside the table
    assert model.data(QModelIndex(), ObjectRole) is None


def test_sort_role_gives_comparable_values(model: ContactsModel) -> None:
    trust = [model.index(r, ContactsModel.TRUST).data(SortRole) for r in range(4)]
    assert trust == [0, 2, 1, 3]  # the order of TrustLevel, strongest first
    offsets = [model.index(r, ContactsModel.LOCAL_TIME).data(SortRole) for r in range(4)]
    assert offsets[0] == 3600 and offsets[2] == -5 * 3600 and offsets[3] < offsets[2]
    assert model.index(1, ContactsModel.NAME).data(SortRole) == "lena brückner"


def test_working_hours_decoration_and_tooltip(model: ContactsModel) -> None:
    decoration = Qt.ItemDataRole.DecorationRole
    assert model.index(0, ContactsModel.LOCAL_TIME).data(decoration) == IN_HOURS_COLOR  # 13:00 in Paris
    assert model.index(1, ContactsModel.LOCAL_TIME).data(decoration) == OFF_HOURS_COLOR  # 13:00 in Berlin
    assert model.index(3, ContactsModel.LOCAL_TIME).data(decoration) is None
    tooltip = model.index(0, ContactsModel.LOCAL_TIME).data(Qt.ItemDataRole.ToolTipRole)
    assert "Europe/Paris" in tooltip and "within working hours" in tooltip and "08:30-18:30" in tooltip


def test_refresh_local_times_signals_only_that_column(model: ContactsModel, qtbot: object) -> None:
    seen: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, _roles: seen.append((first.column(), last.column())))
    model.refresh_local_times()
    assert seen == [(ContactsModel.LOCAL_TIME, ContactsModel.LOCAL_TIME)]


def test_proxy_sorts_on_sort_role(proxy: ContactFilterProxy) -> None:
    proxy.sort(ContactsModel.NAME, Qt.SortOrder.AscendingOrder)
    assert names(proxy) == ["Anonymous Desk", "Dana Whitcombe", "Lena Brückner", "Yannick Le Goff"]
    proxy.sort(ContactsModel.TRUST, Qt.SortOrder.AscendingOrder)
    assert names(proxy)[0] == "Yannick Le Goff"
    proxy.sort(ContactsModel.LOCAL_TIME, Qt.SortOrder.DescendingOrder)
    assert set(names(proxy)[:2]) == {"Lena Brückner", "Yannick Le Goff"}  # both UTC+1
    assert names(proxy)[-1] == "Anonymous Desk"


def test_filter_by_country_language_trust_agency_and_text(proxy: ContactFilterProxy) -> None:
    proxy.sort(ContactsModel.NAME, Qt.SortOrder.AscendingOrder)
    proxy.set_country("FR")
    assert names(proxy) == ["Anonymous Desk", "Yannick Le Goff"]
    proxy.set_country("")
    proxy.set_language("fr")  # any level counts: Dana reads French
    assert names(proxy) == ["Dana Whitcombe", "Yannick Le Goff"]
    proxy.set_trust(TrustLevel.VERIFIED_DIRECTORY)
    assert names(proxy) == ["Dana Whitcombe"]
    proxy.set_trust(None)
    proxy.set_language("")
    proxy.set_agency("a-bka")
    assert names(proxy) == ["Lena Brückner"]
    proxy.set_agency("")
    proxy.set_text("bundeskriminal")  # agency name
    assert names(proxy) == ["Lena Brückner"]
    proxy.set_text("+33 6")  # a channel value
    assert names(proxy) == ["Yannick Le Goff"]
    proxy.set_text("yannick goff")  # every word, any order
    assert names(proxy) == ["Yannick Le Goff"]
    proxy.reset()
    assert proxy.rowCount() == 4


def test_clear_empties_the_model(model: ContactsModel, proxy: ContactFilterProxy) -> None:
    model.clear()
    assert model.rowCount() == 0
    assert proxy.rowCount() == 0
    assert model.agency_names() == {}
    assert model.row_of("c-fr") == -1


def test_row_of_and_proxy_row_of(model: ContactsModel, proxy: ContactFilterProxy) -> None:
    assert model.row_of("c-us") == 2
    proxy.set_country("DE")
    assert proxy.proxy_row_of("c-de") == 0
    assert proxy.proxy_row_of("c-us") == -1


def test_retranslate_announces_new_headers(model: ContactsModel, qtbot: object) -> None:
    changed: list[int] = []
    model.headerDataChanged.connect(lambda _o, first, last: changed.append(last - first + 1))
    model.retranslate()
    assert changed == [10]


@pytest.mark.parametrize(
    ("hours", "local", "expected"),
    [
        ("09:00-18:00 Mon-Fri", dt.datetime(2026, 3, 3, 10, 0), True),  # Tuesday
        ("09:00-18:00 Mon-Fri", dt.datetime(2026, 3, 3, 18, 30), False),
        ("09:00-18:00 Mon-Fri", dt.datetime(2026, 3, 7, 10, 0), False),  # Saturday
        ("07:00-16:00 Mon-Sat", dt.datetime(2026, 3, 7, 10, 0), True),
        ("00:00-23:59 Mon-Sun (duty rota)", dt.datetime(2026, 3, 8, 3, 0), True),
        ("22:00-06:00 Fri-Mon", dt.datetime(2026, 3, 8, 2, 0), True),  # night shift, Sunday
        ("22:00-06:00 Fri-Mon", dt.datetime(2026, 3, 4, 2, 0), False),  # Wednesday
        ("08:30-17:00", dt.datetime(2026, 3, 8, 9, 0), True),  # no days: every day
        ("by appointment", dt.datetime(2026, 3, 3, 10, 0), None),
        ("", dt.datetime(2026, 3, 3, 10, 0), None),
    ],
)
def test_within_working_hours(hours: str, local: dt.datetime, expected: bool | None) -> None:
    assert within_working_hours(hours, local) is expected


def test_availability_text_and_first_channel() -> None:
    fr, _de, us, none = contacts()
    assert availability_text(fr, NOW).endswith("13:00, within working hours")
    assert availability_text(us, NOW).endswith("07:00, outside working hours")
    assert availability_text(none, NOW) == "Time zone unknown"
    bad = Contact(full_name="X", timezone="Mars/Olympus")
    assert "Mars/Olympus" in availability_text(bad, NOW)
    phone = first_channel(fr, ("phone", "mobile"))
    assert phone is not None and phone.value.startswith("+33")
    assert first_channel(fr, ("email",)) is None


def _folding_cases() -> list[tuple[str, str, tuple[str, ...]]]:
    from tests.liaison.test_folding import CASES

    return CASES


@pytest.mark.parametrize(("script", "stored", "queries"), _folding_cases(), ids=lambda v: str(v)[:20])
def test_filter_folds_like_the_global_search(script: str, stored: str, queries: tuple[str, ...]) -> None:
    model = ContactsModel(clock=lambda: NOW)
    model.set_records([Contact(id="c-1", full_name=stored), Contact(id="c-2", full_name="Unrelated Person")])
    proxy = ContactFilterProxy()
    proxy.setSourceModel(model)
    for query in queries:
        proxy.set_text(query)
        assert names(proxy) == [stored], (script, query)


def test_filter_finds_the_native_name_and_its_latin_spelling() -> None:
    model = ContactsModel(clock=lambda: NOW)
    model.set_records([Contact(id="c-1", full_name="Ivan Petrov", name_native="Иван Петров")])
    proxy = ContactFilterProxy()
    proxy.setSourceModel(model)
    for query in ("петров", "ПЕТРОВ", "petrov"):
        proxy.set_text(query)
        assert names(proxy) == ["Ivan Petrov"], query


def test_native_name_and_overdue_follow_ups() -> None:
    model = ContactsModel(clock=lambda: NOW)  # 3 March 2026
    model.set_records(
        [
            Contact(id="late", full_name="Ivan Petrov", name_native="Иван Петров",
                    next_follow_up=dt.date(2026, 2, 20), review_on=dt.date(2026, 6, 1)),
            Contact(id="soon", full_name="Lena Brückner", review_on=dt.date(2026, 3, 10)),
            Contact(id="none", full_name="Dana Whitcombe"),
        ]
    )  # fmt: skip
    assert model.index(0, ContactsModel.NATIVE).data() == "Иван Петров"
    assert model.index(0, ContactsModel.DUE).data() == "2026-02-20 · follow-up (overdue)"
    assert model.index(0, ContactsModel.DUE).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOR
    assert model.index(1, ContactsModel.DUE).data() == "2026-03-10 · review"
    assert model.index(2, ContactsModel.DUE).data() == ""
    proxy = ContactFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_overdue_only(True)
    assert names(proxy) == ["Ivan Petrov"]
    proxy.reset()
    assert proxy.rowCount() == 3
