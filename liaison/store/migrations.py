"""Named, ordered migrations. Each runs in its own transaction and bumps ``user_version``.

Never edit a released migration: add a new one. The schema version of a vault is the number of
migrations applied, so a vault written by a newer release (a higher number) is refused, not guessed at.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from liaison.store.clock import format_hlc, parse_hlc

Connection = Any  # sqlcipher3 connection; the driver ships no type information


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[Connection], None]


_RECORD_COLUMNS = """
    id TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    handling TEXT NOT NULL
"""

_INITIAL = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

CREATE TABLE agencies ({_RECORD_COLUMNS},
    name TEXT NOT NULL, name_native TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL,
    region TEXT NOT NULL, parent_id TEXT REFERENCES agencies(id), address TEXT NOT NULL,
    notes TEXT NOT NULL);

CREATE TABLE contacts ({_RECORD_COLUMNS},
    full_name TEXT NOT NULL, name_native TEXT NOT NULL, honorific TEXT NOT NULL,
    gender TEXT NOT NULL, agency_id TEXT REFERENCES agencies(id), country TEXT NOT NULL,
    unit TEXT NOT NULL, role TEXT NOT NULL, competences TEXT NOT NULL,
    urgent_contact INTEGER NOT NULL, languages TEXT NOT NULL, preferred_language TEXT NOT NULL,
    channels TEXT NOT NULL, preferred_channel TEXT NOT NULL, avoid_channels TEXT NOT NULL,
    timezone TEXT NOT NULL, working_hours TEXT NOT NULL, trust_level TEXT NOT NULL,
    verified_on TEXT, verification_method TEXT NOT NULL, last_contact_on TEXT,
    last_contact_channel TEXT NOT NULL, next_follow_up TEXT, status TEXT NOT NULL,
    successor_id TEXT REFERENCES contacts(id), source TEXT NOT NULL,
    data_protection_basis TEXT NOT NULL, review_on TEXT, notes TEXT NOT NULL);
CREATE INDEX contacts_agency ON contacts(agency_id);
CREATE INDEX contacts_country ON contacts(country);

CREATE TABLE agreements ({_RECORD_COLUMNS},
    title TEXT NOT NULL, short_name TEXT NOT NULL, titles TEXT NOT NULL, kind TEXT NOT NULL,
    scope TEXT NOT NULL, rule_set TEXT NOT NULL, adopted_on TEXT, in_force_on TEXT,
    status TEXT NOT NULL, relationship TEXT NOT NULL, source_url TEXT NOT NULL,
    notes TEXT NOT NULL);

CREATE TABLE parties ({_RECORD_COLUMNS},
    agreement_id TEXT NOT NULL REFERENCES agreements(id), country TEXT NOT NULL,
    signed_on TEXT, ratified_on TEXT, in_force_on TEXT, status TEXT NOT NULL,
    accepted_languages TEXT NOT NULL, central_authority_id TEXT REFERENCES agencies(id),
    reservations TEXT NOT NULL, declarations TEXT NOT NULL, channels TEXT NOT NULL);
CREATE INDEX parties_agreement ON parties(agreement_id);

CREATE TABLE cases ({_RECORD_COLUMNS},
    reference TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL, status TEXT NOT NULL,
    opened_on TEXT, closed_on TEXT, countries TEXT NOT NULL, offences TEXT NOT NULL);

CREATE TABLE notes ({_RECORD_COLUMNS},
    case_id TEXT NOT NULL REFERENCES cases(id), title TEXT NOT NULL, body TEXT NOT NULL,
    language TEXT NOT NULL, revision INTEGER NOT NULL);
CREATE INDEX notes_case ON notes(case_id);

CREATE TABLE note_revisions (
    note_id TEXT NOT NULL, revision INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
    edited_at TEXT NOT NULL, device_id TEXT NOT NULL, PRIMARY KEY (note_id, revision));

CREATE TABLE links ({_RECORD_COLUMNS},
    a_kind TEXT NOT NULL, a_id TEXT NOT NULL, b_kind TEXT NOT NULL, b_id TEXT NOT NULL,
    relation TEXT NOT NULL, note TEXT NOT NULL);
CREATE INDEX links_a ON links(a_id);
CREATE INDEX links_b ON links(b_id);

-- Every field change, in the same transaction as the change itself: what sync will ship.
CREATE TABLE ops (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE, hlc TEXT NOT NULL, device_id TEXT NOT NULL,
    kind TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX ops_record ON ops(record_id, hlc);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, device_id TEXT NOT NULL, action TEXT NOT NULL,
    kind TEXT NOT NULL, record_id TEXT NOT NULL, detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL);

-- Full-text search: one document per record. search_docs maps records to FTS rowids so an
-- update deletes by rowid instead of scanning the index.
CREATE TABLE search_docs (
    rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, record_id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, folded, tokenize = 'unicode61 remove_diacritics 2');
"""


