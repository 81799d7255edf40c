"""How requests reach the server: an HTTP transport (httpx) with timeouts and certificate pinning.

A transport moves bytes; signing, retries and error meaning belong to ``liaison.sync.client``.
With a pinned SHA-256 certificate fingerprint (a self-hosted agency server with its own
certificate), the pin replaces CA verification and every response is checked against it; without
a pin, the certificate is verified against the system's CAs as usual.
"""

from __future__ import annotations

import hashlib
import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from liaison.errors import N_, SyncIntegrityError, SyncUnavailable, Term

if TYPE_CHECKING:  # httpx loads with the first transport: every liaison command imports this module
    import httpx


@dataclass(frozen=True)
class RawResponse:
    status: int
    content_type: str
    body: bytes


class Transport(Protocol):
    def send(self, method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        """One attempt; raises SyncUnavailable when the server cannot be reached."""
        ...


def normalise_pin(pin: str) -> str:
    cleaned = pin.replace(":", "").replace(" ", "").lower()
    if cleaned.startswith("sha256/"):
        cleaned = cleaned[7:]
    if len(cleaned) != 64 or any(c not in "0123456789abcdef" for c in cleaned):
        raise ValueError("a certificate pin is the SHA-256 fingerprint: 64 hex digits")
    return cleaned


class HttpTransport:
    def __init__(self, base_url: str, pin: str = "", timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.pin = normalise_pin(pin) if pin else ""
        # Plain http (a trusted network, or tests on loopback) has no certificate to check:
        # skipping the CA store saves loading it (tens of milliseconds) on every sync.
        verify: ssl.SSLContext | bool = self.base_url.startswith("https")
        if self.pin:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # the pin, checked on every response, replaces CA checks
            verify = context
        import httpx  # noqa: PLC0415  (see the imports)

        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)), verify=verify, http2=False
        )

    def _check_stream(self, stream: object) -> None:
        get = getattr(stream, "get_extra_info", None)
        ssl_object = get("ssl_object") if callable(get) else None
        der = ssl_object.getpeercert(True) if ssl_object is not None else None
        if der is None or hashlib.sha256(der).hexdigest() != self.pin:
            raise SyncIntegrityError.of(N_("the server's certificate does not match the pinned fingerprint"))

    def _trace(self, event: str, info: dict[str, object]) -> None:
        """Checks the pin as soon as TLS is up on a new connection: before a byte of the request
        (an invitation code, a device's keys) goes to a server that is not the pinned one."""
        if event == "connection.start_tls.complete" and self.pin:
            stream = info.get("return_value")
            try:
                self._check_stream(stream)
            except SyncIntegrityError:
                closer = getattr(stream, "close", None)
                if callable(closer):
                    closer()  # the connection was never handed to the pool: close it here
                raise

    def _check_pin(self, response: httpx.Response) -> None:
        if not self.pin or not self.base_url.startswith("https"):
            return
        self._check_stream(response.extensions.get("network_stream"))

    def send(self, method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        import httpx  # noqa: PLC0415  (loaded by __init__ already; see the imports)

        url = self.base_url + path + (f"?{query}" if query else "")
        try:
            response = self._client.request(
                method, url, content=body or None, headers=headers, extensions={"trace": self._trace}
            )
            self._check_pin(response)
            return RawResponse(
                response.status_code, response.headers.get("content-type", ""), response.content
            )
        except httpx.TransportError as error:
            raise unreachable(self.base_url, error) from None

    def close(self) -> None:
        self._client.close()


# What the system said, as the person at the keyboard can act on it: a wrong port, a server that
# is down, a misspelt host name and https:// to a plain-http server all fail to connect, and the
# bare exception type ("ConnectError") told them apart for nobody.
# The phrases are marked (N_) so the desktop app says them in the officer's language.
_REASONS = (
    ("Connection refused", N_("connection refused (no server listening at that address and port)")),
    ("Name or service not known", N_("the host name is not known (check its spelling)")),
    ("No address associated", N_("the host name is not known (check its spelling)")),
    ("Temporary failure in name resolution", N_("the host name cannot be looked up (no DNS?)")),
    ("WRONG_VERSION_NUMBER", N_("TLS failed: the server does not speak https at that address")),
    ("CERTIFICATE_VERIFY_FAILED", N_("TLS failed: its certificate is not trusted here (see --pin)")),
    ("Network is unreachable", N_("the network is unreachable")),
    ("No route to host", N_("no route to that host")),
)


def unreachable(server: str, error: Exception) -> SyncUnavailable:
    """The error for a transport failure: the server's address, one specific reason (a ``Term``
    the app translates, or the system's own words when none fits) and the exception type, kept
    for a bug report."""
    kind = type(error).__name__
    detail = " ".join(str(error).split())
    reason = next((Term(phrase) for marker, phrase in _REASONS if marker in detail), None)
    if reason is None and "Timeout" in kind:
        reason = Term(N_("no answer in time"))
    if reason is None and kind in ("RemoteProtocolError", "ReadError", "WriteError"):
        return SyncUnavailable.of(
            N_(
                "cannot reach the sync server at {server}: the connection was cut ({kind}); what was "
                "received is kept, run the sync again"
            ),
            server=server,
            kind=kind,
        )
    if reason is None and not detail:
        return SyncUnavailable.of(
            N_("cannot reach the sync server at {server}: {kind}"), server=server, kind=kind
        )
    return SyncUnavailable.of(
        N_("cannot reach the sync server at {server}: {reason} ({kind})"),
        server=server,
        reason=reason if reason is not None else detail,
        kind=kind,
    )


def certificate_fingerprint(pem_or_der: bytes) -> str:
    """SHA-256 of a certificate's DER form: what ``--pin`` expects."""
    der = (
        ssl.PEM_cert_to_DER_cert(pem_or_der.decode())
        if pem_or_der.lstrip().startswith(b"-----")
        else pem_or_der
    )
    return hashlib.sha256(der).hexdigest()
