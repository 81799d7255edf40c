"""``liaison self-test``: is this installation able to do its job? One line per check.

Support asks officers for this report, so every line says what was checked and what was found
(versions, folders, counts), and a failure says what to do. It never opens the vault and never
prints anything from it. Checks that need Qt (the platform plugin) live in ``ui`` and are added
with :func:`register` by the launcher: the core stays Qt-free.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from liaison import __version__


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name:<12} {self.detail}"


class CheckFailed(Exception):
    """Raised by a check with the one-line reason it failed."""


Check = Callable[[], str]  # returns the detail of a passing check, raises on failure

_extra: list[tuple[str, Check]] = []
SAMPLE_SENTENCE = "The suspect was arrested in Lyon."


def register(name: str, check: Check) -> None:
    """Add a check that the core cannot run itself (the Qt platform plugin, added by ``ui``)."""
    if all(existing != name for existing, _ in _extra):
        _extra.append((name, check))


def registered() -> list[str]:
    """Names of the checks added with :func:`register`."""
    return [name for name, _check in _extra]


def check_sqlcipher() -> str:
    from liaison.store import connection  # noqa: PLC0415  (each check imports only what it needs)

    return f"SQLCipher {connection.sqlcipher_version()} linked"


def check_crypto() -> str:
    from cryptography.exceptions import InvalidTag  # noqa: PLC0415
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: PLC0415

    from liaison.crypto import kdf  # noqa: PLC0415

    salt = os.urandom(kdf.SALT_BYTES)
    params = kdf.INSECURE_TEST_PARAMS  # a round trip proves the library works; calibration is not the point
    first = kdf.derive_key(b"self-test", salt, params)
    if first != kdf.derive_key(b"self-test", salt, params) or first == kdf.derive_key(b"other", salt, params):
        raise CheckFailed("Argon2id is not deterministic: the argon2-cffi build is broken")
    nonce = os.urandom(12)
    sealed = AESGCM(first).encrypt(nonce, b"liaison", b"aad")
    if AESGCM(first).decrypt(nonce, sealed, b"aad") != b"liaison":
        raise CheckFailed("AES-GCM round trip returned other bytes")
    try:
        AESGCM(first).decrypt(nonce, sealed[:-1] + bytes([sealed[-1] ^ 1]), b"aad")
    except InvalidTag:
        return "Argon2id key derivation and AES-256-GCM round trip (tampering detected)"
    raise CheckFailed("AES-GCM accepted a tampered message")


def vault_folder_check(vault_path: Path) -> Check:
    def check() -> str:
        folder = vault_path.parent
        if not folder.exists():
            existing = next(p for p in folder.parents if p.exists())
            if not os.access(existing, os.W_OK | os.X_OK):
                raise CheckFailed(f"{folder} does not exist and {existing} is not writable")
            return f"{folder} will be created on first use (mode 0700)"
        mode = stat.S_IMODE(folder.stat().st_mode)
        if mode & 0o022:
            raise CheckFailed(f"{folder} is writable by other users (mode {mode:04o}): run chmod 700 on it")
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".liaison-selftest-"):
            pass
        note = "" if not mode & 0o077 else ", readable by other users (the vault itself stays encrypted)"
        return f"{folder} writable, mode {mode:04o}{note}"

    return check


def _catalog_texts(lang: str) -> list[str]:
    from babel.messages.mofile import read_mo  # noqa: PLC0415
    from babel.messages.pofile import read_po  # noqa: PLC0415

    from liaison.documents import catalogs  # noqa: PLC0415

    source = catalogs.load(lang).source
    with source.open("rb") as fh:
        catalog = read_po(fh, locale=lang) if source.suffix == ".po" else read_mo(fh)
    texts: list[str] = []
    for message in catalog:
        values = message.string if isinstance(message.string, tuple | list) else (message.string,)
        texts.extend(v for v in values if v)
    return texts


def check_fonts() -> str:
    """Every translated text of every document catalog, prepared exactly as the PDF prepares it,
    has a glyph in the font chosen for it (regular and bold)."""
    from liaison.documents import catalogs, fonts  # noqa: PLC0415
    from liaison.documents.pdf_text import prepare  # noqa: PLC0415

    langs = catalogs.languages()
    if not langs:
        raise CheckFailed(f"no document catalog found in {catalogs.locales_dir()}")
    for lang in langs:
        preferred = fonts.script_for_lang(lang)
        for text in _catalog_texts(lang):
            for bold in (False, True):
                ready = prepare(text, preferred, bold=bold)
                missing = fonts.covers(ready.font, ready.text)
                if missing:
                    shown = " ".join(f"U+{ord(c):04X}" for c in missing)
                    raise CheckFailed(f"{lang}: font {ready.font} has no glyph for {shown}")
    files = fonts.registered_files()
    folders = ", ".join(sorted({str(p.parent) for p in files.values()}))
    return f"{len(langs)} document languages ({' '.join(langs)}): {', '.join(sorted(files))} from {folders}"


def check_translation() -> str:
    import ctranslate2  # noqa: PLC0415

    from liaison.translation import engine, runtime  # noqa: PLC0415
    from liaison.translation.models import LoadedPack  # noqa: PLC0415

    runtime.argos("package")
    installed = engine.installed_packs()
    base = f"CTranslate2 {ctranslate2.__version__}"
    if not installed:
        return f"{base} loads; no language pack installed (in {runtime.packages_dir()})"
    ref = installed[0]
    output = LoadedPack(ref).translate_batch([SAMPLE_SENTENCE])
    if not output or not output[0].strip():
        raise CheckFailed(f"pack {ref.pair} loaded but translated nothing")
    return f"{base}; pack {ref.pair} {ref.version} loads and translates ({len(installed)} installed)"


def check_pdf() -> str:
    import pikepdf  # noqa: PLC0415

    from liaison.documents.layout import Document, Entry, Section  # noqa: PLC0415
    from liaison.documents.pdf import render  # noqa: PLC0415

    samples = {
        "en": "Request for mutual legal assistance",
        "ru": "Просьба о взаимной правовой помощи",
        "ar": "طلب المساعدة القانونية المتبادلة",
        "zh": "刑事司法协助请求",
    }
    entries = tuple(Entry(lang, text, value_lang=lang) for lang, text in samples.items())
    doc = Document(
        lang="en",
        rtl=False,
        title="Liaison self-test",
        subtitle="",
        reference_line="",
        date_line="",
        letterhead=(),
        addressee=(),
        sections=(Section("1", "Scripts", entries),),
        signatures=(),
        annex_heading="",
        annexes=(),
        reference="SELF-TEST",
    )
    data = render(doc)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    size = len(data) // 1024
    return f"a {pages}-page PDF with Latin, Cyrillic, Arabic and Chinese text rendered ({size} KB)"


def checks(vault_path: Path) -> list[tuple[str, Check]]:
    return [
        ("sqlcipher", check_sqlcipher),
        ("crypto", check_crypto),
        ("vault-folder", vault_folder_check(vault_path)),
        ("fonts", check_fonts),
        ("translation", check_translation),
        ("pdf", check_pdf),
        *_extra,
    ]


def run(vault_path: Path, selected: Iterable[tuple[str, Check]] | None = None) -> list[Outcome]:
    """Every check, in order; a check that raises anything is a failure with a one-line reason."""
    results = []
    for name, check in selected if selected is not None else checks(vault_path):
        try:
            results.append(Outcome(name, True, check()))
        except Exception as exc:  # a self-test reports every failure, whatever raised it
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            results.append(Outcome(name, False, reason))
    return results


def header() -> str:
    return f"Liaison {__version__}, Python {sys.version.split()[0]}, {sys.platform}" + (
        " (bundled)" if getattr(sys, "frozen", False) else ""
    )


def report(outcomes: Iterable[Outcome]) -> str:
    return "\n".join([header(), *(o.line() for o in outcomes)])
