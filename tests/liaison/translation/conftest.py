"""Fixtures for language packs: a per-test translation folder, tiny real packs, a loopback-only
network guard and a real HTTP server on 127.0.0.1.

The tiny pack is real as far as argostranslate is concerned (a SentencePiece model and a
CTranslate2 transformer), but its weights are set by hand rather than trained, so it builds in
milliseconds: every attention and feed-forward weight is zero, and the decoder's embeddings and
output projection form a fixed chain ``<s> → ▁ok → . → </s>``. Whatever the input, each sentence
translates to "ok.", so the number of "ok." in the output is the number of sentences the
splitter found.
"""

from __future__ import annotations

import contextlib
import errno
import http.server
import io
import ipaddress
import itertools
import json
import socket
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

FIXTURE_PACKS = Path(__file__).resolve().parents[2] / "fixtures" / "packs"
LOOPBACK = "127.0.0.1"
TINY_OUTPUT = "ok."

_REAL_CONNECT = socket.socket.connect
_REAL_GETADDRINFO = socket.getaddrinfo
_REAL_CREATE_CONNECTION = socket.create_connection


@pytest.fixture(autouse=True)
def translation_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``LIAISON_TRANSLATION_DIR`` private to each test (not created: tests check nothing appears)."""
    path = tmp_path / "translation"
    monkeypatch.setenv("LIAISON_TRANSLATION_DIR", str(path))
    monkeypatch.delenv("LIAISON_PACK_INDEX_URL", raising=False)
    return path


# --- tiny real pack -----------------------------------------------------------------------------


def _build_tiny_model(out: Path) -> dict[str, bytes]:
    import ctranslate2  # noqa: F401  (fail loudly here if the runtime is missing)
    import numpy as np
    import sentencepiece as spm
    from ctranslate2.specs import transformer_spec

    corpus = [
        "ok.",
        "ok ok.",
        "the suspect was arrested.",
        "the victim was injured.",
        "le suspect a été arrêté.",
        "thank you.",
    ] * 20
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus),
        model_writer=buf,
        vocab_size=40,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_proto=buf.getvalue())
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    ids = {piece: i for i, piece in enumerate(vocab)}
    chain = ["<s>", *sp.encode(TINY_OUTPUT, out_type=str), "</s>"]
    size, dim, ffn = len(vocab), len(vocab) + len(vocab) % 2, 8

    def zeros(*shape: int) -> Any:
        return np.zeros(shape, dtype=np.float32)

    def norm(ln: Any) -> None:
        ln.gamma, ln.beta = np.ones(dim, dtype=np.float32), zeros(dim)

    spec = transformer_spec.TransformerSpec.from_config((1, 1), 2, pre_norm=True)
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = zeros(size, dim)
    for layer in enc.layer:
        norm(layer.self_attention.layer_norm)
        norm(layer.ffn.layer_norm)
        layer.self_attention.linear[0].weight = zeros(3 * dim, dim)
        layer.self_attention.linear[1].weight = zeros(dim, dim)
        layer.ffn.linear_0.weight, layer.ffn.linear_1.weight = zeros(ffn, dim), zeros(dim, ffn)
    norm(enc.layer_norm)
    embeddings = zeros(size, dim)
    for i in range(size):
        embeddings[i, i] = 10.0  # one-hot: the decoder state says which token came last
    dec.embeddings.weight = embeddings
    for layer in dec.layer:
        for ln in (layer.self_attention.layer_norm, layer.attention.layer_norm, layer.ffn.layer_norm):
            norm(ln)
        layer.self_attention.linear[0].weight = zeros(3 * dim, dim)
        layer.self_attention.linear[1].weight = zeros(dim, dim)
        layer.attention.linear[0].weight = zeros(dim, dim)
        layer.attention.linear[1].weight = zeros(2 * dim, dim)
        layer.attention.linear[2].weight = zeros(dim, dim)
        layer.ffn.linear_0.weight, layer.ffn.linear_1.weight = zeros(ffn, dim), zeros(dim, ffn)
    norm(dec.layer_norm)
    following = {ids[a]: ids[b] for a, b in itertools.pairwise(chain)}
    projection = zeros(size, dim)
    for i in range(size):
        projection[following.get(i, ids["</s>"]), i] = 10.0
    dec.projection.weight = projection
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    model_dir = out / "model"
    model_dir.mkdir(parents=True)
    spec.save(str(model_dir))
    files = {f"model/{p.name}": p.read_bytes() for p in sorted(model_dir.iterdir())}
    files["sentencepiece.model"] = buf.getvalue()
    return files


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Relative path → bytes of a working tokenizer and CTranslate2 model (no metadata, no splitter)."""
    return _build_tiny_model(tmp_path_factory.mktemp("tiny-model"))