def _initial_schema(conn: Connection) -> None:
    for statement in _INITIAL.split(";\n"):
        if statement.strip():
            conn.execute(statement)


_LANGUAGE_RESOURCES = f"""
CREATE TABLE tm_entries ({_RECORD_COLUMNS},
    source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    origin TEXT NOT NULL, approved_by TEXT NOT NULL, note TEXT NOT NULL);
CREATE INDEX tm_lookup ON tm_entries(source_lang, target_lang, source);

CREATE TABLE glossary_terms ({_RECORD_COLUMNS},
    source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, term TEXT NOT NULL,
    translation TEXT NOT NULL, note TEXT NOT NULL, forbidden TEXT NOT NULL, subject TEXT NOT NULL);
CREATE INDEX glossary_pair ON glossary_terms(source_lang, target_lang);
"""


def _script(sql: str) -> Callable[[Connection], None]:
    def apply(conn: Connection) -> None:
        for statement in sql.split(";\n"):
            if statement.strip():
                conn.execute(statement)

    return apply


# Column names frozen as of this migration. Flags are INTEGER; the rest have no declared type so
# SQLite stores text, JSON and NULL exactly as given (a TEXT affinity would turn 0 into '0').
_MLA_FLAGS = (
    "reciprocity urgent confidential notify_before_disclosure proceedings_instituted "
    "acknowledgement_requested"
).split()
_MLA_COLUMNS = (
    "case_id rule_set instrument_kind requesting_state requested_state our_reference foreign_reference "
    "request_date place addressee_id addressee_contact_id transmission_channel language legal_bases "
    "reciprocity requesting_authority investigating_authority contact_officer validating_authority urgent "
    "urgency_reasons urgency_detail requested_by advance_copy_via advance_copy_sent_on advance_of "
    "confidential confidentiality_reasons notify_before_disclosure proceedings_type proceedings_instituted "
    "court court_case_number next_hearing facts offences persons measures purpose procedures "
    "procedures_detail officials_present questions earlier_requests parallel_requests undertakings "
    "remedies_sought remedies_information results_form results_recipient practical_contact "
    "acknowledgement_requested signatory_name signatory_post annexes translations translator status history"
).split()


def _mla_requests(conn: Connection) -> None:
    columns = ", ".join(f"{name} INTEGER" if name in _MLA_FLAGS else name for name in _MLA_COLUMNS)
    conn.execute(f"CREATE TABLE mla_requests ({_RECORD_COLUMNS}, {columns})")
    conn.execute("CREATE INDEX mla_requests_case ON mla_requests(case_id)")
    conn.execute("CREATE INDEX mla_requests_status ON mla_requests(status)")
    conn.execute(
        "CREATE TABLE mla_exports (request_id TEXT NOT NULL, version INTEGER NOT NULL, "
        "exported_at TEXT NOT NULL, kind TEXT NOT NULL, lang TEXT NOT NULL, file_name TEXT NOT NULL, "
        "sha256 TEXT NOT NULL, content_hash TEXT NOT NULL, document BLOB NOT NULL, "
        "PRIMARY KEY (request_id, version))"
    )


def _secure_erasure(conn: Connection) -> None:
    """Deleted must mean gone from the file: FTS5 then rewrites the segments holding a deleted
    row's words (instead of appending a delete marker beside them), values already left in the op
    log by records deleted before this release are redacted, and the index is rebuilt so older
    segments no longer hold their words."""
    conn.execute("INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1)")
    conn.execute(
        "UPDATE ops SET value = 'null' WHERE field != '_deleted' AND value != 'null' AND record_id IN "
        "(SELECT record_id FROM ops WHERE field = '_deleted')"
    )
    conn.execute("INSERT INTO search_index(search_index) VALUES ('rebuild')")


# Attachments: metadata and bytes in separate tables, so listing never reads the bytes and deleting
# removes both (the bytes by cascade). The bytes never enter the op log or the search index: deleting
# an attachment, with secure_delete on, leaves nothing of it in the database. Deleting a case erases
# its attachments through the trigger, whichever code path deletes the case.
_ATTACHMENTS = """
CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, handling TEXT NOT NULL,
    case_id TEXT NOT NULL, request_id TEXT, name TEXT NOT NULL, media_type TEXT NOT NULL,
    role TEXT NOT NULL, language TEXT NOT NULL, derived_from TEXT, size INTEGER NOT NULL,
    sha256 TEXT NOT NULL);
CREATE INDEX attachments_case ON attachments(case_id);
CREATE TABLE attachment_data (
    attachment_id TEXT PRIMARY KEY NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
    data BLOB NOT NULL);
CREATE TRIGGER attachments_follow_case AFTER DELETE ON cases
BEGIN DELETE FROM attachments WHERE case_id = old.id; END
"""


