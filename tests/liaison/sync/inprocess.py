"""Fast in-process replicas: real vaults and the real server app and storage, no sockets."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from liaison.crypto.kdf import KdfProfile
from liaison.server.app import create_app
from liaison.server.storage import Storage, make_engine, migrate
from liaison.services.sync import service
from liaison.store.vault import Vault, create_vault
from liaison.sync.transport import RawResponse

ADMIN = "test-admin-token"
URL = "http://inprocess"


class AppTransport:
    def __init__(self, client: TestClient) -> None:
        self.client = client

    def send(self, method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        url = path + (f"?{query}" if query else "")
        response = self.client.request(method, url, content=body or None, headers=headers)
        return RawResponse(response.status_code, response.headers.get("content-type", ""), response.content)


class Server:
    def __init__(self, db_url: str) -> None:
        engine = make_engine(db_url)
        migrate(engine)
        self.storage = Storage(engine)
        self.app = create_app(self.storage, ADMIN, rate_per_second=0)
        self.client = TestClient(self.app, base_url="http://inprocess")

    def factory(self, _url: str, _pin: str) -> AppTransport:
        return AppTransport(self.client)

    def close(self) -> None:
        self.client.close()
        self.storage.engine.dispose()


def new_vault(path: Path) -> Vault:
    vault, _code = create_vault(path, "pass phrase for tests", KdfProfile.INSECURE_FAST_FOR_TESTS)
    return vault


def space_of(server: Server, tmp: Path, count: int) -> list[Vault]:
    """``count`` vaults in one space: the first sets it up, the others join and are approved."""
    vaults = [new_vault(tmp / f"v{i}.db") for i in range(count)]
    service.setup(vaults[0], URL, ADMIN, name="desk-0", factory=server.factory)
    for i, vault in enumerate(vaults[1:], start=1):
        code = service.invite(vaults[0], factory=server.factory)["code"]
        joined = service.join(vault, URL, code, name=f"laptop-{i}", factory=server.factory)
        service.approve(vaults[0], joined.id, factory=server.factory)
    for vault in vaults:
        service.now(vault, factory=server.factory)
    return vaults
