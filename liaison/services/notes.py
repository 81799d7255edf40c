"""Case notes: add, list, edit (keeping every earlier text) and delete."""

from __future__ import annotations

from liaison.domain import Handling, Note, NoteRevision
from liaison.errors import N_, ValidationError
from liaison.services import validation as check
from liaison.services.catalog import cases
from liaison.services.records import RecordService
from liaison.store import notes as store_notes
from liaison.store import records
from liaison.store.vault import Vault


def _validate(vault: Vault, note: Note) -> None:
    if not note.title.strip() and not note.body.strip():
        raise ValidationError.of(N_("a note needs a title or a text"))
    check.language(N_("language"), note.language)


_notes = RecordService(Note, _validate, None, "created_at")


def add(
    vault: Vault,
    case_ref: str,
    body: str,
    title: str = "",
    language: str = "",
    handling: Handling = Handling.AMBER,
) -> Note:
    case_id = cases.resolve(vault, case_ref)
    note = Note(case_id=case_id, title=title, body=body, language=language, handling=handling)
    _validate(vault, note)
    return store_notes.add(vault, note)


def list_for_case(vault: Vault, case_ref: str) -> list[Note]:
    case_id = cases.resolve(vault, case_ref)
    return records.find(vault, Note, "case_id = ?", (case_id,), "created_at")


def get(vault: Vault, ref: str) -> Note:
    return _notes.get(vault, ref)


def edit(vault: Vault, ref: str, *, title: str | None = None, body: str | None = None) -> Note:
    note_id = _notes.resolve(vault, ref)
    if title is not None or body is not None:
        current = records.get(vault, Note, note_id)
        _validate(
            vault,
            Note(
                case_id=current.case_id,
                title=current.title if title is None else title,
                body=current.body if body is None else body,
            ),
        )
    return store_notes.edit(vault, note_id, title=title, body=body)


def set_handling(vault: Vault, ref: str, handling: Handling) -> Note:
    return records.update(vault, Note, _notes.resolve(vault, ref), {"handling": handling})


def history(vault: Vault, ref: str) -> list[NoteRevision]:
    return store_notes.revisions(vault, _notes.resolve(vault, ref))


def delete(vault: Vault, ref: str) -> None:
    store_notes.delete(vault, _notes.resolve(vault, ref))
