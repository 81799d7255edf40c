"""The top-level resources/ folder: desktop entry, AppStream metainfo, icons, and the bundled fonts
that every document language renders with while the system's fonts are hidden."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from liaison import assets
from liaison.documents import catalogs, fonts

ROOT = Path(__file__).resolve().parents[2]


def test_resources_found_through_the_package() -> None:
    assert assets.root() == ROOT / "resources"
    assert assets.fonts_dir().is_dir()
    assert assets.desktop_entry().name == "org.liaison.Liaison.desktop"


def test_metainfo_validates_strictly() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--strict", str(assets.metainfo())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_validates_and_names_the_icon() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(assets.desktop_entry())], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    text = assets.desktop_entry().read_text(encoding="utf-8")
    assert f"Icon={assets.APP_ID}\n" in text and "Exec=liaison\n" in text


def test_every_icon_size_is_a_png_of_that_size() -> None:
    assert assets.icon_svg().read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in assets.ICON_SIZES:
        data = assets.icon_png(size).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)
    with pytest.raises(ValueError, match="no 20 px icon"):
        assets.icon_png(20)


def test_every_font_has_its_licence_and_recorded_source() -> None:
    folder = assets.fonts_dir()
    sources = (folder / "SOURCES.txt").read_text(encoding="utf-8")
    for font in sorted(folder.glob("*.ttf")):
        digest = hashlib.sha256(font.read_bytes()).hexdigest()
        assert f"sha256 {digest}  {font.name}" in sources
    for package in ("fonts-noto-core", "fonts-dejavu-core", "fonts-wqy-zenhei"):
        assert (folder / "licenses" / f"{package}.copyright").is_file()
    assert "Font embedding exception" in (folder / "licenses" / "fonts-wqy-zenhei.copyright").read_text()
    assert (folder / "licenses" / "GPL-2").is_file()
    total = sum(f.stat().st_size for f in folder.glob("*.ttf"))
    assert total < 12 * 1024 * 1024  # the CJK face is subset; the whole folder stays small


def test_lookup_uses_the_bundled_folder_only() -> None:
    assert fonts.search_dirs() == [assets.fonts_dir()]  # no system folder unless asked for
    for script in fonts.Script:
        regular, _bold = fonts.locate(script)
        assert regular.parent == assets.fonts_dir()


_RENDER_ALL = """
import json, sys
from pathlib import Path
from tests.liaison.documents.conftest import sample_document
from liaison.documents import fonts
from liaison.documents.pdf import render
out = Path(sys.argv[1])
for lang in sys.argv[2:]:
    (out / f"{lang}.pdf").write_bytes(render(sample_document(lang)))
print(json.dumps({name: str(path) for name, path in fonts.registered_files().items()}))
"""


def _hidden_system_fonts_command() -> list[str]:
    """A mount namespace where every system font folder is an empty tmpfs (needs ``unshare -rm``)."""
    mounts = " && ".join(
        f"mount -t tmpfs none {d}" for d in ("/usr/share/fonts", "/usr/local/share/fonts") if Path(d).is_dir()
    )
    return ["unshare", "-rm", "sh", "-c", f'{mounts} && exec "$0" "$@"']


def test_every_document_language_renders_with_system_fonts_hidden(tmp_path: Path) -> None:
    probe = subprocess.run(
        [*_hidden_system_fonts_command(), "ls", "/usr/share/fonts"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 0 and probe.stdout == "", probe.stderr  # the namespace really hides them
    langs = catalogs.languages()
    assert {"en", "fr", "es", "de", "pt", "ru", "ar", "zh"} <= set(langs)
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "FONTCONFIG_FILE": "/dev/null",
        "LIAISON_FONT_SYSTEM_DIRS": "1",
    }  # even when asked to look
    result = subprocess.run(
        [*_hidden_system_fonts_command(), sys.executable, "-c", _RENDER_ALL, str(tmp_path), *langs],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    used = json.loads(result.stdout.strip().splitlines()[-1])
    assert set(used) >= {"NotoSans", "DejaVuSans", "WenQuanYiZenHei"}
    assert all(Path(path).parent == assets.fonts_dir() for path in used.values()), used
    for lang in langs:
        report = subprocess.run(
            ["pdffonts", str(tmp_path / f"{lang}.pdf")], capture_output=True, text=True, check=True
        ).stdout
        rows = report.splitlines()[2:]
        assert rows, lang
        for row in rows:
            assert row.split()[-5:-2] == ["yes", "yes", "yes"], (lang, row)  # emb sub uni
            assert "Helvetica" not in row
        expected = {"ar": "DejaVuSans", "zh": "WenQuanYiZenHei"}.get(lang, "NotoSans")
        assert expected in report, (lang, report)
    assert shutil.which("pdffonts")
