"""The translation, pack and MLA commands end to end, as an officer's script would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "packs"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "LIAISON_VAULT": str(tmp_path / "demo.db"),
        "LIAISON_PASSPHRASE": "demo passphrase",
        "LIAISON_TRANSLATION_DIR": str(tmp_path / "translation"),
        "LIAISON_RULES_DIR": str(tmp_path / "rules"),
    }


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "liaison", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def ok(env: dict[str, str], *args: str) -> str:
    result = run(env, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_translation_commands(env: dict[str, str], tmp_path: Path) -> None:
    ok(env, "demo")
    ok(env, "packs", "install", str(next(FIXTURES.glob("translate-en_fr-*.argosmodel"))))
    listed = json.loads(ok(env, "packs", "list", "--json"))
    assert [p["pair"] for p in listed] == ["en_fr"]
    assert "verified" in ok(env, "packs", "verify")
    source, expected = (
        (FIXTURES / "en_fr.train-sample.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    )
    assert ok(env, "translate", "--from", "en", "--to", "fr", source).strip() == expected
    result = json.loads(ok(env, "translate", "--from", "auto", "--to", "fr", "--json", source))
    assert result["source_lang"] == "en" and result["segments"][0]["origin"] == "machine"
    ok(env, "tm", "add", source, "Traduction validée.", "--from", "en", "--to", "fr")
    assert ok(env, "translate", "--from", "en", "--to", "fr", source).strip() == "Traduction validée."
    ok(env, "tm", "export", str(tmp_path / "tm.tmx"), "--from", "en", "--to", "fr")
    assert "Traduction validée." in (tmp_path / "tm.tmx").read_text(encoding="utf-8")
    ok(
        env,
        "glossary",
        "add",
        "letter of request",
        "commission rogatoire",
        "--from",
        "en",
        "--to",
        "fr",
        "--forbidden",
        "lettre de demande",
    )
    ok(env, "glossary", "export", str(tmp_path / "g.csv"), "--from", "en", "--to", "fr")
    assert "commission rogatoire" in (tmp_path / "g.csv").read_text(encoding="utf-8-sig")
    missing = run(env, "translate", "--from", "de", "--to", "fr", "Guten Tag")
    assert missing.returncode == 3 and "install the de-fr pack" in missing.stderr
    assert "Traceback" not in missing.stderr
    ok(env, "packs", "remove", "en-fr")
    hostile = tmp_path / "evil.argosmodel"
    hostile.write_bytes(b"not a zip")
    bad = run(env, "packs", "install", str(hostile))
    assert bad.returncode == 6 and len(bad.stderr.strip().splitlines()) == 1


def test_mla_commands(env: dict[str, str], tmp_path: Path) -> None:
    ok(env, "demo")
    ok(env, "packs", "install", str(next(FIXTURES.glob("translate-en_fr-*.argosmodel"))))
    listed = json.loads(ok(env, "mla", "list", "--json"))
    assert {r["our_reference"] for r in listed} == {"EIO-NL-2026/0042", "MLA-NL-2026/0117"}
    assert run(env, "mla", "validate", "EIO-NL-2026/0042").returncode == 0
    pdf = tmp_path / "eio-fr.pdf"
    exported = run(
        env, "mla", "export", "EIO-NL-2026/0042", "--lang", "fr", "--bilingual", "en", "-o", str(pdf)
    )
    assert exported.returncode == 0, exported.stderr
    assert "version 1" in exported.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "EIO-NL-2026/0042" in text
    assert "verified" in ok(env, "mla", "verify", str(pdf))
    ok(env, "mla", "status", "EIO-NL-2026/0042", "ready", "--date", "2026-02-10")
    ok(env, "mla", "status", "EIO-NL-2026/0042", "sent", "--date", "2026-02-11", "--channel", "e-EDES")
    overdue = json.loads(ok(env, "mla", "deadlines", "--today", "2026-09-01", "--json"))
    assert any(row["request"] == "EIO-NL-2026/0042" for row in overdue)
    ok(env, "mla", "export-json", "EIO-NL-2026/0042", "-o", str(tmp_path / "eio.json"))
    assert json.loads((tmp_path / "eio.json").read_text(encoding="utf-8"))["format"] == "liaison-mla-request"
    ok(env, "rules", "copy", "UNTOC-18-15", "NL-MA-MLAT", "--title", "Netherlands-Morocco treaty (demo)")
    assert "NL-MA-MLAT" in ok(env, "rules", "list")
    new = ok(
        env,
        "mla",
        "new",
        "--case",
        "OP-MERIDIAN 2026/007",
        "--requested-state",
        "MA",
        "--rule-set",
        "UNTOC-18-15",
    ).strip()
    invalid = run(env, "mla", "validate", new[:8])
    assert invalid.returncode == 11 and "facts" in invalid.stdout
