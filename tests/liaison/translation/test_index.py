"""Pack index and downloads against a real HTTP server on 127.0.0.1; everything else is unreachable."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.translation import index, packs
from liaison.translation.archive import HostileArchive, PackError
from liaison.translation.index import (
    DownloadCancelled,
    DownloadError,
    IndexEntry,
    OfflineError,
    PackIndexError,
    Timeouts,
)
from tests.liaison.translation.conftest import LoopbackGuard, MakePack, PackServer, Route, write_zip

FAST = Timeouts(connect=2.0, read=2.0)


def entry(
    server: PackServer,
    pair: str,
    data: bytes,
    *,
    checksum: bool = True,
    size: int | None = None,
    **extra: object,
) -> dict[str, object]:
    src, tgt = pair.split("_")
    item: dict[str, object] = {
        "package_version": "0.1",
        "argos_version": "1.9.0",
        "from_code": src,
        "to_code": tgt,
        "from_name": src.upper(),
        "to_name": tgt.upper(),
        "type": "translate",
        "links": [server.url(f"/packs/{pair}.argosmodel")],
        "size": len(data) if size is None else size,
        "code": f"translate-{pair}",
        "future_field": {"anything": [1, 2]},
    }
    if checksum:
        item["sha256"] = hashlib.sha256(data).hexdigest()
    item.update(extra)
    return item


def serve_index(server: PackServer, items: list[object]) -> str:
    server.routes["/index.json"] = Route(json.dumps(items).encode())
    return server.url("/index.json")


@pytest.fixture
def pack_bytes(make_pack: MakePack) -> bytes:
    """An en→fr pack of about 300 KB (incompressible padding), so downloads take several reads."""
    return make_pack(extra={"README.md": os.urandom(300_000)}).read_bytes()


@pytest.fixture
def served(pack_server: PackServer, pack_bytes: bytes) -> Iterator[tuple[PackServer, str]]:
    pack_server.routes["/packs/en_fr.argosmodel"] = Route(pack_bytes)
    url = serve_index(
        pack_server,
        [
            entry(pack_server, "en_fr", pack_bytes),
            {"type": "sbd", "from_code": "en", "package_version": "1", "links": ["http://x/sbd.zip"]},
            {"from_code": "zh-Hant", "to_code": "en", "package_version": "1", "links": ["http://x/zt.zip"]},
        ],
    )
    yield pack_server, url


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


def test_fetch_index_download_and_install(
    served: tuple[PackServer, str], tmp_path: Path, translation_dir: Path, pack_bytes: bytes
) -> None:
    server, url = served
    entries = index.fetch_index(url, timeouts=FAST)
    assert entries == [
        IndexEntry(
            "en",
            "fr",
            "0.1",
            "EN",
            "FR",
            (server.url("/packs/en_fr.argosmodel"),),
            len(pack_bytes),
            hashlib.sha256(pack_bytes).hexdigest(),
        )
    ]
    calls: list[tuple[int, int | None]] = []
    path = index.download(
        "en-fr",
        tmp_path / "dl",
        lambda done, total: calls.append((done, total)),
        entries=entries,
        timeouts=FAST,
    )
    assert path.read_bytes() == pack_bytes
    assert path.name == "translate-en_fr-0_1.argosmodel"
    assert leftovers(tmp_path / "dl") == [path.name]
    assert calls[0] == (0, len(pack_bytes)) and calls[-1] == (len(pack_bytes), len(pack_bytes))
    assert len(calls) > 3 and [d for d, _ in calls] == sorted(d for d, _ in calls)

    installed = index.download_and_install("en_fr", url=url, timeouts=FAST)
    assert packs.list_installed() == [installed]
    assert packs.verify() == []
    assert leftovers(translation_dir / index.DOWNLOADS_DIRNAME) == []
    assert server.requests == [
        "/index.json",
        "/packs/en_fr.argosmodel",
        "/index.json",
        "/packs/en_fr.argosmodel",
    ]


def test_index_url_setting(served: tuple[PackServer, str], monkeypatch: pytest.MonkeyPatch) -> None:
    server, url = served
    assert index.index_url() == index.DEFAULT_INDEX_URL
    assert (
        index.DEFAULT_INDEX_URL
        == "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
    )
    monkeypatch.setenv(index.INDEX_URL_ENV, url)
    assert index.index_url() == url
    assert index.index_url("http://127.0.0.1:1/other.json") == "http://127.0.0.1:1/other.json"
    assert [e.pair for e in index.fetch_index(timeouts=FAST)] == ["en_fr"]
    assert server.requests == ["/index.json"]


def test_redirects_are_followed_but_only_to_http(served: tuple[PackServer, str]) -> None:
    server, _url = served
    server.routes["/moved.json"] = Route(status=302, headers={"Location": "/index.json"})
    assert [e.pair for e in index.fetch_index(server.url("/moved.json"), timeouts=FAST)] == ["en_fr"]
    server.routes["/evil.json"] = Route(status=301, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(PackError, match="only http and https"):
        index.fetch_index(server.url("/evil.json"), timeouts=FAST)
    with pytest.raises(PackError, match="only http and https"):
        index.fetch_index("file:///etc/passwd", timeouts=FAST)


def test_checksum_mismatch_leaves_nothing(pack_server: PackServer, pack_bytes: bytes, tmp_path: Path) -> None:
    pack_server.routes["/packs/en_fr.argosmodel"] = Route(pack_bytes)
    item = entry(pack_server, "en_fr", pack_bytes, sha256="0" * 64)
    url = serve_index(pack_server, [item])
    with pytest.raises(DownloadError, match="SHA-256 checksum does not match the index"):
        index.download("en_fr", tmp_path / "dl", url=url, timeouts=FAST)
    assert leftovers(tmp_path / "dl") == []


def test_size_mismatch(pack_server: PackServer, pack_bytes: bytes, tmp_path: Path) -> None:
    pack_server.routes["/packs/en_fr.argosmodel"] = Route(pack_bytes)
    url = serve_index(pack_server, [entry(pack_server, "en_fr", pack_bytes, size=len(pack_bytes) + 10)])
    with pytest.raises(DownloadError, match=f"offers {len(pack_bytes)} bytes but the index says"):
        index.download("en_fr", tmp_path / "dl", url=url, timeouts=FAST)
    assert leftovers(tmp_path / "dl") == []


def test_size_limit(served: tuple[PackServer, str], tmp_path: Path) -> None:
    _server, url = served
    with pytest.raises(DownloadError, match="larger than the limit of 1000 bytes"):
        index.download("en_fr", tmp_path / "dl", url=url, timeouts=FAST, max_bytes=1000)
    assert leftovers(tmp_path / "dl") == []


def test_server_gone_mid_download(pack_server: PackServer, pack_bytes: bytes, tmp_path: Path) -> None:
    pack_server.routes["/packs/en_fr.argosmodel"] = Route(pack_bytes, cut_after=len(pack_bytes) // 2)
    url = serve_index(pack_server, [entry(pack_server, "en_fr", pack_bytes)])
    calls: list[tuple[int, int | None]] = []
    with pytest.raises(DownloadError, match="connection was lost after") as caught:
        index.download("en_fr", tmp_path / "dl", lambda d, t: calls.append((d, t)), url=url, timeouts=FAST)
    assert "\n" not in str(caught.value)
    assert 0 < calls[-1][0] < len(pack_bytes)
    assert leftovers(tmp_path / "dl") == []


def test_cancel(served: tuple[PackServer, str], tmp_path: Path, pack_bytes: bytes) -> None:
    _server, url = served
    cancel = threading.Event()
    calls: list[int] = []

    def progress(done: int, _total: int | None) -> None:
        calls.append(done)
        if done > 0:
            cancel.set()

    with pytest.raises(DownloadCancelled, match="download of the en_fr pack cancelled"):
        index.download("en_fr", tmp_path / "dl", progress, cancel, url=url, timeouts=FAST)
    assert calls[-1] < len(pack_bytes)
    assert leftovers(tmp_path / "dl") == []
    cancel.set()
    with pytest.raises(DownloadCancelled):
        index.download_and_install("en_fr", None, cancel, url=url, timeouts=FAST)
    assert packs.list_installed() == []


def test_http_errors(served: tuple[PackServer, str], pack_bytes: bytes, tmp_path: Path) -> None:
    server, _url = served
    with pytest.raises(PackIndexError, match=r"answered 404 Not Found for the pack index"):
        index.fetch_index(server.url("/missing.json"), timeouts=FAST)
    server.routes["/cut.json"] = Route(json.dumps([{"x": "y" * 5000}]).encode(), cut_after=3000)
    with pytest.raises(
        PackIndexError, match=r"cut\.json: the connection was lost while receiving the pack index"
    ):
        index.fetch_index(server.url("/cut.json"), timeouts=FAST)
    gone = entry(server, "en_fr", pack_bytes, links=[server.url("/gone.argosmodel")])
    with pytest.raises(
        DownloadError, match=r"gone\.argosmodel: the server answered 404 Not Found for the en_fr"
    ):
        index.download("en_fr", tmp_path / "dl", url=serve_index(server, [gone]), timeouts=FAST)
    assert leftovers(tmp_path / "dl") == []
    # A dead first mirror falls through to the next link.
    mirrors = entry(
        server,
        "en_fr",
        pack_bytes,
        links=[server.url("/gone.argosmodel"), server.url("/packs/en_fr.argosmodel")],
    )
    path = index.download("en_fr", tmp_path / "dl", url=serve_index(server, [mirrors]), timeouts=FAST)
    assert path.read_bytes() == pack_bytes
    with pytest.raises(DownloadError, match="the pack index has no de→fr language pack"):
        index.download("de-fr", tmp_path / "dl", url=serve_index(server, [mirrors]), timeouts=FAST)


def test_wrong_or_hostile_pack_is_discarded(
    pack_server: PackServer, make_pack: MakePack, tmp_path: Path
) -> None:
    fr_en = make_pack("fr", "en").read_bytes()
    pack_server.routes["/packs/en_fr.argosmodel"] = Route(fr_en)
    url = serve_index(pack_server, [entry(pack_server, "en_fr", fr_en)])
    with pytest.raises(DownloadError, match="sent a fr_en pack instead of en_fr"):
        index.download("en_fr", tmp_path / "dl", url=url, timeouts=FAST)
    evil = write_zip(tmp_path / "evil.zip", {"a/metadata.json": b"{}", "../x": b"x"}).read_bytes()
    pack_server.routes["/packs/en_fr.argosmodel"] = Route(evil)
    url = serve_index(pack_server, [entry(pack_server, "en_fr", evil)])
    with pytest.raises(HostileArchive, match=r"translate-en_fr-0_1\.argosmodel: entry '\.\./x'"):
        index.download("en_fr", tmp_path / "dl", url=url, timeouts=FAST)
    assert leftovers(tmp_path / "dl") == []


def _item(**fields: object) -> bytes:
    base: dict[str, object] = {"from_code": "en", "to_code": "fr", "package_version": "1"}
    base["links"] = ["http://h/p"]
    base.update(fields)
    return json.dumps([{k: v for k, v in base.items() if v is not None}]).encode()


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"<html>rate limited</html>", "the pack index is not valid JSON"),
        (b'{"packages": 3}', "the pack index is not a list of packages"),
        (b"[1]", "item 1 is not a JSON object"),
        (_item(links=None), "item 1 (en_fr) has no download links"),
        (_item(package_version=None), "item 1 has no valid package_version"),
        (_item(from_code=None), "item 1 has no valid from_code"),
        (_item(links=["ftp://h/p"]), "has a link that is not http or https"),
        (_item(size=-1), "has an invalid size -1"),
        (_item(sha256="x"), "has an invalid SHA-256 checksum"),
    ],
)
def test_malformed_index(pack_server: PackServer, document: bytes, message: str) -> None:
    pack_server.routes["/index.json"] = Route(document)
    with pytest.raises(PackIndexError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        index.fetch_index(pack_server.url("/index.json"), timeouts=FAST)
    assert str(caught.value).startswith(pack_server.url("/index.json"))


def test_index_tolerates_variants() -> None:
    digest = "A" * 64
    entries = index.parse_index(
        json.dumps(
            {
                "packages": [
                    {
                        "from_code": "en",
                        "to_code": "fr",
                        "package_version": 1.9,
                        "links": ["https://h/a"],
                        "checksum": f"sha256:{digest}",
                        "new": True,
                    },
                    {"from_code": "en", "to_code": "fr", "package_version": "1.10", "links": ["https://h/b"]},
                ]
            }
        ).encode()
    )
    assert [(e.version, e.sha256, e.from_name) for e in entries] == [
        ("1.9", "a" * 64, "en"),
        ("1.10", None, "en"),
    ]
    assert index.find_entry(entries, "en-fr").version == "1.10"


# --- offline ------------------------------------------------------------------------------------


def _assert_offline_fast(url: str, fragment: str, timeouts: Timeouts = FAST) -> None:
    started = time.monotonic()
    with pytest.raises(OfflineError) as caught:
        index.fetch_index(url, timeouts=timeouts)
    assert time.monotonic() - started < 1.5
    message = str(caught.value)
    assert message.startswith(f"cannot reach the pack index at {url}")
    assert fragment in message
    assert "\n" not in message


def test_offline_connection_refused(loopback_only: LoopbackGuard) -> None:
    with socket.socket() as bound:  # bound but not listening: connecting is refused
        bound.bind(("127.0.0.1", 0))
        port = bound.getsockname()[1]
        _assert_offline_fast(f"http://127.0.0.1:{port}/index.json", "you appear to be offline")
    assert loopback_only.blocked == []


def test_offline_unroutable_and_dns(loopback_only: LoopbackGuard) -> None:
    """The guard fails these like an unplugged cable; no packet leaves the machine."""
    _assert_offline_fast("http://192.0.2.1/index.json", "you appear to be offline (network is unreachable")
    _assert_offline_fast("https://packs.invalid/index.json", "server name could not be looked up")
    _assert_offline_fast(index.DEFAULT_INDEX_URL, "you appear to be offline")
    assert loopback_only.blocked == [("192.0.2.1", 80), "packs.invalid", "raw.githubusercontent.com"]


def test_offline_no_answer(loopback_only: LoopbackGuard, tmp_path: Path) -> None:
    """A server that accepts the connection but never answers times out quickly."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)  # the kernel completes the handshake; nobody ever reads
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/index.json"
        _assert_offline_fast(url, "no answer within 0.3 s", Timeouts(connect=1.0, read=0.3))
        item = IndexEntry("en", "fr", "1", "English", "French", (url,))
        with pytest.raises(OfflineError, match="cannot reach the en_fr pack at"):
            index.download("en_fr", tmp_path / "dl", entries=[item], timeouts=Timeouts(connect=1.0, read=0.3))
    assert leftovers(tmp_path / "dl") == []


def test_download_fetches_nothing_without_loopback_permission(tmp_path: Path) -> None:
    """Without the loopback fixture the suite-wide guard stays: no test can reach the internet."""
    from tests.conftest import NetworkBlocked

    with pytest.raises(NetworkBlocked):
        index.fetch_index(timeouts=FAST)
    assert leftovers(tmp_path) == []
