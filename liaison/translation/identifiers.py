"""Finding the identifiers officers exchange, so translation can keep them byte for byte.

Each recogniser returns spans of one class. Where a maintained library knows the format, it decides:
``phonenumbers`` (Google's libphonenumber) for telephone numbers, ``python-stdnum`` for IBAN (checksum),
BIC and national ID numbers, ``ipaddress`` for IP addresses. Regular expressions only propose candidates
for them; they decide alone only for shapes no library covers (case references in national formats,
vehicle plates, flight numbers, hashes, wallets, money amounts).

Overlapping spans are resolved longest first, so ``PV n° 2026/123456`` is one reference, not a
number inside a phrase.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from stdnum import bic, iban
from stdnum.es import dni, nie
from stdnum.iso7064 import mod_97_10

# Language → region for phone numbers written without a country code.
_REGIONS = {
    "en": "GB", "fr": "FR", "es": "ES", "de": "DE", "it": "IT", "pt": "PT", "nl": "NL", "pl": "PL",
    "ro": "RO", "ru": "RU", "ar": "MA", "zh": "CN", "el": "GR", "tr": "TR", "uk": "UA",
}  # fmt: skip


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: str


_END = r"(?![\w@])"
_START = r"(?<![\w@/.])"

# Case references with a label: "PV n° 2026/123456", "Az. 2 Js 1234/25", "RG 24/01234", "Ref. 12 345".
_LABELLED_REF = re.compile(
    r"(?<!\w)(?:PV|RG|Az\.?|AZ|Aktenzeichen|Ref\.?|Réf\.?|Ref|DP|NIG|Exp\.?|Proc\.?|Parquet|N°|No\.|Nr\.)"
    r"(?:\s*(?:n[°º]|nr\.|no\.|núm\.?))?\s*:?\s*"
    r"\d[\w]*(?:[ ./-]+[\w]*\d[\w]*)*" + _END,
    re.IGNORECASE,
)
# German file numbers without a label: "2 Js 1234/25", "123 KLs 45/24".
_GERMAN_REF = re.compile(
    r"(?<![\w/])(?:(?:Az\.|AZ|Aktenzeichen:?)\s*)?\d{1,4}\s[A-Z][A-Za-z]{0,3}\s\d{1,6}/\d{2,4}" + _END
)
# Compound references: REF_2024_001, MLA-2024/117, 2024-CR-0042, 12345/2024/AB, 24/01234.
_COMPOUND = re.compile(
    r"(?<![\w@/.])(?=[\w/-]*\d)[A-Za-z0-9]+(?:[-_/][A-Za-z0-9]+)+"
    + _END
    + r"|(?<![\w@/.])[A-Z]{2,}(?:[-_/][A-Z0-9]+)+"
    + _END
)
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]]", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_BIC = re.compile(r"\b[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b")
_TIMESTAMP = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?" + _END
)
_DATE = re.compile(r"(?<![\w/.])\d{1,4}[./-]\d{1,2}[./-]\d{1,4}" + _END)
_TIME = re.compile(r"(?<![\w:])\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?(?![\w:])", re.IGNORECASE)
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?(?![\w.]\d)")
_IPV6 = re.compile(
    r"\[[0-9A-Fa-f:.]+\](?::\d{1,5})?|(?<![\w:])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?![\w:])"
)
_CURRENCY = r"(?:EUR|USD|GBP|CHF|JPY|CNY|RUB|PLN|SEK|NOK|DKK|CZK|HUF|RON|TRY|MAD|DZD|AED|SAR|BTC|ETH|USDT)"
_AMOUNT = r"\d{1,3}(?:[.,\u202f\u00a0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_MONEY = re.compile(
    rf"(?:[€$£¥₽]\s?|{_CURRENCY}\s?)(?:{_AMOUNT})(?:\s?(?:k|m|mn|M|million|millions))?(?!\w)"
    rf"|(?<![\w.,])(?:{_AMOUNT})\s?(?:[€$£¥₽]|{_CURRENCY}\b)"
)
_ETH = re.compile(r"\b0x[0-9a-fA-F]{40}\b")
_BTC = re.compile(r"\b(?:bc1[02-9ac-hj-np-z]{11,71}|[13][1-9A-HJ-NP-Za-km-z]{25,34})\b")
_HASH = re.compile(r"\b(?:[0-9a-fA-F]{128}|[0-9a-fA-F]{64}|[0-9a-fA-F]{40}|[0-9a-fA-F]{32})\b")
_VIN = re.compile(r"\b[A-HJ-NPR-Z0-9]{17}\b")
_PLATE = re.compile(
    r"\b[A-Z]{2}-\d{3}-[A-Z]{2}\b"  # France AB-123-CD
    r"|\b[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2} ?\d{1,4}[EH]?\b"  # Germany B-AB 1234, M AB 1234
    r"|\b\d{4} ?[BCDFGHJKLMNPRSTVWXYZ]{3}\b"  # Spain 1234 BCD
    r"|\b[A-Z]{2} ?\d{3} ?[A-Z]{2}\b"  # Italy AB 123 CD
    r"|\b[A-Z]{2}\d{2} ?[A-Z]{3}\b"  # United Kingdom AB12 CDE
    r"|\b\d{1,3}-[A-Z]{2,3}-\d{1,3}\b|\b[A-Z]{1,3}-\d{2,3}-[A-Z]{1,3}\b"  # Netherlands
)
_FLIGHT = re.compile(r"\b(?=[A-Z0-9]{2}\b|[A-Z0-9]{2}\s?\d)(?=[A-Z]|\d[A-Z])[A-Z0-9]{2}\s?\d{1,4}[A-Z]?\b")
# Passport, ID card, VIN and other mixed codes: letters and digits together, at least six characters.
_MIXED = re.compile(r"(?<![\w@/.-])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{6,}(?![\w@])")
_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[ \u202f\u00a0]\d{3})+(?:[.,]\d+)?(?!\w)(?![.,]\d)"  # 15 000, 1 250,50
    r"|(?<![\w.,])[+-]?\d+(?:[.,\u202f\u00a0]\d+)*(?!\w)"
)
# Written like an international number but not valid for libphonenumber (a "(0)" where the country
# has no trunk prefix, an unknown range): still kept whole, never "translated" piece by piece.
_PHONE_SHAPED = re.compile(r"(?<![\w+])\+\d{1,3}[ .-]?(?:\(0\)[ .-]?)?\d[\d .-]{5,}\d(?!\w)")
# Three or more groups of digits (a national phone number of an unknown region, an account number):
# one token, so the groups stay together and in order.
_DIGIT_GROUPS = re.compile(r"(?<![\w.,])\d{2,4}(?:[ .-]\d{2,4}){2,5}(?!\w)(?![.,]\d)")
_PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d ().\-/]{6,}\d(?![\w])")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _regex(pattern: re.Pattern[str], kind: str) -> Callable[[str], Iterator[Span]]:
    def find(text: str) -> Iterator[Span]:
        for m in pattern.finditer(text):
            yield Span(m.start(), m.end(), kind)

    return find


def _ibans(text: str) -> Iterator[Span]:
    """IBANs whose ISO 13616 check digits are right (python-stdnum's mod 97-10); the stricter
    national checks of ``iban.is_valid`` would leave a mistyped national part unprotected, and then
    the model takes the number apart."""
    for m in _IBAN.finditer(text):
        compact = iban.compact(m.group(0))
        if iban.is_valid(compact) or mod_97_10.is_valid(compact[4:] + compact[:4]):
            yield Span(m.start(), m.end(), "iban")


def _bics(text: str) -> Iterator[Span]:
    """A valid BIC (python-stdnum: shape and ISO country code), unless it stands among other words
    in capitals (a shouted "URGENT REQUEST FROM EUROPOL" is not a list of bank codes)."""
    for m in _BIC.finditer(text):
        before = text[: m.start()].split()[-1:]
        after = text[m.end() :].split()[:1]
        shouting = any(w.isupper() and len(w) > 3 and w.isalpha() for w in before + after)
        if bic.is_valid(m.group(0)) and not (shouting and m.group(0).isalpha()):
            yield Span(m.start(), m.end(), "bic")


def _national_ids(text: str) -> Iterator[Span]:
    for m in re.finditer(r"\b[XYZ]?\d{7,8}-?[A-Z]\b", text):
        if dni.is_valid(m.group(0)) or nie.is_valid(m.group(0)):
            yield Span(m.start(), m.end(), "id")


def _ips(text: str) -> Iterator[Span]:
    for m in _IPV4.finditer(text):
        with contextlib.suppress(ValueError):
            ipaddress.IPv4Address(m.group(0).split(":")[0])
            yield Span(m.start(), m.end(), "ip")
    for m in _IPV6.finditer(text):
        value = m.group(0)
        address = value[1 : value.index("]")] if value.startswith("[") else value
        with contextlib.suppress(ValueError):
            ipaddress.IPv6Address(address)
            yield Span(m.start(), m.end(), "ip")


_FALLBACK_REGIONS = ("FR", "DE", "ES", "GB", "IT", "NL", "BE", "PT", "PL", "AT", "CH", "US")


def _phones(region: str) -> Callable[[str], Iterator[Span]]:
    """Numbers libphonenumber finds valid: international ones, and national ones for the message's
    own region or one of the regions officers deal with most."""
    regions = (region, *(r for r in _FALLBACK_REGIONS if r != region))

    def find(text: str) -> Iterator[Span]:
        import phonenumbers  # noqa: PLC0415  (metadata loads on first use)

        for m in _PHONE_CANDIDATE.finditer(text):
            start, raw = m.start(), m.group(0)
            if raw.startswith("(") and ")" not in raw:
                start, raw = start + 1, raw[1:]
            candidate = "+" + raw[2:] if raw.startswith("00") else raw
            if candidate.startswith("+"):
                guesses: tuple[str, ...] = regions[:1]
            elif raw.startswith(("0", "(")):
                guesses = regions  # a trunk prefix: national format of somewhere
            elif sum(c.isdigit() for c in raw) >= 9 and not _DATE.fullmatch(raw):
                guesses = regions[:1]
            else:
                continue
            for guess in guesses:
                with contextlib.suppress(phonenumbers.NumberParseException):
                    if phonenumbers.is_valid_number(phonenumbers.parse(candidate, guess)):
                        yield Span(start, start + len(raw), "phone")
                        break

    return find


def _base_script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def _foreign_script_names(text: str) -> Iterator[Span]:
    """Words in a script other than the text's main one (a Cyrillic name in an English sentence)."""
    words = list(_WORD.finditer(text))
    scripts = [_base_script(w.group(0)[0]) for w in words]
    counts: dict[str, int] = {}
    for script, w in zip(scripts, words, strict=True):
        counts[script] = counts.get(script, 0) + len(w.group(0))
    if len(counts) < 2:
        return
    main = max(counts, key=lambda s: counts[s])
    run: list[re.Match[str]] = []
    for script, word in zip(scripts, words, strict=True):
        foreign = script != main
        if foreign and (not run or text[run[-1].end() : word.start()].strip() == ""):
            run.append(word)
            continue
        if run:
            yield Span(run[0].start(), run[-1].end(), "name")
        run = [word] if foreign else []
    if run:
        yield Span(run[0].start(), run[-1].end(), "name")


# Which class a span is when two recognisers find the very same characters.
_PRIORITY = (
    "url email iban bic id wallet hash ip timestamp phone money date time reference vin plate flight "
    "code number name"
).split()
_Recogniser = Callable[[str], Iterator[Span]]
_HAS_DIGIT = re.compile(r"\d")
_HAS_CAPITALS = re.compile(r"[A-Z]{6}")


@lru_cache(maxsize=32)
def _recognisers(language: str) -> tuple[tuple[Callable[[str], bool], tuple[_Recogniser, ...]], ...]:
    """Recognisers grouped behind a cheap test of the text, so a sentence of plain words costs
    a few microseconds (the memory computes the match form of every entry it holds)."""
    digits: tuple[_Recogniser, ...] = (
        _ibans,
        _national_ids,
        _regex(_ETH, "wallet"),
        _regex(_BTC, "wallet"),
        _regex(_HASH, "hash"),
        _ips,
        _regex(_TIMESTAMP, "timestamp"),
        _phones(_REGIONS.get(language, "GB")),
        _regex(_PHONE_SHAPED, "phone"),
        _regex(_MONEY, "money"),
        _regex(_DATE, "date"),
        _regex(_TIME, "time"),
        _regex(_LABELLED_REF, "reference"),
        _regex(_GERMAN_REF, "reference"),
        _regex(_COMPOUND, "reference"),
        _regex(_VIN, "vin"),
        _regex(_PLATE, "plate"),
        _regex(_FLIGHT, "flight"),
        _regex(_MIXED, "code"),
        _regex(_DIGIT_GROUPS, "number"),
        _regex(_NUMBER, "number"),
    )
    return (
        (lambda t: "://" in t or "www." in t.lower(), (_regex(_URL, "url"),)),
        (lambda t: "@" in t, (_regex(_EMAIL, "email"),)),
        (lambda t: _HAS_CAPITALS.search(t) is not None, (_bics, _regex(_COMPOUND, "reference"))),
        (lambda t: _HAS_DIGIT.search(t) is not None, digits),
        (lambda t: not t.isascii(), (_foreign_script_names,)),
    )


def find(text: str, language: str = "") -> list[Span]:
    """Non-overlapping identifier spans in ``text``, in reading order (longest wins an overlap)."""
    found = [
        span
        for applies, recognisers in _recognisers(language)
        if applies(text)
        for recognise in recognisers
        for span in recognise(text)
    ]
    found.sort(key=lambda s: (-(s.end - s.start), _PRIORITY.index(s.kind), s.start))
    taken: list[Span] = []
    for span in found:
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken)
