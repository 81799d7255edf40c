"""Case notes keep every earlier text: an edit appends a revision, it never overwrites history."""

from __future__ import annotations

from liaison.domain import Note, NoteRevision
from liaison.store import records
from liaison.store.vault import Vault


def _add_revision(vault: Vault, note: Note) -> None:
    vault.conn.execute(
        "INSERT INTO note_revisions VALUES (?, ?, ?, ?, ?, ?)",
        (note.id, note.revision, note.title, note.body, note.updated_at, vault.device_id),
    )


def _next_revision(vault: Vault, note: Note) -> int:
    """Above every revision the note's history holds: after a merge the current text may come
    from a device that made fewer edits than another (its number is lower), and the next edit
    must not reuse a number already in the history."""
    row = vault.conn.execute(
        "SELECT max(revision) FROM note_revisions WHERE note_id = ?", (note.id,)
    ).fetchone()
    return max(note.revision, int(row[0] or 0)) + 1


def add(vault: Vault, note: Note) -> Note:
    with vault.transaction():
        stored = records.insert(vault, note)
        _add_revision(vault, stored)
    return stored


def edit(vault: Vault, note_id: str, *, title: str | None = None, body: str | None = None) -> Note:
    with vault.transaction():
        current = records.get(vault, Note, note_id)
        changes: dict[str, object] = {}
        if title is not None and title != current.title:
            changes["title"] = title
        if body is not None and body != current.body:
            changes["body"] = body
        if not changes:
            return current
        changes["revision"] = _next_revision(vault, current)
        updated = records.update(vault, Note, note_id, changes)
        _add_revision(vault, updated)
    return updated


def revisions(vault: Vault, note_id: str) -> list[NoteRevision]:
    rows = vault.conn.execute(
        "SELECT note_id, revision, title, body, edited_at, device_id FROM note_revisions "
        "WHERE note_id = ? ORDER BY revision",
        (note_id,),
    )
    return [NoteRevision(*row) for row in rows]


def delete(vault: Vault, note_id: str) -> None:
    """Deleting a note removes it and its history: deletion of personal data must be real."""
    with vault.transaction():
        records.delete(vault, Note, note_id)
        vault.conn.execute("DELETE FROM note_revisions WHERE note_id = ?", (note_id,))
