"""PAdES signing with a PKCS#12 file, checked by pyHanko's own validator and by poppler's pdfsig."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from liaison.documents import signing
from liaison.documents.pdf import render

from .conftest import CREATED, PASSWORD, Officer, sample_document


@pytest.fixture(scope="module")
def signed(officer: Officer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = render(sample_document("fr"), created=CREATED)
    path = tmp_path_factory.mktemp("signed") / "signed.pdf"
    path.write_bytes(signing.sign(pdf, officer.p12, PASSWORD, reason="MLA-2024/117", location="Paris"))
    return path


def test_pyhanko_validates_pades_signature_over_the_whole_file(officer: Officer, signed: Path) -> None:
    root = asn1_x509.Certificate.load(officer.cert.public_bytes(Encoding.DER))
    reader = PdfFileReader(io.BytesIO(signed.read_bytes()))
    (signature,) = reader.embedded_signatures
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert status.md_algorithm == "sha256"


def test_pdfsig_says_the_signature_is_valid(signed: Path) -> None:
    result = subprocess.run(["pdfsig", str(signed)], capture_output=True, text=True, timeout=60, check=False)
    assert "Signature is Valid" in result.stdout, result.stdout + result.stderr
    assert "Total document signed" in result.stdout


def test_wrong_password(officer: Officer) -> None:
    with pytest.raises(signing.WrongCertificatePassword, match="wrong password for the certificate file"):
        signing.sign(b"%PDF-1.4", officer.p12, "not the password")


def test_not_a_pkcs12_file(tmp_path: Path) -> None:
    bogus = tmp_path / "cert.p12"
    bogus.write_bytes(render(sample_document("en"), created=CREATED))
    with pytest.raises(signing.NotPkcs12, match=r"cert\.p12 is not a PKCS#12"):
        signing.sign(b"%PDF-1.4", bogus, PASSWORD)


def test_expired_certificate(officer: Officer) -> None:
    with pytest.raises(signing.CertificateExpired, match="expired on"):
        signing.sign(b"%PDF-1.4", officer.expired_p12, PASSWORD)


def test_missing_file_is_a_signing_error(tmp_path: Path) -> None:
    with pytest.raises(signing.SigningError, match="cannot read the certificate file"):
        signing.sign(b"%PDF-1.4", tmp_path / "absent.p12", PASSWORD)


def test_checking_an_untrusted_signature_prints_nothing(signed: Path) -> None:
    """pyHanko logged an untrusted signer with a traceback: twenty lines on stderr under `mla verify`."""
    code = (
        "import sys; from pathlib import Path; from liaison.documents import signature_check as s; "
        "(r,) = s.check(Path(sys.argv[1]).read_bytes(), []); print(r.intact, r.trusted)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(signed)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0 and result.stdout.split() == ["True", "False"], result.stderr
    assert result.stderr == ""
