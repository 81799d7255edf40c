"""Fetch the public Argos package index and download a pack, only when the user asks for it.

This is the one module of the translation package that touches the network, and nothing calls it
on its own. argostranslate's own index and download functions are never used: offline they retry
about a thousand times and end in RecursionError, and they install without checks
(translation.md §3). Here every request has a connect and a read timeout, only http(s) is
followed, downloads stream to a temporary file that is deleted on any failure or cancellation,
and the result is checked against the index's size and SHA-256 (when it gives them) and then
validated as a pack before it is kept.

Errors (``PackError`` is the base, see ``archive``):

PackError
├── OfflineError         the index or pack server cannot be reached (DNS, refused, timeout)
├── PackIndexError       the index could not be fetched or is malformed
└── DownloadError        a pack download failed (HTTP error, lost connection, size or checksum)
    └── DownloadCancelled    the user cancelled
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liaison import __version__ as liaison_version
from liaison import jsonio
from liaison.translation import runtime
from liaison.translation.archive import CODE_RE, DEFAULT_LIMITS, PackError, validate
from liaison.translation.packs import InstalledPack, install, parse_pair

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
INDEX_URL_ENV = "LIAISON_PACK_INDEX_URL"
MAX_INDEX_BYTES = 16 * 1024**2
MAX_PACK_BYTES = DEFAULT_LIMITS.max_total_bytes
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = f"Liaison/{liaison_version}"
DOWNLOADS_DIRNAME = "downloads"

Progress = Callable[[int, int | None], None]
"""Called with (bytes received so far, total bytes or None when the server does not say)."""

_SHA256_RE = re.compile(r"^(?:sha256:)?([0-9a-fA-F]{64})$")
_REDIRECTS = {301, 302, 303, 307, 308}


class OfflineError(PackError):
    """The server cannot be reached at all: most likely this computer is offline."""

    exit_code = 14


class PackIndexError(PackError):
    """The pack index could not be fetched or is not a valid index."""


class DownloadError(PackError):
    """A pack download failed; nothing partial is left behind."""


class DownloadCancelled(DownloadError):
    """The user cancelled a download; nothing partial is left behind."""


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for a connection, and for each read once connected."""

    connect: float = 10.0
    read: float = 30.0


DEFAULT_TIMEOUTS = Timeouts()


@dataclass(frozen=True)
class IndexEntry:
    """One downloadable translate pack listed in the index."""

    from_code: str
    to_code: str
    version: str
    from_name: str
    to_name: str
    links: tuple[str, ...]
    size: int | None = None  # bytes of the .argosmodel, when the index says
    sha256: str | None = None  # lowercase hex, when the index says

    @property
    def pair(self) -> str:
        return f"{self.from_code}_{self.to_code}"


def index_url(url: str | None = None) -> str:
    """The index address: the argument, else ``$LIAISON_PACK_INDEX_URL``, else the public index."""
    return url or os.environ.get(INDEX_URL_ENV) or DEFAULT_INDEX_URL


# --- HTTP ---------------------------------------------------------------------------------------


