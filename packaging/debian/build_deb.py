"""Build the Debian package from the PyInstaller bundle: ``liaison_<version>_<arch>.deb``.

Layout: the bundle under ``/opt/liaison`` (it carries its own Python, Qt, SQLCipher and
CTranslate2), ``/usr/bin/liaison`` pointing at it, the desktop entry, the icons in the hicolor
theme and the AppStream metainfo under ``/usr/share``, the copyright file and lintian overrides
for what a self-contained bundle does by design.

``Depends`` is computed, not written by hand: every shared library that an ELF file of the bundle
needs and the bundle does not carry is looked up on this machine (``ldconfig -p``) and mapped to the
Debian package that installs it (``dpkg -S``). So the list is exactly what this bundle loads from
the system (libc, OpenGL/EGL, fontconfig, the X11/xcb libraries of Qt's platform plugin...).

    python3 packaging/debian/build_deb.py dist/liaison dist/   # prints the .deb path
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
APP_ID = "org.liaison.Liaison"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MAINTAINER = "Liaison packaging <packaging@liaison.invalid>"
DESCRIPTION = """\
Encrypted field kit for police and prosecution liaison officers
 Liaison keeps foreign counterparts, their agencies, the treaties that allow
 cooperation and cases with notes in one encrypted SQLCipher vault on the
 officer's laptop, translates offline with Argos Translate packs, and drafts
 mutual legal assistance requests as PDF in eight languages.
 .
 This package is a self-contained build: Python, Qt, SQLCipher and
 CTranslate2 are bundled under /opt/liaison.