def metadata(from_code: str = "en", to_code: str = "fr", version: str = "0.1", **extra: object) -> bytes:
    names = {"en": "English", "fr": "French", "es": "Spanish", "de": "German"}
    data = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": names.get(from_code, from_code),
        "to_code": to_code,
        "to_name": names.get(to_code, to_code),
        "type": "translate",
        "links": [],
        **extra,
    }
    return json.dumps(data).encode()


def write_zip(path: Path, entries: dict[str, bytes]) -> Path:
    """A zip with regular-file entries (mode 0644) in the given order."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


MakePack = Callable[..., Path]


@pytest.fixture
def make_pack(tiny_model: dict[str, bytes], tmp_path: Path) -> MakePack:
    """``make_pack(from_code, to_code, version, splitter=False, extra={...}) -> .argosmodel path``."""

    def make(
        from_code: str = "en",
        to_code: str = "fr",
        version: str = "0.1",
        *,
        splitter: bool = False,
        extra: dict[str, bytes] | None = None,
        top: str | None = None,
    ) -> Path:
        from liaison.translation.splitter_model import splitter_onnx

        top = top or f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
        entries = {f"{top}/metadata.json": metadata(from_code, to_code, version)}
        entries.update({f"{top}/{rel}": data for rel, data in tiny_model.items()})
        if splitter:
            entries[f"{top}/minisbd/{from_code}.onnx"] = splitter_onnx(from_code)
        entries.update({f"{top}/{rel}": data for rel, data in (extra or {}).items()})
        out = tmp_path / "archives"
        out.mkdir(exist_ok=True)
        return write_zip(out / f"{top}.argosmodel", entries)

    return make


@pytest.fixture
def fixture_pack() -> Callable[[str], Path]:
    """``fixture_pack("en_fr")``: the real pack built by tools/build_packs, or skip if not built."""

    def get(pair: str) -> Path:
        found = sorted(FIXTURE_PACKS.glob(f"translate-{pair}-*.argosmodel"))
        if not found:
            pytest.fail(f"tests/fixtures/packs has no {pair} pack (build it with tools/build_packs)")
        return found[-1]

    return get


# --- network: loopback only ---------------------------------------------------------------------


@dataclass
class LoopbackGuard:
    """Connections to 127.0.0.1 go through; anything else fails like an unplugged cable."""

    blocked: list[object] = field(default_factory=list)


@pytest.fixture
def loopback_only(no_network: None, monkeypatch: pytest.MonkeyPatch) -> LoopbackGuard:
    """Replace the suite's no-network guard with one that lets only 127.0.0.1 through.

    Other addresses never leave the machine: ``connect`` fails with ENETUNREACH and name lookups
    fail with EAI_NONAME, the errors an offline laptop gives, and each attempt is recorded.
    """
    guard = LoopbackGuard()
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)

    def connect(self: socket.socket, address: Any) -> None:
        if self.family == socket.AF_UNIX:
            _REAL_CONNECT(self, address)
            return
        if self.family == socket.AF_INET and isinstance(address, tuple) and address[0] == LOOPBACK:
            _REAL_CONNECT(self, address)
            return
        guard.blocked.append(address)
        raise OSError(errno.ENETUNREACH, "Network is unreachable (test guard)")

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == LOOPBACK:
            return _REAL_GETADDRINFO(host, port, *args, **kwargs)
        with contextlib.suppress(ValueError):  # an IPv4 literal needs no lookup; connect decides
            address = str(ipaddress.IPv4Address(host))
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, int(port)))]
        guard.blocked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (test guard)")

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard.blocked.append(address)
        return errno.ENETUNREACH

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", _REAL_CREATE_CONNECTION)  # uses the two above
    return guard


# --- a real HTTP server on loopback -------------------------------------------------------------


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    cut_after: int | None = None  # send Content-Length of the whole body, then close after N bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class PackServer:
    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://{LOOPBACK}:{self.port}{path}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        state = self.server.state
        state.requests.append(self.path)
        route = state.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        if route.status != 200:
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(route.body)))
        for key, value in route.headers.items():
            self.send_header(key, value)
        self.end_headers()
        body = route.body if route.cut_after is None else route.body[: route.cut_after]
        try:
            for start in range(0, len(body), 16384):
                self.wfile.write(body[start : start + 16384])
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (cancellation): expected
        if route.cut_after is not None:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    state: PackServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-body is part of the tests


@pytest.fixture
def pack_server(loopback_only: LoopbackGuard) -> Iterator[PackServer]:
    server = _Server((LOOPBACK, 0), _Handler)
    server.state = PackServer(port=server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