def _reason(err: BaseException, timeouts: Timeouts) -> str:
    if isinstance(err, socket.gaierror):
        return "the server name could not be looked up"
    if isinstance(err, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(err, TimeoutError):
        return f"no answer within {timeouts.connect:g} s"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return str(err) or type(err).__name__


def _connect(url: str, what: str, timeouts: Timeouts) -> tuple[http.client.HTTPConnection, str]:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PackError(f"{url}: only http and https addresses can be used for {what}")
    try:
        port = parts.port
    except ValueError as err:
        raise PackError(f"{url}: not a valid address for {what}") from err
    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(
            parts.hostname, port, timeout=timeouts.connect, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, port, timeout=timeouts.connect)
    try:
        conn.connect()
    except ssl.SSLError as err:
        conn.close()
        raise PackError(f"cannot open a secure connection to {parts.hostname} for {what} ({err})") from err
    except OSError as err:
        conn.close()
        raise OfflineError(
            f"cannot reach {what} at {url}: you appear to be offline ({_reason(err, timeouts)})"
        ) from err
    assert conn.sock is not None
    conn.sock.settimeout(timeouts.read)
    target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return conn, target


def _close(conn: http.client.HTTPConnection, response: http.client.HTTPResponse) -> None:
    """Close both: the response keeps its own reference to the socket."""
    response.close()
    conn.close()


def _open(
    url: str, what: str, timeouts: Timeouts, error: type[PackError]
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    """GET ``url``, following up to MAX_REDIRECTS http(s) redirects; the caller closes both."""
    for _hop in range(MAX_REDIRECTS + 1):
        conn, target = _connect(url, what, timeouts)
        try:
            conn.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
            response = conn.getresponse()
        except TimeoutError as err:
            conn.close()
            raise OfflineError(
                f"cannot reach {what} at {url}: no answer within {timeouts.read:g} s; you may be offline"
            ) from err
        except (OSError, http.client.HTTPException) as err:
            conn.close()
            reason = _reason(err, timeouts)
            raise error(f"{url}: the connection was lost while asking for {what} ({reason})") from err
        if response.status in _REDIRECTS and response.getheader("Location"):
            url = urllib.parse.urljoin(url, response.getheader("Location", ""))
            _close(conn, response)
            continue
        if response.status != 200:
            _close(conn, response)
            raise error(f"{url}: the server answered {response.status} {response.reason} for {what}")
        return conn, response
    raise error(f"{url}: more than {MAX_REDIRECTS} redirects for {what}")


# --- index --------------------------------------------------------------------------------------


def _text(item: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = item.get(key, default)
    if isinstance(value, int | float) and not isinstance(value, bool) and key == "package_version":
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise PackIndexError(f"{where} has no valid {key}")
    return value.strip()


def _entry(item: object, where: str) -> IndexEntry | None:
    """One index item, or None when it is not a translate pack Liaison can install."""
    if not isinstance(item, dict):
        raise PackIndexError(f"{where} is not a JSON object")
    if item.get("type", "translate") != "translate":
        return None
    from_code, to_code = _text(item, "from_code", where), _text(item, "to_code", where)
    version = _text(item, "package_version", where)
    if not (CODE_RE.match(from_code) and CODE_RE.match(to_code)) or from_code == to_code:
        return None  # e.g. a regional variant code: the archive check would refuse it anyway
    links = item.get("links")
    if not isinstance(links, list) or not links or not all(isinstance(link, str) for link in links):
        raise PackIndexError(f"{where} ({from_code}_{to_code}) has no download links")
    if not all(urllib.parse.urlsplit(link).scheme in ("http", "https") for link in links):
        raise PackIndexError(f"{where} ({from_code}_{to_code}) has a link that is not http or https")
    size = item.get("size")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size <= 0):
        raise PackIndexError(f"{where} ({from_code}_{to_code}) has an invalid size {size!r}")
    checksum = item.get("sha256", item.get("checksum"))
    digest = None
    if checksum is not None:
        match = _SHA256_RE.match(checksum) if isinstance(checksum, str) else None
        if match is None:
            raise PackIndexError(f"{where} ({from_code}_{to_code}) has an invalid SHA-256 checksum")
        digest = match.group(1).lower()
    return IndexEntry(
        from_code=from_code,
        to_code=to_code,
        version=version,
        from_name=_text(item, "from_name", where, from_code),
        to_name=_text(item, "to_name", where, to_code),
        links=tuple(links),
        size=size,
        sha256=digest,
    )


def parse_index(data: bytes, source: str = "pack index") -> list[IndexEntry]:
    """Translate packs listed in an index document; unknown fields and non-translate items are skipped."""
    try:
        document = jsonio.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise PackIndexError(f"{source}: the pack index is not valid JSON ({err})") from err
    if isinstance(document, dict) and isinstance(document.get("packages"), list):
        document = document["packages"]
    if not isinstance(document, list):
        raise PackIndexError(f"{source}: the pack index is not a list of packages")
    entries = [_entry(item, f"{source}: item {i + 1}") for i, item in enumerate(document)]
    return [entry for entry in entries if entry is not None]


def fetch_index(url: str | None = None, *, timeouts: Timeouts = DEFAULT_TIMEOUTS) -> list[IndexEntry]:
    """Download and parse the pack index. Network: only call on an explicit user action."""
    url = index_url(url)
    conn, response = _open(url, "the pack index", timeouts, PackIndexError)
    try:
        data = response.read(MAX_INDEX_BYTES + 1)
        missing = response.length  # bytes announced by Content-Length but never received
    except TimeoutError as err:
        raise PackIndexError(f"{url}: the server stopped answering while sending the pack index") from err
    except (OSError, http.client.HTTPException) as err:
        raise PackIndexError(f"{url}: the connection was lost while receiving the pack index") from err
    finally:
        _close(conn, response)
    if len(data) > MAX_INDEX_BYTES:
        raise PackIndexError(f"{url}: the pack index is larger than {MAX_INDEX_BYTES} bytes")
    if missing:
        raise PackIndexError(f"{url}: the connection was lost while receiving the pack index")
    return parse_index(data, url)


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"[.\-_+]", version))


