"""One exception tree for the whole core, so callers (CLI, UI) can catch by meaning.

LiaisonError                      every error meant for the user; message is one clear line
├── VaultError                    opening, unlocking or creating a vault
│   ├── VaultNotFound
│   ├── VaultAlreadyExists
│   ├── WrongPassphrase
│   ├── WrongRecoveryCode
│   ├── CorruptHeader             key-slot file unreadable or tampered
│   ├── CorruptDatabase           database damaged or truncated
│   ├── NotALiaisonVault          a database that is not ours (plain SQLite, another app, swapped file)
│   ├── VaultTooNew               written by a newer Liaison (schema version unknown here)
│   ├── VaultLocked               used after lock/close
│   └── SqlcipherUnavailable      the driver is not really SQLCipher: refuse to store plaintext
├── RecordNotFound
├── ValidationError               bad field value from the user or an import file
├── ConflictError                 an action the data does not allow (e.g. deleting a used agency)
└── AuditChainBroken              audit verification failed; names the first bad entry
"""

from __future__ import annotations


class LiaisonError(Exception):
    """Base of every error a user may see. ``str(err)`` is a complete, one-line message."""


class VaultError(LiaisonError):
    pass


class VaultNotFound(VaultError):
    pass


class VaultAlreadyExists(VaultError):
    pass


class WrongPassphrase(VaultError):
    pass


class WrongRecoveryCode(VaultError):
    pass


class CorruptHeader(VaultError):
    pass


class CorruptDatabase(VaultError):
    pass


class NotALiaisonVault(VaultError):
    pass


class VaultTooNew(VaultError):
    pass


class VaultLocked(VaultError):
    pass


class SqlcipherUnavailable(VaultError):
    pass


class RecordNotFound(LiaisonError):
    pass


class ValidationError(LiaisonError):
    pass


class ConflictError(LiaisonError):
    pass


class AuditChainBroken(LiaisonError):
    """Raised by audit verification; ``problems`` lists every broken entry found."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems
