"""The smoke test of the BUILT bundle (PyInstaller one-folder), not of the source tree, and of the
Debian package made from it.

The bundle is built once per distinct input (``packaging/build_bundle.py``: sources, spec, pinned
distributions) and cached outside the checkout, so CI rebuilds it only when something that goes
into it changed (about 3 minutes on 2 cores); an unchanged tree reuses it. Everything below runs
the bundle's own ``liaison`` executable with a private HOME and no network.

These tests are marked ``bundle``: the suite (``./scripts/test.sh``, all that CI runs) includes
them, and ``make package`` (``scripts/package.sh``) runs them alone right after it builds the bundle
and the .deb. With ``LIAISON_DEB`` set (as ``make package`` does) the package checked is the one it
built.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "tests" / "fixtures" / "packs" / "translate-en_fr-0_1.argosmodel"
PASSPHRASE = "demo passphrase"

pytestmark = pytest.mark.bundle


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundle() -> Iterator[Path]:
    build = _module(ROOT / "packaging" / "build_bundle.py")
    yield build.ensure_bundle()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TMPDIR": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "LIAISON_PASSPHRASE": PASSPHRASE,
        "LANG": "C.UTF-8",
    }


def _run(
    bundle: Path, env: dict[str, str], *args: str, timeout: int = 180
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(bundle / "liaison"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.timeout(1800)  # a first build on a busy 2-core machine
def test_the_built_bundle_works_end_to_end(bundle: Path, env: dict[str, str], tmp_path: Path) -> None:
    assert not (bundle / "_internal" / "tests").exists()  # no test packs or fixtures inside
    assert not list(bundle.rglob("*.argosmodel"))
    assert not (bundle / "_internal" / "reportlab" / "fonts").exists()  # unused Type 1 fonts left out
    assert (bundle / "_internal" / "liaison_resources" / "fonts" / "licenses" / "GPL-2").is_file()
    version = _run(bundle, env, "--version")
    assert version.stdout.strip() == "liaison 0.1.0"

    installed = _run(bundle, env, "packs", "install", str(PACK))
    assert installed.returncode == 0, installed.stderr
    test = _run(bundle, env, "self-test", "--window")
    assert test.returncode == 0, test.stdout + test.stderr
    lines = test.stdout.splitlines()
    assert lines[0].endswith("(bundled)")
    names = [line.split()[1] for line in lines[1:]]
    assert names == ["sqlcipher", "crypto", "vault-folder", "fonts", "translation", "pdf", "qt", "window"]
    assert all(line.startswith("ok ") for line in lines[1:]), test.stdout
    assert str(bundle / "_internal" / "liaison_resources" / "fonts") in test.stdout
    assert "pack en-fr 0.1 loads and translates" in test.stdout

    vault = tmp_path / "vault.db"
    demo = _run(bundle, env, "--vault", str(vault), "demo")
    assert demo.returncode == 0, demo.stderr
    pdf = tmp_path / "request-fr.pdf"
    exported = _run(
        bundle,
        env,
        "--vault",
        str(vault),
        "mla",
        "export",
        "EIO-NL-2026/0042",
        "--lang",
        "fr",
        "-o",
        str(pdf),
    )
    assert exported.returncode == 0, exported.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSans" in fonts and "Helvetica" not in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "EIO-NL-2026/0042" in text

    # A received PDF: its pages are read in a worker process of the frozen executable.
    from tests.liaison.documents_in.conftest import FRENCH, SENTENCES, make_table_pdf

    received = tmp_path / "received.pdf"
    received.write_bytes(make_table_pdf())
    translated = _run(
        bundle, env, "translate-doc", str(received), "--from", "en", "--to", "fr", "--no-memory"
    )
    assert translated.returncode == 0, translated.stderr
    assert FRENCH[SENTENCES[3]] in translated.stdout and FRENCH[SENTENCES[1]] in translated.stdout

    cards = tmp_path / "contacts.vcf"
    assert (
        _run(bundle, env, "--vault", str(vault), "contacts", "export", "--vcard", "-o", str(cards)).returncode
        == 0
    )
    other = tmp_path / "other.db"
    assert _run(bundle, env, "--vault", str(other), "init").returncode == 0
    imported = _run(bundle, env, "--vault", str(other), "contacts", "import", str(cards))
    assert imported.returncode == 0 and " new, 0 merged" in imported.stdout, imported.stderr


@pytest.mark.timeout(1800)
def test_the_desktop_app_starts_from_the_bundle(bundle: Path, env: dict[str, str], tmp_path: Path) -> None:
    """``liaison`` with only a vault opens the desktop app (the unlock window) and stays up."""
    vault = tmp_path / "vault.db"
    assert _run(bundle, env, "--vault", str(vault), "init").returncode == 0
    app = subprocess.Popen(
        [str(bundle / "liaison"), "--vault", str(vault)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    try:
        time.sleep(8)  # not a timing assertion: the app must simply still be running, not crashed
        assert app.poll() is None, app.communicate()[1]
    finally:
        app.send_signal(signal.SIGTERM)
        _out, err = app.communicate(timeout=60)
    assert "Traceback" not in err and "could not load the Qt platform plugin" not in err.lower()


@pytest.mark.timeout(1800)
def test_the_bundle_draws_its_window_on_a_real_x_server(bundle: Path, env: dict[str, str]) -> None:
    """Qt's xcb plugin from the bundle against the system's X libraries (the .deb's Depends)."""
    assert shutil.which("xvfb-run"), "xvfb-run comes with the xvfb package (scripts/bootstrap.sh)"
    x_env = {k: v for k, v in env.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        ["xvfb-run", "-a", str(bundle / "liaison"), "self-test", "--window"],
        capture_output=True,
        text=True,
        env=x_env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "platform plugin 'xcb' loads" in result.stdout
    assert "main window shown and closed on 'xcb'" in result.stdout


@pytest.mark.timeout(1800)
def test_debian_package(bundle: Path, tmp_path: Path) -> None:
    built = os.environ.get("LIAISON_DEB")  # make package's own .deb, else a quick one here
    if built:
        deb = Path(built)
    else:
        deb_module = _module(ROOT / "packaging" / "debian" / "build_deb.py")
        deb = deb_module.build(bundle, tmp_path, compress="gzip", level=1)
    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True, check=True).stdout
    depends = next(line for line in info.splitlines() if line.strip().startswith("Depends:"))
    wanted = {"libc6", "libegl1", "libgl1", "libxcb1"}  # what the bundle does not carry itself
    assert wanted <= {d.strip().split()[0] for d in depends.split(":", 1)[1].split(",")}, depends
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    assert os.readlink(root / "usr" / "bin" / "liaison") == "/opt/liaison/liaison"
    assert (root / "usr/share/applications/org.liaison.Liaison.desktop").is_file()
    assert (root / "usr/share/metainfo/org.liaison.Liaison.metainfo.xml").is_file()
    assert (root / "usr/share/icons/hicolor/256x256/apps/org.liaison.Liaison.png").is_file()
    assert (root / "usr/share/icons/hicolor/scalable/apps/org.liaison.Liaison.svg").is_file()
    version = subprocess.run(
        [str(root / "opt" / "liaison" / "liaison"), "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert version.stdout.strip() == "liaison 0.1.0"
    lint = subprocess.run(
        ["lintian", "--fail-on", "error,warning", "--tag-display-limit", "0", str(deb)],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout[-4000:] + lint.stderr[-2000:]
