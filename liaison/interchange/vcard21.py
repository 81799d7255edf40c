"""vCard 2.1 (versit, 1996), as older phones, SIM exports and some Outlook versions still write it,
rewritten as vCard 3.0 lines so the one 3.0/4.0 reader handles it.

What differs from 3.0 and is rewritten here:
- parameters may be bare type names: ``TEL;WORK;VOICE:`` means ``TEL;TYPE=WORK,VOICE:``;
- values may be QUOTED-PRINTABLE in a CHARSET (``=C3=BC`` is "ü" in UTF-8), and such a value goes
  on over the next lines when a line ends with a soft break ``=`` (no leading space as in 3.0);
- a quoted-printable value holds raw line breaks, commas and semicolons, which 3.0 escapes
  (``\\n``, ``\\,``, and ``\\;`` outside N, ADR and ORG, whose parts ``;`` separates in both).

A value that does not decode in its charset is a problem of that card, reported with its line.
"""

from __future__ import annotations

import quopri
import re

from liaison.interchange.cards import ImportRejected

_STRUCTURED = frozenset({"N", "ADR", "ORG"})  # ";" separates parts in both versions
_PROPERTY = re.compile(
    r"^(?P<group>[\w-]+\.)?(?P<name>[\w-]+)(?P<params>(?:;[^:]*)?):(?P<value>.*)$", re.DOTALL
)
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT"})


def _joined(lines: list[str]) -> list[tuple[int, str]]:
    """(offset in the card, property line) with quoted-printable soft breaks and folded lines
    joined."""
    out: list[tuple[int, str]] = []
    soft = False
    for offset, line in enumerate(lines):
        if out and (soft or line[:1] in (" ", "\t")):
            previous_offset, previous = out[-1]
            out[-1] = (previous_offset, (previous[:-1] if soft else previous) + (line if soft else line[1:]))
        else:
            out.append((offset, line))
        soft = "QUOTED-PRINTABLE" in out[-1][1].split(":", 1)[0].upper() and out[-1][1].endswith("=")
    return out


def _escape(text: str, structured: bool) -> str:
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\n", "\\n")
    return text if structured else text.replace(";", "\\;")


def _parameters(raw: str) -> tuple[list[str], str, str]:
    """(3.0 parameters, encoding, charset) of a 2.1 parameter list (``;WORK;VOICE;CHARSET=...``)."""
    params: list[str] = []
    types: list[str] = []
    encoding, charset = "", "utf-8"
    for param in filter(None, raw.split(";")):
        key, equals, value = (part.strip() for part in param.partition("="))
        upper = key.upper()
        if not equals and upper in _ENCODINGS:
            encoding = upper
        elif not equals or upper == "TYPE":
            types.extend(v.strip() for v in (value or key).split(",") if v.strip())
        elif upper == "ENCODING":
            encoding = value.upper()
        elif upper == "CHARSET":
            charset = value or charset
        else:
            params.append(f"{key}={value}")
    if types:
        params.insert(0, "TYPE=" + ",".join(types))
    return params, encoding, charset


def _property(first_line: int, line: str) -> str:
    match = _PROPERTY.match(line)
    name = match["name"].upper() if match else ""
    if match is None or name in ("BEGIN", "END"):
        return line
    if name == "VERSION":
        return "VERSION:3.0"
    params, encoding, charset = _parameters(match["params"])
    value = match["value"]
    if encoding == "QUOTED-PRINTABLE":
        try:
            decoded = quopri.decodestring(value.encode("latin-1", "replace")).decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise ImportRejected(
                f"line {first_line}: {name} is not valid quoted-printable {charset} text"
            ) from None
        value = _escape(decoded, name in _STRUCTURED)
    group = match["group"] or ""
    return f"{group}{match['name']}{''.join(';' + p for p in params)}:{value}"


def to_30(first_line: int, lines: list[str]) -> list[str]:
    """The card's lines (as split from the file, BEGIN to END) rewritten as vCard 3.0."""
    return [_property(first_line + offset, line) for offset, line in _joined(lines) if line.strip()]
