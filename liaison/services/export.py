"""Plain JSON export of the whole vault, for hand-over to other systems; audited with its hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from liaison.crypto.atomic import atomic_write_bytes
from liaison.store import audit, codec, records
from liaison.store.registry import ENTITIES
from liaison.store.vault import Vault


def vault_document(vault: Vault) -> dict[str, Any]:
    document: dict[str, Any] = {"format": "liaison-export", "version": 1, "vault_id": vault.vault_id}
    for kind, spec in ENTITIES.items():
        document[spec.table] = [codec.to_jsonable(r) for r in records.find(vault, spec.cls, order_by="id")]
        if kind == "note":
            rows = vault.conn.execute(
                "SELECT note_id, revision, title, body, edited_at FROM note_revisions "
                "ORDER BY note_id, revision"
            )
            document["note_revisions"] = [
                dict(zip(("note_id", "revision", "title", "body", "edited_at"), r, strict=True)) for r in rows
            ]
    return document


def export_json(vault: Vault, destination: Path) -> str:
    """Write the export (owner-only permissions) and return its SHA-256."""
    document = vault_document(vault)
    data = json.dumps(document, ensure_ascii=False, indent=2).encode()
    atomic_write_bytes(destination, data)
    digest = hashlib.sha256(data).hexdigest()
    counts = {spec.table: len(document[spec.table]) for spec in ENTITIES.values()}
    audit.append(vault, "export", detail={"file": destination.name, "sha256": digest, "counts": counts})
    return digest


__all__ = ["export_json", "vault_document"]