_SYNC = """
ALTER TABLE ops ADD COLUMN parents TEXT;
CREATE TABLE sync_change_sets (
    id INTEGER PRIMARY KEY AUTOINCREMENT, change_id TEXT NOT NULL UNIQUE,
    first_op INTEGER NOT NULL, last_op INTEGER NOT NULL, audit_first INTEGER NOT NULL,
    audit_last INTEGER NOT NULL, device_seq INTEGER UNIQUE, epoch INTEGER, envelope BLOB,
    pushed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX sync_change_sets_pending ON sync_change_sets(pushed, first_op);
CREATE TABLE sync_local_only (record_id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL);
CREATE TABLE sync_conflicts (
    loser_op TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL,
    field TEXT NOT NULL, reason TEXT NOT NULL, value TEXT NOT NULL, hlc TEXT NOT NULL,
    device_id TEXT NOT NULL, winner_op TEXT, snapshot TEXT);
CREATE INDEX sync_conflicts_record ON sync_conflicts(record_id);
CREATE TABLE sync_epochs (epoch INTEGER PRIMARY KEY, key BLOB NOT NULL);
CREATE TABLE sync_devices (
    device_id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, signing_public BLOB NOT NULL,
    exchange_public BLOB NOT NULL, status TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0,
    last_seen TEXT NOT NULL DEFAULT '');
CREATE TABLE sync_flags (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, device_id TEXT NOT NULL, change_id TEXT NOT NULL,
    what TEXT NOT NULL, detail TEXT NOT NULL);
-- Concurrent edits of a note on two devices both become revision N+1: keep both rows.
CREATE TABLE note_revisions_v2 (
    note_id TEXT NOT NULL, revision INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
    edited_at TEXT NOT NULL, device_id TEXT NOT NULL);
INSERT INTO note_revisions_v2 SELECT note_id, revision, title, body, edited_at, device_id FROM note_revisions;
DROP TABLE note_revisions;
ALTER TABLE note_revisions_v2 RENAME TO note_revisions;
CREATE INDEX note_revisions_note ON note_revisions(note_id, revision)
"""


def rename_duplicates(conn: Connection, table: str, column: str, kind: str, scope: str = "''") -> int:
    """Before a reference becomes unique (within ``scope``, an SQL expression of the row): every
    duplicate but the oldest gets " (duplicate N)" appended, with an operation in the log like any
    edit, so nothing is lost and sync sees it. Returns how many were renamed."""
    rows = conn.execute(
        f"SELECT id, {column}, {scope} FROM {table} WHERE {column} != '' AND ({column}, {scope}) IN "
        f"(SELECT {column}, {scope} FROM {table} WHERE {column} != '' GROUP BY {column}, {scope} "
        f"HAVING count(*) > 1) ORDER BY {column}, {scope}, created_at, id"
    ).fetchall()
    seen: dict[tuple[str, str], int] = {}
    renamed_count = 0
    for record_id, reference, group in rows:
        number = seen[(reference, group)] = seen.get((reference, group), 0) + 1
        if number == 1:
            continue
        renamed_count += 1
        renamed = f"{reference} (duplicate {number})"
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (renamed, record_id))
        _log_op(conn, kind, record_id, column, json.dumps(renamed, ensure_ascii=False))
    return renamed_count


def _log_op(conn: Connection, kind: str, record_id: str, field: str, value: str) -> None:
    """An operation written by a migration, stamped after the newest one, as this device's."""
    last = conn.execute("SELECT hlc FROM ops ORDER BY seq DESC LIMIT 1").fetchone()
    millis, counter = (0, 0) if last is None else parse_hlc(str(last[0]))
    now = time.time_ns() // 1_000_000
    stamp = format_hlc(now, 0) if now > millis else format_hlc(millis, counter + 1)
    device = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    conn.execute(
        "INSERT INTO ops(op_id, hlc, device_id, kind, record_id, field, value) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            f"{time.time_ns():016x}{secrets.token_hex(8)}",
            stamp,
            device[0] if device else "",
            kind,
            record_id,
            field,
            value,
        ),
    )


def _unique_references(conn: Connection) -> None:
    """A case or request reference is how officers look records up: two alike made both unreachable
    by reference. Existing duplicates are renamed; new ones are refused by the services. There is
    no UNIQUE index: two devices may each create the same reference offline, and sync must still
    apply both (the lookup then asks for the id)."""
    rename_duplicates(conn, "cases", "reference", "case")
    rename_duplicates(conn, "mla_requests", "our_reference", "mla_request")
    conn.execute("CREATE INDEX cases_reference ON cases(reference)")
    conn.execute("CREATE INDEX mla_requests_our_reference ON mla_requests(our_reference)")