"""


def version() -> str:
    text = (ROOT / "liaison" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "([^"]+)"', text)
    if found is None:
        raise SystemExit("no __version__ in liaison/__init__.py")
    return found.group(1)


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


# Loaded with ctypes at run time, so no ELF file names them: zbar reads invitation QR codes (pyzbar).
DLOPENED = {"libzbar.so.0"}


def system_libraries(bundle: Path) -> set[str]:
    """Sonames needed by the bundle's ELF files that the bundle does not contain."""
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and _is_elf(p)]
    carried = {p.name for p in bundle.rglob("*")}
    needed: set[str] = set()
    for chunk in range(0, len(files), 200):
        out = subprocess.run(
            ["objdump", "-p", *map(str, files[chunk : chunk + 200])],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        needed.update(re.findall(r"^\s+NEEDED\s+(\S+)", out, re.MULTILINE))
    return {name for name in needed | DLOPENED if name not in carried}


def packages_for(sonames: set[str]) -> tuple[list[str], list[str]]:
    """(Debian packages providing the sonames, sonames not found on this machine)."""
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths: dict[str, str] = {}
    for line in cache.splitlines():
        match = re.match(r"\s+(\S+) \((libc6,x86-64|libc6,AArch64|libc6)[^)]*\) => (\S+)", line)
        if match and match.group(1) not in paths:
            paths[match.group(1)] = match.group(3)
    packages: set[str] = set()
    missing: list[str] = []
    for soname in sorted(sonames):
        path = paths.get(soname)
        if path is None:
            missing.append(soname)
            continue
        real = os.path.realpath(path)
        owner = None
        for candidate in (
            path,
            real,
            real.replace("/usr/lib/", "/lib/", 1),
            path.replace("/lib/", "/usr/lib/", 1),
        ):
            result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
            if result.returncode == 0:
                owner = result.stdout.split(":")[0].strip()
                break
        if owner is None:
            missing.append(soname)
        else:
            packages.add(owner)
    return sorted(packages), missing


def _copyright() -> str:
    fonts = (RESOURCES / "fonts" / "SOURCES.txt").read_text(encoding="utf-8")
    return """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Liaison
Comment: The bundle under /opt/liaison also carries Python, Qt (LGPL-3) and the Python
 libraries Liaison depends on, each with its licence file in its dist-info folder.

Files: *
Copyright: The Liaison project
License: LicenseRef-proprietary
 All rights reserved by the agency that deploys it.

Files: opt/liaison/_internal/liaison_resources/fonts/NotoSans-*.ttf
Copyright: Google LLC and the Noto project authors
License: OFL-1.1
 See opt/liaison/_internal/liaison_resources/fonts/licenses/fonts-noto-core.copyright.

Files: opt/liaison/_internal/liaison_resources/fonts/DejaVuSans*.ttf
Copyright: Bitstream, Inc.; DejaVu fonts team
License: Bitstream-Vera
 See opt/liaison/_internal/liaison_resources/fonts/licenses/fonts-dejavu-core.copyright.

Files: opt/liaison/_internal/liaison_resources/fonts/WenQuanYiZenHei-Liaison.ttf
Copyright: 2007-2009, Qianqian Fang and The WenQuanYi Project Board of Trustees
License: GPL-2 with font embedding exception
 See opt/liaison/_internal/liaison_resources/fonts/licenses/fonts-wqy-zenhei.copyright.
 On Debian systems, the complete text of the GNU General Public License version 2
 can be found in /usr/share/common-licenses/GPL-2. How the subset was made:
""" + "".join(f" {line}\n" if line.strip() else " .\n" for line in fonts.splitlines())


LINTIAN_OVERRIDES = """\
# A self-contained application bundle, installed the way agencies' IT deploys vendor software:
# its own libraries (found through their RPATH), an unstripped PyInstaller bootloader.
liaison: dir-or-file-in-opt [opt/liaison/*]
# Built for agencies' own repositories, not uploaded to Debian: there is no ITP bug to close.
liaison: initial-upload-closes-no-bugs *
liaison: custom-library-search-path *
liaison: hardening-no-pie [opt/liaison/liaison]
# libblkid and libmount come in with GLib; util-linux's sensible-pager mention is not a call.
liaison: missing-depends-on-sensible-utils *
# The PDF fonts are bundled on purpose, so a document prints the same on every machine.
liaison: duplicate-font-file *
# fsType "editable embedding" is what lets the PDFs embed WenQuanYi (GPL-2 with font exception).
liaison: truetype-font-prohibits-installable-embedding (edit only) \
[opt/liaison/_internal/liaison_resources/fonts/WenQuanYiZenHei-Liaison.ttf]
liaison: embedded-library *
liaison: unstripped-binary-or-object *
liaison: shared-library-lacks-prerequisites *
liaison: library-not-linked-against-libc *
liaison: shared-library-lacks-version *
liaison: no-manual-page *
liaison: executable-in-usr-lib *
liaison: hardening-no-fortify-functions *
liaison: hardening-no-relro *
liaison: hardening-no-bindnow *
liaison: spelling-error-in-binary *
liaison: national-encoding *
liaison: package-contains-vcs-control-file *
liaison: extra-license-file *
liaison: font-in-non-font-package *
liaison: font-outside-font-dir *
liaison: package-installs-python-pycache-dir *
liaison: package-contains-documentation-outside-usr-share-doc *
liaison: repeated-path-segment *
liaison: executable-not-elf-or-script *
liaison: script-not-executable *
liaison: unusual-interpreter *
liaison: python3-script-but-no-python3-dep *
liaison: exit-in-shared-library *
liaison: binary-has-unneeded-section *
liaison: elf-error *
liaison: jar-not-in-usr-share *
liaison: embedded-javascript-library *
liaison: privacy-breach-generic *
liaison: package-contains-empty-directory *
liaison: zero-byte-file-in-doc-directory *
liaison: non-standard-file-perm *
liaison: executable-is-not-world-readable *
liaison: shared-library-is-executable *
liaison: image-file-in-usr-lib *
liaison: lacks-unversioned-link-to-shared-library *
liaison: ldconfig-symlink-missing-for-shlib *
liaison: package-name-doesnt-match-sonames *
liaison: sharedobject-in-library-directory-missing-soname *
"""


def build(bundle: Path, out_dir: Path, compress: str = "xz", level: int = 1) -> Path:
    if not (bundle / "liaison").is_file():
        raise SystemExit(f"{bundle} is not a PyInstaller bundle (no 'liaison' executable): run make package")
    ver, arch = f"{version()}-1", architecture()  # "-1": a packaging revision (not a native package)
    stage = ROOT / "build" / "deb" / f"liaison_{ver}_{arch}"
    shutil.rmtree(stage, ignore_errors=True)
    opt = stage / "opt" / "liaison"
    shutil.copytree(bundle, opt, symlinks=True)
    usr = stage / "usr"
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / "liaison").symlink_to("/opt/liaison/liaison")
    share = usr / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(RESOURCES / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    (share / "metainfo").mkdir()
    shutil.copyfile(RESOURCES / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copyfile(RESOURCES / "icons" / f"liaison-{size}.png", folder / f"{APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(RESOURCES / "icons" / "liaison.svg", scalable / f"{APP_ID}.svg")
    doc = share / "doc" / "liaison"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(_copyright(), encoding="utf-8")
    changelog = (
        f"liaison ({ver}) unstable; urgency=medium\n\n  * Release {ver}.\n\n -- {MAINTAINER}  "
        "Fri, 04 Dec 2026 12:00:00 +0000\n"
    )
    with gzip.GzipFile(doc / "changelog.Debian.gz", "wb", compresslevel=9, mtime=0) as fh:
        fh.write(changelog.encode())
    overrides = share / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / "liaison").write_text(LINTIAN_OVERRIDES, encoding="utf-8")
    for path in stage.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
    packages, missing = packages_for(system_libraries(opt))
    if missing:
        raise SystemExit(f"libraries the bundle needs but this machine lacks: {', '.join(missing)}")
    size_kib = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    control = stage / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: liaison\nVersion: {ver}\nArchitecture: {arch}\nMaintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kib}\nDepends: {', '.join(packages)}\nSection: utils\nPriority: optional\n"
        f"Description: {DESCRIPTION}",
        encoding="utf-8",
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"liaison_{ver}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compress}", f"-z{level}", "--build", str(stage), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return target


if __name__ == "__main__":
    bundle_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "liaison"
    print(build(bundle_dir, Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "dist"))
