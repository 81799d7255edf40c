"""The translation, pack and MLA commands end to end, as an officer's script would run them."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from tests.cli_inprocess import run_cli

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
    """``liaison ARGS`` in this process, as a new process would run it (``tests.cli_inprocess``)."""
    return run_cli(args, env=env, cwd=ROOT)


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
    # Sent in February (by e-EDES, before any export from this vault): the EIO clocks run from then.
    ok(env, "mla", "status", "EIO-NL-2026/0042", "ready", "--date", "2026-02-10")
    ok(env, "mla", "status", "EIO-NL-2026/0042", "sent", "--date", "2026-02-11", "--channel", "e-EDES")
    pdf = tmp_path / "eio-fr.pdf"
    exported = run(
        env, "mla", "export", "EIO-NL-2026/0042", "--lang", "fr", "--bilingual", "en", "-o", str(pdf)
    )
    assert exported.returncode == 0, exported.stderr
    assert "version 1" in exported.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "EIO-NL-2026/0042" in text
    assert "verified" in ok(env, "mla", "verify", str(pdf))
    assert "no translator certification" in ok(env, "mla", "certifications", "EIO-NL-2026/0042")
    certify = ("mla", "certify", "EIO-NL-2026/0042", "--lang", "fr", "--qualification", "sworn")
    ok(env, *certify, "--name", "Anna Weber", "--date", "2026-02-09")
    listed = ok(env, "mla", "certifications", "EIO-NL-2026/0042")
    assert re.search(r"fr\s+Anna Weber\s+sworn\s+2026-02-09\s+[0-9a-f]{16}…\s+valid", listed), listed
    ok(env, "mla", "status", "MLA-NL-2026/0117", "ready", "--date", "2026-02-12")
    ok(env, "mla", "export", "MLA-NL-2026/0117", "--lang", "en", "-o", str(tmp_path / "untoc.pdf"))
    backdated = run(
        env, "mla", "status", "MLA-NL-2026/0117", "sent", "--date", "2026-02-13", "--channel", "post"
    )
    assert backdated.returncode == 6 and "first final PDF was exported" in backdated.stderr
    ok(env, "mla", "deadlines", "--ics", str(tmp_path / "deadlines.ics"))
    calendar = (tmp_path / "deadlines.ics").read_text(encoding="utf-8")
    assert (
        calendar.startswith("BEGIN:VCALENDAR")
        and "EIO-NL-2026/0042" in calendar
        and "BEGIN:VALARM" in calendar
    )
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


def test_mla_export_refusal_draft_verify_and_import(env: dict[str, str], tmp_path: Path) -> None:
    """The officer's worst input: an invalid request, a forged file, a file that is no export."""
    ok(env, "demo")
    new = ok(env, "mla", "new", "--requested-state", "MA", "--rule-set", "UNTOC-18-15").strip()
    refused = run(env, "mla", "export", new[:8], "--lang", "en", "-o", str(tmp_path / "x.pdf"))
    assert refused.returncode == 12 and "--draft" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.pdf").exists()
    draft = tmp_path / "draft.pdf"
    ok(env, "mla", "export", new[:8], "--lang", "en", "--draft", "-o", str(draft))
    signed = run(env, "mla", "export", new[:8], "--lang", "en", "--draft", "--sign", "x.p12", "-o", "y.pdf")
    assert signed.returncode == 12 and "draft" in signed.stderr
    pdf = tmp_path / "untoc.pdf"
    ok(env, "mla", "export", "MLA-NL-2026/0117", "--lang", "en", "-o", str(pdf))
    report = ok(env, "mla", "verify", str(pdf))
    assert "matches export version 1 of MLA-NL-2026/0117" in report and "not signed" in report
    assert run(env, "mla", "verify", "--require-signature", str(pdf)).returncode == 26
    # A forged copy: one more line of text drawn onto the first page.
    overlay = Canvas(str(tmp_path / "overlay.pdf"))
    overlay.drawString(100, 300, "IBAN DE89370400440532013000")
    overlay.save()
    with pikepdf.open(pdf) as doc, pikepdf.open(tmp_path / "overlay.pdf") as over:
        doc.pages[0].add_overlay(over.pages[0])
        doc.save(tmp_path / "forged.pdf")
    forged = run(env, "mla", "verify", "--no-vault", str(tmp_path / "forged.pdf"))
    assert forged.returncode == 24 and "DE89370400440532013000" in forged.stdout
    assert run(env, "mla", "verify", "--no-vault", str(tmp_path / "overlay.pdf")).returncode == 20
    not_pdf = tmp_path / "notes.txt"
    not_pdf.write_text("hello", encoding="utf-8")
    bad = run(env, "mla", "verify", "--no-vault", str(not_pdf))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    receipt = run(
        env,
        "mla",
        "annex-b",
        "EIO-NL-2026/0042",
        "--received-on",
        "2026-02-12",
        "--authority",
        "BEPI",
        "--lang",
        "fr",
        "-o",
        str(tmp_path / "annex-b.pdf"),
    )
    assert receipt.returncode == 0, receipt.stderr
    wrong = run(
        env,
        "mla",
        "annex-b",
        "MLA-NL-2026/0117",
        "--received-on",
        "2026-02-12",
        "--authority",
        "x",
        "-o",
        str(tmp_path / "no.pdf"),
    )
    assert wrong.returncode == 6 and "EIO only" in wrong.stderr
    notice = run(
        env,
        "mla",
        "annex-c",
        "EIO-NL-2026/0042",
        "--target",
        "+31 6 0000 0000",
        "--period",
        "February",
        "-o",
        str(tmp_path / "annex-c.pdf"),
    )
    assert notice.returncode == 0, notice.stderr
    imported = ok(env, "mla", "import", str(pdf)).strip()
    shown = json.loads(ok(env, "mla", "show", imported[:8], "--json"))
    # Read back into the vault that exported it: references are unique, so it is kept beside it.
    assert shown["our_reference"] == "MLA-NL-2026/0117 (imported)" and shown["id"] == imported
    again = json.loads(ok(env, "mla", "show", ok(env, "mla", "import", str(pdf)).strip()[:8], "--json"))
    assert again["our_reference"] == "MLA-NL-2026/0117 (imported 2)"
    assert run(env, "mla", "import", str(tmp_path / "overlay.pdf")).returncode == 20


