"""Hostile and broken files: one clear line each, bounded work, nothing stored."""

from __future__ import annotations

import base64
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from liaison.cli.main import main
from liaison.documents_in.eml_io import read_eml
from liaison.documents_in.limits import DEFAULT, DocumentError, HostileDocument, Limits, UnsupportedDocument
from liaison.documents_in.read import read_document
from liaison.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.liaison.documents_in.conftest import make_docx, make_eml, make_odt, make_pdf

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def _replace_member(data: bytes, member: str, content: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == member else source.read(info.filename))
        for name, value in (extra or {}).items():
            target.writestr(name, value)
    return out.getvalue()


def test_docx_entity_attack_is_refused_before_parsing() -> None:
    hostile = _replace_member(make_docx(), "word/document.xml", LAUGHS)
    with pytest.raises(HostileDocument, match=r"word/document\.xml declares a DTD or entities"):
        read_document("laughs.docx", hostile)


def test_odt_entity_attack_is_refused() -> None:
    hostile = _replace_member(make_odt(), "content.xml", LAUGHS.replace(b"w:document", b"office:document"))
    with pytest.raises(HostileDocument, match=r"content\.xml declares a DTD or entities"):
        read_document("laughs.odt", hostile)


def test_zip_bomb_member_is_refused_by_ratio() -> None:
    hostile = _replace_member(make_docx(), "word/document.xml", b"<" + b" " * (8 << 20))
    with pytest.raises(HostileDocument, match="zip bomb"):
        read_document("bomb.docx", hostile)


def test_zip_bomb_is_refused_by_declared_size() -> None:
    with pytest.raises(HostileDocument, match=r"expands to .* refused as a zip bomb"):
        read_document("bomb.docx", make_docx(), limits=Limits(max_unzipped_bytes=10_000))


def test_pdf_with_broken_xref_is_recovered_or_refused_cleanly() -> None:
    data = make_pdf([["The request was refused."]])
    start = data.rindex(b"startxref")
    broken = data[:start] + b"startxref\n999999\n%%EOF\n"
    doc = read_document("broken.pdf", broken)  # pdfminer falls back to scanning the objects
    assert doc.texts == ["The request was refused."]
    with pytest.raises(UnsupportedDocument, match=r"garbage\.pdf: (damaged PDF|the PDF has no pages)"):
        read_document("garbage.pdf", b"%PDF-1.7\n" + b"\x00garbage " * 200)


def test_page_count_claim_is_not_believed_and_real_excess_is_refused() -> None:
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(make_pdf([["The request was refused."]])))
    pdf.Root.Pages.Count = 10_000
    out = io.BytesIO()
    pdf.save(out)
    doc = read_document("claims.pdf", out.getvalue())
    assert doc.pages == 1 and doc.texts == ["The request was refused."]
    three = make_pdf([["One page of text here."]] * 3)
    with pytest.raises(HostileDocument, match="more than 2 pages"):
        read_document("long.pdf", three, limits=Limits(max_pages=2))


def test_encrypted_pdf_gets_one_line() -> None:
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(make_pdf([["The request was refused."]])))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    with pytest.raises(UnsupportedDocument, match="the PDF is encrypted"):
        read_document("locked.pdf", out.getvalue())


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_30000_square_image_is_refused_from_its_header() -> None:
    with pytest.raises(HostileDocument, match=r"too large|megapixel"):
        read_document("huge.png", _png_header_only(30_000, 30_000))
    with pytest.raises(HostileDocument, match="megapixel limit"):
        read_document("big.png", _png_header_only(9_000, 8_000))


def test_mail_over_the_limit_is_refused_before_parsing() -> None:
    data = make_eml("The request was refused.", {"evidence.zip": b"x" * 300_000})
    small = Limits(max_file_bytes=1_000_000, max_mail_bytes=200_000)
    with pytest.raises(
        HostileDocument, match=r"mail\.eml: 0\.4 MB is over the 0\.2 MB limit for a received mail"
    ):
        read_document("mail.eml", data, limits=small)
    with pytest.raises(HostileDocument, match=r"over the 0\.2 MB limit for a received mail"):
        read_eml("mail.eml", data, small)  # the path of ``translate-doc --attachment NAME``


