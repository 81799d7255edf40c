"""Validate the PAdES signatures of a PDF with pyHanko, against trust roots the user chose.

Why pyHanko's validator and not a look at the signature dictionary: a signature "is there" proves
nothing. What a receiving prosecutor needs is: the signed bytes hash to what was signed (intact), the
CMS signature verifies with the signer's key (valid), the signer's certificate chains to a root the
reader trusts (trusted), and the signature covers the whole file, so nothing was added after signing
(an incremental update can change every page without touching the signed bytes).

Trust roots are certificates (PEM or DER, one per file, or folders of them) given with ``--trust`` or
``$LIAISON_TRUST_ROOTS`` (paths separated by ``os.pathsep``). Validation is offline: no certificate
or revocation data is fetched, so revocation is checked only when the file itself embeds it.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from liaison.errors import LiaisonError

Certificate = asn1_x509.Certificate
TRUST_ROOTS_ENV = "LIAISON_TRUST_ROOTS"
_CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")


class TrustRootError(LiaisonError):
    """A configured trust root cannot be read."""

    exit_code = 6


class UnreadablePdf(LiaisonError):
    exit_code = 24


@dataclass(frozen=True)
class SignatureStatus:
    field: str
    signer: str
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature verifies
    trusted: bool  # the signer chains to a configured trust root
    whole_file: bool  # the signature covers every byte of the file
    problem: str  # pyHanko's account of what failed, when something did

    @property
    def sound(self) -> bool:
        return self.intact and self.valid and self.whole_file


def _load_cert_file(path: Path) -> list[asn1_x509.Certificate]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TrustRootError(f"cannot read trust root {path}: {exc.strerror}") from None
    try:
        if pem.detect(data):
            return [
                asn1_x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, multiple=True)
            ]
        cert = asn1_x509.Certificate.load(data)
        cert.native  # noqa: B018  (parse now so a damaged file fails here, with its name)
        return [cert]
    except (ValueError, TypeError) as exc:
        raise TrustRootError(f"trust root {path} is not a PEM or DER certificate: {exc}") from None


def load_trust_roots(paths: Iterable[str | Path] = ()) -> list[asn1_x509.Certificate]:
    """Certificates from ``paths`` and from ``$LIAISON_TRUST_ROOTS`` (files, or folders of files)."""
    wanted = [Path(p) for p in paths]
    wanted += [Path(p) for p in os.environ.get(TRUST_ROOTS_ENV, "").split(os.pathsep) if p]
    certs: list[asn1_x509.Certificate] = []
    for path in wanted:
        if path.is_dir():
            for item in sorted(path.iterdir()):
                if item.suffix.lower() in _CERT_SUFFIXES:
                    certs += _load_cert_file(item)
        elif path.exists():
            certs += _load_cert_file(path)
        else:
            raise TrustRootError(f"trust root {path} does not exist")
    return certs


def _signer_name(status: object) -> str:
    cert = getattr(status, "signing_cert", None)
    if cert is None:
        return "unknown signer"
    return str(cert.subject.human_friendly)


def _quiet_validator_logs() -> None:
    """pyHanko logs an untrusted signer (the expected answer without --trust) as a warning with a
    traceback, which Python prints on stderr when the program configured no logging: twenty lines
    under the one-line report. What it found is in the status this module returns."""
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


_quiet_validator_logs()


def check(pdf_bytes: bytes, trust_roots: list[asn1_x509.Certificate]) -> list[SignatureStatus]:
    """The status of every signature in the file, in signing order (empty when unsigned)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko's reader raises PdfReadError, ValueError, KeyError...
        raise UnreadablePdf(f"the PDF structure cannot be read to check signatures: {exc}") from None
    found = []
    context_args = {"trust_roots": trust_roots, "allow_fetching": False, "revocation_mode": "soft-fail"}
    for sig in signatures:
        name = sig.field_name or "signature"
        try:
            status = validate_pdf_signature(sig, ValidationContext(**context_args))  # type: ignore[arg-type]
        except Exception as exc:  # a malformed signature raises many types; report it, never crash
            found.append(
                SignatureStatus(
                    name, "unknown signer", False, False, False, False, str(exc) or type(exc).__name__
                )
            )
            continue
        whole = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
        problems = []
        if not status.intact:
            problems.append("the signed bytes were changed")
        elif not status.valid:
            problems.append("the signature does not verify with the signer's key")
        if not whole:
            problems.append("content was added to the file after it was signed")
        if not status.trusted:
            problems.append("the signer's certificate does not chain to a configured trust root")
        found.append(
            SignatureStatus(
                name,
                _signer_name(status),
                bool(status.intact),
                bool(status.valid),
                bool(status.trusted),
                whole,
                "; ".join(problems),
            )
        )
    return found
