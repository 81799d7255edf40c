"""Every identifier class officers send is found whole, by the library that knows its format where
one exists, and comes back byte for byte through protect → restore."""

from __future__ import annotations

import pytest

from liaison.translation import identifiers, protect

CASES = [
    ("reference", "PV n° 2026/123456"),
    ("reference", "Az. 2 Js 1234/25"),
    ("reference", "2 Js 1234/25"),
    ("reference", "RG 24/01234"),
    ("reference", "2024-CR-0042"),
    ("reference", "12345/2024/AB"),
    ("reference", "MLA-2024/117"),
    ("reference", "REF_2024_001"),
    ("iban", "FR76 3000 6000 0112 3456 7890 189"),
    ("iban", "DE89370400440532013000"),
    ("iban", "ES08 9483 5299 1260 8755 8876"),  # ISO check digits right, national ones wrong
    ("bic", "BNPAFRPPXXX"),
    ("bic", "DEUTDEFF500"),
    ("plate", "B-AB 1234"),
    ("plate", "1234 BCD"),
    ("vin", "WVWZZZ1JZXW000001"),
    ("code", "12AB34567"),
    ("id", "12345678Z"),
    ("phone", "+33 1 23 45 67 89"),
    ("phone", "01 23 45 67 89"),
    ("phone", "+44 (0)20 7946 0958"),
    ("phone", "0049 30 1234567"),
    ("phone", "+34 (0)61 299 1820"),  # not valid for libphonenumber, still kept whole
    ("number", "315 359 5100"),
    ("money", "€1,250.50"),
    ("money", "1.250,50 €"),
    ("money", "EUR 12 000"),
    ("money", "3 500,00 EUR"),
    ("ip", "192.168.1.10:8080"),
    ("ip", "[2001:db8::1]:443"),
    ("ip", "2001:db8::1"),
    ("timestamp", "2026-03-12T14:30:00Z"),
    ("url", "https://e-justice.europa.eu/x?a=1"),
    ("email", "j.doe@example.org"),
    ("wallet", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
    ("wallet", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
    ("wallet", "0x52908400098527886E0F7030069857D2E4169EE7"),
    ("hash", "d41d8cd98f00b204e9800998ecf8427e"),
    ("hash", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("flight", "AF1234"),
    ("flight", "LH 456"),
    ("name", "Иван Петров"),
    ("date", "12/03/2024"),
    ("time", "14:30"),
    ("number", "15 000"),
]


@pytest.mark.parametrize(("kind", "token"), CASES)
def test_each_class_is_found_whole(kind: str, token: str) -> None:
    text = f"Please check {token} before Monday."
    spans = identifiers.find(text, "en")
    assert [(text[s.start : s.end], s.kind) for s in spans] == [(token, kind)]
    guarded = protect.protect(text, "en")
    assert guarded.text == "Please check ⟦1⟧ before Monday." and guarded.tokens == (token,)
    assert protect.restore(guarded.text, guarded.tokens).text == text


def test_an_iban_with_a_wrong_checksum_is_not_an_iban() -> None:
    text = "Account FR76 3000 6000 0112 3456 7890 188 please."
    assert "iban" not in {s.kind for s in identifiers.find(text, "en")}


def test_words_in_capitals_are_not_bank_codes() -> None:
    assert identifiers.find("URGENT REQUEST FROM EUROPOLS TEAM", "en") == []


def test_dates_and_years_are_not_phone_numbers() -> None:
    text = "Between 12.03.2024 and 1999-2001, in 2023 2024."
    kinds = [s.kind for s in identifiers.find(text, "en")]
    assert "phone" not in kinds


def test_national_phone_numbers_use_the_message_language() -> None:
    text = "Llame al 612 345 678 hoy."
    assert [(text[s.start : s.end], s.kind) for s in identifiers.find(text, "es")] == [
        ("612 345 678", "phone")
    ]


def test_placeholders_are_renumbered_per_segment() -> None:
    guarded = protect.protect("See A-1 and B-2. Call C-3.", "en")
    second = protect.renumber("Call ⟦3⟧.", guarded.tokens)
    assert second == protect.Protected("Call ⟦1⟧.", ("C-3",))
