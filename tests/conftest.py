"""Test-wide guards: no network, a private home/data/temp folder, and the fast test KDF profile."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from liaison.crypto import kdf

# Key derivation in milliseconds, never the production second: enabled in this process only (no
# environment variable or option reaches it; subprocesses run ``tests.fast_cli``).
kdf.allow_insecure_test_profile()
os.environ.pop("LIAISON_VAULT", None)
os.environ.pop("LIAISON_PASSPHRASE", None)

# Hypothesis profiles. "ci" (the default) keeps the suite within a few minutes on two cores;
# "thorough" runs 20x the examples for a property test that sets no count of its own, for a
# change that touches what they fuzz: LIAISON_HYPOTHESIS_PROFILE=thorough ./scripts/test.sh (or
# pytest --hypothesis-profile=thorough). No example database: runs leave nothing in the checkout.
_HYPOTHESIS_COMMON = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}
settings.register_profile("ci", max_examples=50, **_HYPOTHESIS_COMMON)  # type: ignore[arg-type]
settings.register_profile("thorough", max_examples=1000, **_HYPOTHESIS_COMMON)  # type: ignore[arg-type]
settings.load_profile(os.environ.get("LIAISON_HYPOTHESIS_PROFILE", "ci"))

PASSPHRASE = "correct horse 'battery' \"staple\" \\ ünïcödé"


class NetworkBlocked(RuntimeError):
    pass


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise NetworkBlocked("network access attempted during a test")


def _is_loopback(address: object) -> bool:
    host = address[0] if isinstance(address, tuple) and address else address
    return isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1"))


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Any IP connection attempt fails the test; local Unix sockets stay usable. Tests marked
    ``loopback`` (a real sync server on this machine) may reach 127.0.0.0/8 and nothing else."""
    real_connect = socket.socket.connect
    real_create = socket.create_connection
    real_getaddrinfo = socket.getaddrinfo
    loopback = request.node.get_closest_marker("loopback") is not None

    def guarded_connect(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX or (loopback and _is_loopback(address)):
            real_connect(self, address)  # type: ignore[arg-type]
            return
        _refuse()

    def guarded_create(address: object, *args: object, **kwargs: object) -> socket.socket:
        if loopback and _is_loopback(address):
            return real_create(address, *args, **kwargs)  # type: ignore[arg-type]
        _refuse()
        raise AssertionError  # pragma: no cover

    def guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if loopback and _is_loopback(host):
            return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]
        _refuse()
        return None  # pragma: no cover

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", lambda *a, **k: _refuse())
    monkeypatch.setattr(socket, "create_connection", guarded_create)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, XDG folders and TMPDIR inside the test's own folder, so we can inspect what lands there."""
    root = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = root / name.lower()
        path.mkdir()
        monkeypatch.setenv(name, str(path))
    monkeypatch.setenv("HOME", str(root))
    tmp = root / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    return root


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vaults" / "field.db"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[object]:
    from liaison.crypto.kdf import KdfProfile
    from liaison.store.vault import create_vault

    opened, _code = create_vault(vault_path, PASSPHRASE, KdfProfile.INSECURE_FAST_FOR_TESTS)
    yield opened
    opened.close()