def _certifications_per_language(conn: Connection) -> None:
    """A request held one translator certification; it now holds one per target language. The one
    there becomes a list of one (an operation in the log, like any edit, so a replay and sync see
    the same value); the old column is emptied, its value now lives in the new one."""
    columns = {str(row[1]) for row in conn.execute("PRAGMA table_info(mla_requests)")}
    if "certifications" not in columns:  # idempotent: a vault rolled back past it runs it again
        conn.execute("ALTER TABLE mla_requests ADD COLUMN certifications")
    conn.execute("UPDATE mla_requests SET certifications = '[]' WHERE certifications IS NULL")
    rows = conn.execute(
        "SELECT id, translator FROM mla_requests WHERE translator IS NOT NULL AND translator != 'null'"
    ).fetchall()
    for record_id, translator in rows:
        value = json.dumps([json.loads(translator)], ensure_ascii=False, sort_keys=True)
        conn.execute("UPDATE mla_requests SET certifications = ? WHERE id = ?", (value, record_id))
        _log_op(conn, "mla_request", record_id, "certifications", value)
    conn.execute("UPDATE mla_requests SET translator = NULL")


# The translation memory's match forms (``liaison.translation.memory.match_key``: identifier
# recognition, ~0.2 ms a sentence) kept beside the entries, so the fuzzy index of a session is built
# from stored keys instead of recomputing 100,000 of them. A key belongs to one version of the entry
# (``updated_at``); the triggers drop it when the entry changes or goes, so a deleted entry's words
# do not stay behind here.
_TM_MATCH_KEYS = """
CREATE TABLE tm_match_keys (
    entry_id TEXT PRIMARY KEY NOT NULL, updated_at TEXT NOT NULL, match_key TEXT NOT NULL);
CREATE TRIGGER tm_match_keys_deleted AFTER DELETE ON tm_entries
BEGIN DELETE FROM tm_match_keys WHERE entry_id = old.id; END;
CREATE TRIGGER tm_match_keys_changed AFTER UPDATE OF source, source_lang ON tm_entries
BEGIN DELETE FROM tm_match_keys WHERE entry_id = old.id; END
"""


# Case attachments sync (their bytes ride in change sets, never in the op log). An erased
# attachment's id is kept so a late copy from another device does not bring it back (erasure is
# final, as for records); attachments kept before this version are listed once, to be shared
# with the space at the next sync (``sync_log.share_unshared``). The bytes follow their row by a
# trigger too: sync applies with foreign keys off, where the cascade does not run (a case deleted
# by another device takes its attachments through ``attachments_follow_case``). Idempotent: run
# again, it changes nothing.
_ATTACHMENT_SYNC = """
CREATE TABLE IF NOT EXISTS sync_erased_attachments (attachment_id TEXT PRIMARY KEY NOT NULL);
CREATE TABLE IF NOT EXISTS sync_unshared_attachments (attachment_id TEXT PRIMARY KEY NOT NULL);
INSERT OR IGNORE INTO sync_unshared_attachments SELECT id FROM attachments;
CREATE TRIGGER IF NOT EXISTS attachment_data_follows AFTER DELETE ON attachments
BEGIN DELETE FROM attachment_data WHERE attachment_id = old.id; END
"""


def _reference_index(conn: Connection) -> None:
    """References unique by index, per device that wrote them (``liaison.store.references``)."""
    from liaison.store import references  # noqa: PLC0415  (its own module: triggers and error mapping)

    references.migrate(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial_schema", _initial_schema),
    Migration("0002_translation_memory_and_glossary", _script(_LANGUAGE_RESOURCES)),
    Migration("0003_mla_requests", _mla_requests),
    Migration(
        "0004_drafts",
        _script(
            "CREATE TABLE drafts (key TEXT PRIMARY KEY NOT NULL, body TEXT NOT NULL, "
            "updated_at TEXT NOT NULL)"
        ),
    ),
    Migration("0005_secure_erasure", _secure_erasure),
    Migration("0006_attachments", _script(_ATTACHMENTS)),
    Migration("0007_sync", _script(_SYNC)),
    Migration("0008_unique_case_and_request_references", _unique_references),
    Migration("0009_certifications_per_language", _certifications_per_language),
    Migration("0010_tm_match_keys", _script(_TM_MATCH_KEYS)),
    Migration("0011_reference_unique_per_writer", _reference_index),
    Migration("0012_attachment_sync", _script(_ATTACHMENT_SYNC)),
)


def latest_version() -> int:
    return len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Apply pending migrations in order, each atomically. Returns the names applied."""
    applied: list[str] = []
    version = current_version(conn)
    for index in range(version, len(migrations)):
        migration = migrations[index]
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration.apply(conn)
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)"
            )
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (migration.name, now))
            conn.execute(f"PRAGMA user_version = {index + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.name)
    return applied