def test_each_attachment_has_its_own_limit_and_the_message_names_it() -> None:
    """The mail fits its limit, one attachment does not: refused by that attachment's check, before
    it is decoded (its size is estimated from the base64 text)."""
    data = make_eml("The request was refused.", {"small.txt": b"ok" * 100, "evidence.zip": b"x" * 300_000})
    limits = Limits(max_file_bytes=200_000, max_mail_bytes=1_000_000)
    assert len(data) < limits.max_mail_bytes
    with pytest.raises(
        HostileDocument, match=r"^mail\.eml: attachment 'evidence\.zip' is 0\.3 MB, over the 0\.2 MB"
    ):
        read_document("mail.eml", data, limits=limits)
    fine = read_document("mail.eml", data, limits=Limits(max_file_bytes=400_000, max_mail_bytes=1_000_000))
    assert [a.name for a in fine.attachments] == ["small.txt", "evidence.zip"]


def test_default_limits_let_a_mail_carry_a_full_size_attachment() -> None:
    """A 50 MB attachment makes a mail of about 67 MB: the mail limit must leave room for it, or the
    attachment's own limit could never be reached."""
    assert DEFAULT.max_mail_bytes > DEFAULT.max_file_bytes * 4 / 3 + 1024 * 1024


def _write_big_mail(path: Path, megabytes: int) -> None:
    with path.open("wb") as out:
        out.write(
            b"From: a@example.org\r\nTo: b@example.org\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\n'
            b"The request was refused.\r\n--B\r\nContent-Type: application/octet-stream\r\n"
            b'Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="x.bin"\r\n\r\n'
        )
        line = base64.b64encode(b"\x00" * 57) + b"\r\n"
        block = line * 18_000  # about 1.3 MB of base64 per write
        for _ in range(megabytes * 1_000_000 // (57 * 18_000) + 1):
            out.write(block)
        out.write(b"--B--\r\n")


def test_a_100_mb_mail_gets_one_line_and_nothing_is_attached(
    vault: Vault,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from liaison.domain import Case
    from liaison.services.catalog import cases

    cases.add(vault, Case(reference="OP-MAIL", title="Mail"))
    vault.close()
    monkeypatch.setenv("LIAISON_PASSPHRASE", PASSPHRASE)
    mail = tmp_path / "big.eml"
    _write_big_mail(mail, 100)
    code = main(
        [
            "--vault",
            str(vault_path),
            "translate-doc",
            str(mail),
            "--from",
            "en",
            "--to",
            "fr",
            "--attach",
            "OP-MAIL",
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 6 and len(err) == 1
    assert (
        err[0].startswith("liaison: error: big.eml: ")
        and "over the 100.0 MB limit for a received mail" in err[0]
    )
    assert main(["--vault", str(vault_path), "attachments", "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_a_mail_under_its_limit_with_an_attachment_over_the_document_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Default limits, through the CLI: a 55 MB attachment (a 75 MB mail) is refused by its own
    check, which names it; the mail's limit is not what fires."""
    mail = tmp_path / "evidence.eml"
    _write_big_mail(mail, 55)
    assert DEFAULT.max_file_bytes < mail.stat().st_size < DEFAULT.max_mail_bytes
    code = main(["translate-doc", str(mail), "--from", "en", "--to", "fr", "--no-memory"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 6 and len(err) == 1
    assert err[0].startswith("liaison: error: evidence.eml: attachment 'x.bin' is 5")
    assert "over the 50.0 MB limit for a received document" in err[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [("empty.docx", b""), ("empty.pdf", b"%PDF-1.4\n%%EOF"), ("binary.bin", b"\x00\x01\x02" * 100)],
)
def test_other_broken_inputs_are_document_errors(name: str, data: bytes) -> None:
    with pytest.raises(DocumentError):
        read_document(name, data)


def test_cli_bad_paths_get_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "note.txt"
    source.write_text("The request was refused.", encoding="utf-8")
    cases = [
        (
            ["translate-doc", str(tmp_path / "missing.docx"), "--to", "fr", "--no-memory"],
            "missing.docx: no such file",
        ),
        (["translate-doc", str(tmp_path), "--to", "fr", "--no-memory"], "not a regular file"),
        (
            ["translate-doc", str(source), "--to", "fr", "--no-memory", "-o", str(tmp_path / "no" / "x.txt")],
            "does not exist",
        ),
    ]
    for argv, expected in cases:
        assert main(argv) == 6
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and expected in err[0], err
