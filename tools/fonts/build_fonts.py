"""Copy the PDF fonts from Debian's font packages into ``resources/fonts`` (run by a maintainer).

Why a script: the bundled files must be reproducible from a named source. Noto Sans and DejaVu Sans
are copied unchanged. WenQuanYi Zen Hei is a 17 MB TrueType collection; only its first face is
kept, cut down to the blocks a Chinese legal document uses (Latin, Cyrillic, Greek, punctuation,
CJK symbols, the whole CJK Unified Ideographs block, compatibility ideographs and full-width forms),
which leaves about 7.8 MB. Modifying it is allowed by its GPL-2 licence; the licence with its font
embedding exception, and this script as the "source" of the change, ship beside it.

    python3 -m venv /tmp/ft && /tmp/ft/bin/pip install -r tools/fonts/requirements.txt
    /tmp/ft/bin/python tools/fonts/build_fonts.py   # needs fonts-noto-core fonts-dejavu-core fonts-wqy-zenhei
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "fonts"
COPIED = {
    "fonts-noto-core": [
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    ],
    "fonts-dejavu-core": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ],
}
CJK_SOURCE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
CJK_TARGET = "WenQuanYiZenHei-Liaison.ttf"
CJK_RANGES = [
    (0x20, 0x24F),
    (0x2B0, 0x36F),
    (0x370, 0x3FF),
    (0x400, 0x4FF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x218F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x2460, 0x24FF),
    (0x2500, 0x25FF),
    (0x3000, 0x303F),
    (0x3040, 0x30FF),
    (0x3100, 0x312F),
    (0x3200, 0x33FF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
]


def version(package: str) -> str:
    return subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=True
    ).stdout


def subset_cjk(target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first = Path(tmp) / "face0.ttf"
        TTCollection(CJK_SOURCE).fonts[0].save(str(first))
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(first), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[cp for low, high in CJK_RANGES for cp in range(low, high + 1)])
        subsetter.subset(font)
        subset.save_font(font, str(target), options)


def main() -> None:
    (OUT / "licenses").mkdir(parents=True, exist_ok=True)
    lines = ["# Source of every bundled font (written by tools/fonts/build_fonts.py)", ""]
    for package, files in COPIED.items():
        for file in files:
            shutil.copyfile(file, OUT / Path(file).name)
            lines.append(f"{Path(file).name}\t{package} {version(package)}\tunchanged")
        shutil.copyfile(f"/usr/share/doc/{package}/copyright", OUT / "licenses" / f"{package}.copyright")
    subset_cjk(OUT / CJK_TARGET)
    lines.append(
        f"{CJK_TARGET}\tfonts-wqy-zenhei {version('fonts-wqy-zenhei')}\t"
        "face 0 of wqy-zenhei.ttc, subset to Latin/Cyrillic/Greek, punctuation and CJK blocks"
    )
    licenses = OUT / "licenses"
    shutil.copyfile("/usr/share/doc/fonts-wqy-zenhei/copyright", licenses / "fonts-wqy-zenhei.copyright")
    shutil.copyfile("/usr/share/common-licenses/GPL-2", OUT / "licenses" / "GPL-2")
    lines.append("")
    for path in sorted(OUT.glob("*.ttf")):
        lines.append(f"sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}")
    (OUT / "SOURCES.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