def find_entry(entries: list[IndexEntry], pair: str) -> IndexEntry:
    """The newest index entry for ``pair`` ("en-fr" / "en_fr")."""
    from_code, to_code = parse_pair(pair)
    matches = [e for e in entries if (e.from_code, e.to_code) == (from_code, to_code)]
    if not matches:
        raise DownloadError(f"the pack index has no {from_code}→{to_code} language pack")
    return max(matches, key=lambda e: _version_key(e.version))


# --- download -----------------------------------------------------------------------------------


@dataclass
class _Transfer:
    entry: IndexEntry
    url: str
    progress: Progress | None
    cancel: threading.Event | None
    timeouts: Timeouts
    max_bytes: int

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise DownloadCancelled(f"download of the {self.entry.pair} pack cancelled")

    def expected_length(self, response: http.client.HTTPResponse) -> int | None:
        header = response.getheader("Content-Length")
        length = int(header) if header and header.strip().isdigit() else None
        size = self.entry.size
        if length is not None and size is not None and length != size:
            raise DownloadError(
                f"{self.url}: the server offers {length} bytes but the index says {size}; not downloading"
            )
        if (length or size or 0) > self.max_bytes:
            raise DownloadError(f"{self.url}: the pack is larger than the limit of {self.max_bytes} bytes")
        return length

    def stream(self, response: http.client.HTTPResponse, out: Any, length: int | None) -> str:
        """Copy the body to ``out``; return its SHA-256. Raises on cancel, loss, or too many bytes."""
        digest = hashlib.sha256()
        total = length if length is not None else self.entry.size
        done = 0
        if self.progress is not None:
            self.progress(0, total)
        while True:
            self.check_cancel()
            try:
                chunk = response.read(CHUNK)
            except TimeoutError as err:
                raise DownloadError(
                    f"{self.url}: the server stopped answering after {done} bytes of {self.entry.pair}"
                ) from err
            except (OSError, http.client.HTTPException) as err:
                raise DownloadError(
                    f"{self.url}: the connection was lost after {done} bytes of {self.entry.pair}"
                ) from err
            if not chunk:
                break
            done += len(chunk)
            if done > self.max_bytes or (length is not None and done > length):
                raise DownloadError(f"{self.url}: the server sent more bytes than announced")
            out.write(chunk)
            digest.update(chunk)
            if self.progress is not None:
                self.progress(done, total)
        self.check_cancel()
        self.check_size(done, length)
        return digest.hexdigest()

    def check_size(self, done: int, length: int | None) -> None:
        if length is not None and done != length:
            raise DownloadError(
                f"{self.url}: the connection was lost after {done} of {length} bytes of {self.entry.pair}"
            )
        if self.entry.size is not None and done != self.entry.size:
            raise DownloadError(
                f"{self.url}: received {done} bytes but the index says {self.entry.size}; file discarded"
            )

    def run(self, final: Path) -> Path:
        """Download to a private temporary folder beside ``final``, check, then move into place."""
        self.check_cancel()
        what = f"the {self.entry.pair} pack"
        conn, response = _open(self.url, what, self.timeouts, DownloadError)
        work = Path(tempfile.mkdtemp(prefix=".download-", dir=final.parent))
        try:
            length = self.expected_length(response)
            part = work / final.name
            with part.open("wb") as out:
                digest = self.stream(response, out, length)
                out.flush()
                os.fsync(out.fileno())
            if self.entry.sha256 is not None and digest != self.entry.sha256:
                raise DownloadError(
                    f"{self.url}: the SHA-256 checksum does not match the index; the file was discarded"
                )
            info = validate(part)
            if (info.from_code, info.to_code) != (self.entry.from_code, self.entry.to_code):
                raise DownloadError(
                    f"{self.url}: the server sent a {info.pair} pack instead of {self.entry.pair}"
                )
            os.replace(part, final)
            return final
        finally:
            _close(conn, response)
            shutil.rmtree(work, ignore_errors=True)


