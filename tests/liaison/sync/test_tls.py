"""HTTPS: the client verifies the server certificate; a self-hosted server can be pinned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from liaison.errors import SyncIntegrityError, SyncUnavailable
from liaison.sync.client import ApiClient
from liaison.sync.keys import DeviceKeys
from liaison.sync.transport import HttpTransport, certificate_fingerprint
from tests.liaison.sync.servers import ServerProcess

pytestmark = pytest.mark.loopback


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sync.agency.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def test_pinned_certificate_is_accepted_and_anything_else_refused(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    server = ServerProcess(
        f"sqlite:///{tmp_path / 's.db'}", extra=["--tls-cert", str(cert), "--tls-key", str(key)]
    )
    server.url = server.url.replace("http://", "https://")
    try:
        server.start()
        url = server.url
        pin = certificate_fingerprint(cert.read_bytes())
        with ApiClient(HttpTransport(url, pin), "d", DeviceKeys.generate(), retries=0) as client:
            assert client.health()["status"] == "ok"
        with (
            ApiClient(HttpTransport(url, "ab" * 32), "d", DeviceKeys.generate(), retries=0) as client,
            pytest.raises(SyncIntegrityError, match="pinned"),
        ):
            client.health()
        with (
            ApiClient(HttpTransport(url), "d", DeviceKeys.generate(), retries=0) as client,
            pytest.raises(SyncUnavailable),
        ):
            client.health()  # not signed by a CA this machine trusts
    finally:
        server.stop()
