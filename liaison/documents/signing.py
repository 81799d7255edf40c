"""Optional PAdES signature of an exported request with the officer's certificate (PKCS#12 file).

Why PAdES B-B: it is what can be produced offline. B-T and above need a time-stamping authority and
revocation data from the network. The signature proves who signed and that the file has not changed
since; trust comes from the officer's certificate chain (a self-signed certificate is "untrusted" in
viewers but still shows any tampering).

The PKCS#12 file is parsed here with ``cryptography`` rather than through pyHanko's loader, which logs
and returns None on every failure: the officer needs to know whether the password is wrong, the file
is not a certificate at all, or the certificate has expired.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import pkcs12 as asn1_pkcs12
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs12
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from liaison.errors import LiaisonError


class SigningError(LiaisonError):
    """The PDF could not be signed; the message says why in one line."""


class NotPkcs12(SigningError):
    pass


class WrongCertificatePassword(SigningError):
    pass


class CertificateExpired(SigningError):
    """Also raised for a certificate that is not valid yet (wrong clock or wrong file)."""


@dataclass(frozen=True)
class Identity:
    """The officer's key and certificate, converted for pyHanko."""

    subject: str
    certificate: asn1_x509.Certificate
    key: asn1_keys.PrivateKeyInfo
    chain: tuple[asn1_x509.Certificate, ...]


def _looks_like_pkcs12(data: bytes) -> bool:
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return bool(pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native)
    except (ValueError, TypeError, KeyError):
        return False


def _check_dates(cert: x509.Certificate, subject: str, now: datetime) -> None:
    if cert.not_valid_after_utc < now:
        raise CertificateExpired(
            f"the certificate of {subject} expired on {cert.not_valid_after_utc:%Y-%m-%d}"
        )
    if cert.not_valid_before_utc > now:
        raise CertificateExpired(
            f"the certificate of {subject} is not valid before {cert.not_valid_before_utc:%Y-%m-%d}"
        )


def load_identity(p12_path: str | Path, password: str, *, now: datetime | None = None) -> Identity:
    """Read and check a PKCS#12 file: raises NotPkcs12, WrongCertificatePassword or CertificateExpired."""
    path = Path(p12_path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"cannot read the certificate file {path.name}: {exc.strerror}") from exc
    if not _looks_like_pkcs12(data):
        raise NotPkcs12(f"{path.name} is not a PKCS#12 (.p12/.pfx) certificate file")
    try:
        loaded = pkcs12.load_pkcs12(data, password.encode("utf-8") if password else None)
    except ValueError as exc:
        raise WrongCertificatePassword(f"wrong password for the certificate file {path.name}") from exc
    if loaded.key is None or loaded.cert is None:
        raise SigningError(f"{path.name} holds no private key with its certificate")
    cert = loaded.cert.certificate
    subject = cert.subject.rfc4514_string() or "the signer"
    _check_dates(cert, subject, now or datetime.now(UTC))
    key_der = loaded.key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    chain = tuple(
        asn1_x509.Certificate.load(c.certificate.public_bytes(Encoding.DER)) for c in loaded.additional_certs
    )
    return Identity(
        subject,
        asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER)),
        asn1_keys.PrivateKeyInfo.load(key_der),
        chain,
    )


def sign(
    pdf_bytes: bytes,
    p12_path: str | Path,
    password: str,
    *,
    reason: str = "",
    location: str = "",
    field_name: str = "Signature1",
) -> bytes:
    """``pdf_bytes`` with a PAdES B-B signature (SHA-256) over the whole file, added as an update.

    Sign the final export (after ``postprocess``): any later rewrite would invalidate the signature.
    This runs pyHanko's synchronous API, so call it from a worker thread, not inside an event loop.
    """
    identity = load_identity(p12_path, password)
    registry = SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
        [identity.certificate, *identity.chain]
    )
    signer = signers.SimpleSigner(
        signing_cert=identity.certificate, signing_key=identity.key, cert_registry=registry
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
        out = signers.sign_pdf(writer, meta, signer=signer)
    except Exception as exc:  # pyHanko raises many types (PdfReadError, SigningError, ValueError...)
        raise SigningError(f"could not sign the PDF: {exc}") from exc
    return bytes(out.getvalue())
