"""TrueType fonts per script, bundled with Liaison (``resources/fonts``) and registered with reportlab once.

Why these fonts (see docs/pdf-fonts-qt.md): reportlab embeds only TrueType outlines and has no glyph
fallback, so each paragraph needs one font that covers all of its characters.

* Latin, Cyrillic, Greek: Noto Sans (``fonts-noto-core``): Œ, „ “, U+202F, Ёё.
* Arabic: DejaVu Sans (``fonts-dejavu-core``): the Noto Arabic fonts lack Latin letters, ``( ) /`` and €,
  which Arabic legal text mixes in (case numbers, amounts).
* CJK: WenQuanYi Zen Hei (``fonts-wqy-zenhei``), TTC subfont 0: Noto CJK is CFF, which reportlab
  rejects, and Droid Fallback has no Latin letters or digits.

The bundled folder is searched, never the system's: a request renders the same on every machine
whatever fonts it has. System folders are searched only when ``LIAISON_FONT_SYSTEM_DIRS=1`` (a
packager who removes the bundled copies in favour of the distribution's packages).

Fonts are registered lazily per script (the CJK file is 17 MB and costs ~0.2 s), under a lock, and the
time each registration took is kept for the benchmark and diagnostics.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
import sys
import threading
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import arabic_reshaper
from arabic_reshaper.letters import ISOLATED, LETTERS_ARABIC
from arabic_reshaper.ligatures import LIGATURES
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from liaison import assets
from liaison.errors import LiaisonError

FONT_DIR_ENV = "LIAISON_FONT_DIR"  # extra folders (os.pathsep-separated), searched first
SYSTEM_FONTS_ENV = "LIAISON_FONT_SYSTEM_DIRS"  # "1" also searches the standard system folders


class FontMissing(LiaisonError):
    """No usable TrueType font for a script; the message names the package that provides one."""


class Script(enum.StrEnum):
    LATIN = "Latin"  # also Cyrillic and Greek: one Noto Sans file covers them
    ARABIC = "Arabic"
    CJK = "CJK"


@dataclass(frozen=True)
class FontSpec:
    regular_name: str
    bold_name: str
    regular_files: tuple[str, ...]  # accepted file names, best first
    bold_files: tuple[str, ...]  # empty: the regular face doubles as bold (no bold CJK face)
    package: str  # Debian package that installs it
    subfont_index: int = 0


SPECS: dict[Script, FontSpec] = {
    Script.LATIN: FontSpec(
        "NotoSans", "NotoSans-Bold", ("NotoSans-Regular.ttf",), ("NotoSans-Bold.ttf",), "fonts-noto-core"
    ),
    Script.ARABIC: FontSpec(
        "DejaVuSans", "DejaVuSans-Bold", ("DejaVuSans.ttf",), ("DejaVuSans-Bold.ttf",), "fonts-dejavu-core"
    ),
    Script.CJK: FontSpec(
        "WenQuanYiZenHei",
        "WenQuanYiZenHei",
        ("WenQuanYiZenHei-Liaison.ttf", "wqy-zenhei.ttc"),  # bundled subset first, Debian's collection
        (),
        "fonts-wqy-zenhei",
    ),
}

_ARABIC_LANGS = frozenset({"ar", "fa", "ur", "ps", "ckb", "sd", "ug"})
_CJK_LANGS = frozenset({"zh", "ja", "ko", "yue"})


def script_for_lang(lang: str) -> Script:
    """The script a document language is written in (BCP 47 or babel tag: "zh_Hans_CN", "ar-EG")."""
    base = lang.replace("-", "_").split("_")[0].lower()
    if base in _ARABIC_LANGS:
        return Script.ARABIC
    if base in _CJK_LANGS:
        return Script.CJK
    return Script.LATIN


# Arabic letters (base, supplement, presentation forms A and B) and CJK (radicals, punctuation, kana,
# Han, Hangul, compatibility ideographs, full-width forms such as ，：（）, and the supplementary planes).
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def has_arabic(text: str) -> bool:
    """True if the text contains Arabic letters (base or presentation forms): it needs RTL layout."""
    return _ARABIC.search(text) is not None


def script_of(text: str) -> Script:
    """The script a paragraph needs: Arabic wins over CJK, which wins over Latin/Cyrillic/Greek."""
    if _ARABIC.search(text):
        return Script.ARABIC
    if _CJK.search(text):
        return Script.CJK
    return Script.LATIN


def search_dirs(*, system: bool | None = None, bundled: bool = True) -> list[Path]:
    """Folders searched for font files: ``$LIAISON_FONT_DIR``, then the bundled ``resources/fonts``.

    The platform's own font folders follow only when asked (``system=True``, or
    ``$LIAISON_FONT_SYSTEM_DIRS=1`` when ``system`` is None): by default nothing outside Liaison's
    installation can change how a document prints.
    """
    dirs = [Path(p) for p in os.environ.get(FONT_DIR_ENV, "").split(os.pathsep) if p]
    if bundled:
        with contextlib.suppress(assets.ResourcesMissing):  # locate() then names what is missing
            dirs.append(assets.fonts_dir())
    if system is None:
        system = os.environ.get(SYSTEM_FONTS_ENV, "0").strip().lower() in {"1", "true", "yes"}
    if not system:
        return dirs
    home = Path.home()
    if sys.platform == "darwin":
        dirs += [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    elif sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA", str(home / "AppData/Local"))
        dirs += [
            Path(local) / "Microsoft/Windows/Fonts",
            Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
        ]
    else:
        data_home = os.environ.get("XDG_DATA_HOME") or str(home / ".local/share")
        dirs += [
            Path(data_home) / "fonts",
            home / ".local/share/fonts",
            home / ".fonts",
            Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"),
        ]
    return dirs


def _find(names: Iterable[str], dirs: Sequence[Path]) -> Path | None:
    wanted = {n.lower(): rank for rank, n in enumerate(names)}
    best: tuple[int, Path] | None = None
    for root in dirs:
        if not root.is_dir():
            continue
        for folder, _subdirs, files in os.walk(root):
            for file in files:
                rank = wanted.get(file.lower())
                if rank is not None and (best is None or rank < best[0]):
                    best = (rank, Path(folder) / file)
        if best is not None:
            return best[1]  # the first folder that has it wins, so $LIAISON_FONT_DIR overrides
    return None


def locate(script: Script, dirs: Sequence[Path] | None = None) -> tuple[Path, Path | None]:
    """Paths of the regular and bold files for a script; raises FontMissing naming the package."""
    spec = SPECS[script]
    dirs = search_dirs() if dirs is None else dirs
    regular = _find(spec.regular_files, dirs)
    if regular is None:
        raise FontMissing(
            f"no TrueType font for {script.value}: Liaison's bundled fonts are missing "
            f"(reinstall Liaison, or install {spec.package} and set {SYSTEM_FONTS_ENV}=1)"
        )
    bold = _find(spec.bold_files, dirs) if spec.bold_files else None
    return regular, bold


@dataclass(frozen=True)
class Faces:
    """Registered reportlab font names for one script."""

    script: Script
    regular: str
    bold: str


class FontRegistry:
    """Finds and registers fonts once per script; safe to call from several threads.

    reportlab's font table is process-wide, so the module keeps one shared instance (``REGISTRY``).
    A separate instance is only useful in tests, to exercise the search without the cached state.
    """

    def __init__(self, dirs: Sequence[Path] | None = None) -> None:
        self._dirs = dirs
        self._lock = threading.Lock()
        self._faces: dict[Script, Faces] = {}
        self.timings: dict[str, float] = {}  # registered name -> seconds spent loading it
        self.paths: dict[str, Path] = {}  # registered name -> the file it was loaded from

    def faces(self, script: Script) -> Faces:
        found = self._faces.get(script)
        if found is not None:
            return found
        with self._lock:
            found = self._faces.get(script)
            if found is None:
                found = self._faces[script] = self._register(script)
            return found

    def _register(self, script: Script) -> Faces:
        spec = SPECS[script]
        regular, bold = locate(script, self._dirs)
        self._load(spec.regular_name, regular, spec.subfont_index)
        if bold is not None:
            self._load(spec.bold_name, bold, spec.subfont_index)
            return Faces(script, spec.regular_name, spec.bold_name)
        return Faces(script, spec.regular_name, spec.regular_name)

    def _load(self, name: str, path: Path, subfont_index: int) -> None:
        if name in pdfmetrics.getRegisteredFontNames():
            return
        started = time.perf_counter()
        try:
            font = TTFont(name, str(path), subfontIndex=subfont_index, asciiReadable=False)
        except Exception as exc:  # reportlab raises TTFError, struct.error, OSError...
            raise FontMissing(f"cannot use font file {path.name}: {exc}") from exc
        pdfmetrics.registerFont(font)
        self.timings[name] = time.perf_counter() - started
        self.paths[name] = path


REGISTRY = FontRegistry()


def script_for_font(font_name: str) -> Script | None:
    """Which script a registered font name was chosen for (None for a font not ours)."""
    for script, spec in SPECS.items():
        if font_name in (spec.regular_name, spec.bold_name):
            return script
    return None


def faces_for(script: Script) -> Faces:
    """Registered regular and bold font names for a script (registering them on first use)."""
    return REGISTRY.faces(script)


def font_for(lang: str) -> str:
    """Registered name of the regular font used for a document in ``lang``."""
    return faces_for(script_for_lang(lang)).regular


def registration_times() -> dict[str, float]:
    """Seconds spent loading each registered font, for the benchmark and support logs."""
    return dict(REGISTRY.timings)


def registered_files() -> dict[str, Path]:
    """The file each registered font came from (the self-test and tests check they are the bundled ones)."""
    return dict(REGISTRY.paths)


def pick_faces(text: str, preferred: Script) -> Faces:
    """The faces to set one paragraph in: the first of (its script, the document's, Latin) that covers it.

    A Latin value inside an Arabic or Chinese document stays in the document's font (DejaVu and
    WenQuanYi have Latin), so tables look even; anything the preferred font lacks (say „ in a Chinese
    document) moves the paragraph to a font that has it. If no font covers everything, the paragraph's
    own script wins, and the glyph-coverage test is what catches it.
    """
    needed = script_of(text)
    order = dict.fromkeys(
        [needed, preferred, Script.LATIN] if needed is not Script.LATIN else [preferred, Script.LATIN]
    )
    first: Faces | None = None
    for script in order:
        faces = faces_for(script)
        if not covers(faces.regular, text):
            return faces
        first = first or faces
    assert first is not None
    return first


@cache
def _reshaper(font_name: str) -> arabic_reshaper.ArabicReshaper:
    char_to_glyph = pdfmetrics.getFont(font_name).face.charToGlyph
    config: dict[str, bool] = {
        "use_unshaped_instead_of_isolated": not all(
            ord(forms[ISOLATED]) in char_to_glyph for forms in LETTERS_ARABIC.values() if forms[ISOLATED]
        ),
    }
    for name, (_match, forms) in LIGATURES:
        config[name] = all(ord(form) in char_to_glyph for form in forms if form)
    return arabic_reshaper.ArabicReshaper(configuration=config)


def reshape(text: str, font_name: str) -> str:
    """Arabic letters replaced by their joined presentation forms, using only ligatures the font has.

    The default reshaper turns "الله" into U+FDF2, which DejaVu Sans lacks: a name such as
    "محمد عبد الله" printed with an empty box.
    """
    return str(_reshaper(font_name).reshape(text))


_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def covers(font_name: str, text: str) -> list[str]:
    """Characters of ``text`` the font has no glyph for (distinct, in order): each would print as tofu.

    Line breaks and bidi/joiner controls are skipped: the renderer never draws them. Called for every
    paragraph of every export, so the usual answer (the font has everything) is one set difference;
    only text with a character outside the font is looked at character by character.
    """
    font = pdfmetrics.getFont(font_name)
    char_to_glyph: dict[int, int] = font.face.charToGlyph
    if not set(map(ord, text)).difference(char_to_glyph):
        return []
    missing: list[str] = []
    for char in dict.fromkeys(text):
        if char in _INVISIBLE or char in "\n\r\t" or unicodedata.category(char) == "Cc":
            continue
        if ord(char) not in char_to_glyph and char not in missing:
            missing.append(char)
    return missing
