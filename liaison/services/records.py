"""Typed add/get/list/edit/delete for every kind of record, with validation and delete rules.

Each kind is a ``RecordService`` configured with its checks; the write path underneath records
the operations, search index and audit entry in one transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from liaison.domain import Record
from liaison.errors import N_, NC_, RecordNotFound, Term, ValidationError
from liaison.store import records
from liaison.store.registry import spec_for
from liaison.store.vault import Vault

R = TypeVar("R", bound=Record)
MIN_PREFIX = 6


class RecordService(Generic[R]):
    def __init__(
        self,
        cls: type[R],
        validate: Callable[[Vault, R], None],
        before_delete: Callable[[Vault, R], None] | None = None,
        order_by: str = "",
        natural_key: str = "",
    ) -> None:
        self.cls = cls
        self.kind = spec_for(cls).kind
        self._validate = validate
        self._before_delete = before_delete
        self._order_by = order_by
        self._natural_key = natural_key  # a column users know records by, e.g. a case reference

    def resolve(self, vault: Vault, ref: str) -> str:
        """A full id, a unique id prefix of at least six characters, or the natural key, to the full id."""
        ref = ref.strip()
        table = spec_for(self.cls).table
        if self._natural_key:
            named = vault.conn.execute(
                f"SELECT id FROM {table} WHERE {self._natural_key} = ? LIMIT 2", (ref,)
            ).fetchall()
            if len(named) == 1:
                return str(named[0][0])
            if len(named) > 1:
                raise RecordNotFound(
                    f"several {self.kind} records have the reference {ref!r} (made on two devices "
                    "before they synced): give the id, and rename one"
                )
        if len(ref) < MIN_PREFIX:
            raise RecordNotFound(f"no {self.kind} with id {ref!r} (give at least {MIN_PREFIX} characters)")
        rows = vault.conn.execute(
            f"SELECT id FROM {table} WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2",
            (ref, ref.replace("%", "\\%").replace("_", "\\_") + "%"),
        ).fetchall()
        if not rows:
            raise RecordNotFound(f"no {self.kind} with id {ref!r}")
        if len(rows) > 1 and rows[0][0] != ref:
            raise RecordNotFound(f"{ref!r} matches several {self.kind} records: give more of the id")
        return str(rows[0][0])

    def add(self, vault: Vault, record: R) -> R:
        self._validate(vault, record)
        return records.insert(vault, record)

    def get(self, vault: Vault, ref: str) -> R:
        return records.get(vault, self.cls, self.resolve(vault, ref))

    def list(self, vault: Vault, where: str = "", params: tuple[Any, ...] = ()) -> list[R]:
        return records.find(vault, self.cls, where, params, self._order_by)

    def edit(self, vault: Vault, ref: str, changes: Mapping[str, Any]) -> R:
        with vault.transaction():
            current = self.get(vault, ref)
            try:
                candidate = dataclasses.replace(current, **changes)
            except TypeError as exc:
                raise ValidationError(f"unknown field for {self.kind}: {exc}") from None
            self._validate(vault, candidate)
            return records.update(vault, self.cls, current.id, changes)

    def delete(self, vault: Vault, ref: str) -> None:
        with vault.transaction():
            current = self.get(vault, ref)
            if self._before_delete is not None:
                self._before_delete(vault, current)
            records.delete(vault, self.cls, current.id)

    def exists(self, vault: Vault, record_id: str) -> bool:
        table = spec_for(self.cls).table
        return vault.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is not None


# The kinds a reference may name, in the app's catalogs as kinds of record (``require_reference``).
REFERENCED_KINDS = {
    "agency": NC_("record kind", "agency"),
    "contact": NC_("record kind", "contact"),
    "agreement": NC_("record kind", "agreement"),
    "case": NC_("record kind", "case"),
}


def require_reference(vault: Vault, service: RecordService[Any], field: Term, value: str | None) -> None:
    """Refuses a link to a record that does not exist; the caller marks ``field`` (``NC_``)."""
    if value and not service.exists(vault, value):
        raise ValidationError.of(
            N_("{field} points to no existing {kind} ({value})"),
            field=Term(field),
            kind=REFERENCED_KINDS.get(service.kind, Term(service.kind)),
            value=value,
        )