def test_translate_reports_lost_and_invented_and_refuses_to_approve(env: dict[str, str]) -> None:
    ok(env, "init")
    ok(env, "packs", "install", str(next(FIXTURES.glob("translate-en_fr-*.argosmodel"))))
    ok(
        env,
        "tm",
        "add",
        "Please reply within the week.",
        "Veuillez répondre dans 7 jours.",
        "--from",
        "en",
        "--to",
        "fr",
    )
    text = "Please reply within the week. The suspect was arrested in Lyon."
    refused = run(env, "translate", "--from", "en", "--to", "fr", "--approve", text)
    assert refused.returncode == 6
    assert "numbers not in the source: 7" in refused.stderr
    assert refused.stderr.strip().splitlines()[-1].startswith("liaison: error: not approved (numbers not in")
    assert "Traceback" not in refused.stderr
    assert refused.stdout.strip() == "Veuillez répondre dans 7 jours. Le suspect a été arrêté à Lyon."
    listed = json.loads(ok(env, "tm", "list", "--json"))
    assert len(listed) == 1  # nothing approved

    message = "Please contact j.doe@example.org before 12/03/2024. Our reference is MLA-2024/117."
    approved = run(env, "translate", "--from", "en", "--to", "fr", "--approve", message)
    assert approved.returncode == 0, approved.stderr
    listing = ok(env, "tm", "list") + ok(env, "tm", "list", "--json")
    assert "⟦" not in listing and "j.doe@example.org" in listing and "MLA-2024/117" in listing


def test_translate_auto_asks_instead_of_guessing(env: dict[str, str]) -> None:
    ok(env, "packs", "install", str(next(FIXTURES.glob("translate-fr_en-*.argosmodel"))))
    unclear = run(env, "translate", "--no-memory", "--to", "en", "Merci")
    assert unclear.returncode == 6 and "give it with --from" in unclear.stderr
    assert len(unclear.stderr.strip().splitlines()) == 1 and unclear.stdout == ""
    clear = run(env, "translate", "--no-memory", "--to", "en", "Le suspect a été arrêté à Lyon.")
    assert clear.returncode == 0 and "detected language: fr" in clear.stderr
    assert clear.stdout.strip() == "The suspect was arrested in Lyon."
    for kept in ("👍🙏", "Ivan Petrov, Maria García"):
        same = run(env, "translate", "--no-memory", "--to", "en", kept)
        assert same.returncode == 0 and same.stdout.strip() == kept