def _archive_name(entry: IndexEntry) -> str:
    return f"translate-{entry.pair}-{re.sub(r'[^0-9A-Za-z]+', '_', entry.version)}.argosmodel"


def download(
    pair: str,
    dest_dir: Path,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    url: str | None = None,
    entries: list[IndexEntry] | None = None,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
    max_bytes: int = MAX_PACK_BYTES,
) -> Path:
    """Download the newest pack for ``pair`` into ``dest_dir`` and return the validated file.

    ``entries`` (from ``fetch_index``) saves fetching the index again; otherwise it is fetched
    from ``url`` (see ``index_url``). Each link of the entry is tried in turn. On any failure,
    including cancellation through ``cancel``, no file is left in ``dest_dir``.
    Network: only call on an explicit user action.
    """
    if entries is None:
        entries = fetch_index(url, timeouts=timeouts)
    entry = find_entry(entries, pair)
    dest_dir.mkdir(parents=True, exist_ok=True)
    final = dest_dir / _archive_name(entry)
    failure: PackError | None = None
    for link in entry.links:
        transfer = _Transfer(entry, link, progress, cancel, timeouts, max_bytes)
        try:
            return transfer.run(final)
        except DownloadCancelled:
            raise
        except PackError as err:
            failure = err
    assert failure is not None
    raise failure


def download_and_install(
    pair: str,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    url: str | None = None,
    entries: list[IndexEntry] | None = None,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
) -> InstalledPack:
    """Download the pack for ``pair`` into Liaison's downloads folder, install it, delete the file."""
    downloads = runtime.translation_dir() / DOWNLOADS_DIRNAME
    _clear_stale(downloads)
    path = download(pair, downloads, progress, cancel, url=url, entries=entries, timeouts=timeouts)
    try:
        if cancel is not None and cancel.is_set():
            raise DownloadCancelled(f"installation of the downloaded {pair} pack cancelled")
        return install(path)
    finally:
        path.unlink(missing_ok=True)


def _clear_stale(downloads: Path, max_age_s: float = 24 * 3600) -> None:
    """Temporary folders of downloads killed with the app; old enough to belong to no live download."""
    if not downloads.is_dir():
        return
    now = time.time()
    for leftover in downloads.glob(".download-*"):
        with contextlib.suppress(OSError):
            if now - leftover.lstat().st_mtime > max_age_s:
                shutil.rmtree(leftover)
