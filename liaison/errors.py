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
│   ├── VaultWiped                another device revoked this one with a remote wipe: no keys left
│   ├── VaultBusy                 another program holds the vault's write lock longer than we wait
│   └── SqlcipherUnavailable      the driver is not really SQLCipher: refuse to store plaintext
├── RecordNotFound
├── ValidationError               bad field value from the user or an import file
├── ConflictError                 an action the data does not allow (e.g. deleting a used agency)
├── AuditChainBroken              audit verification failed; names the first bad entry
└── SyncError                     sync with the home agency
    ├── SyncNotConfigured         no space set up in this vault yet (or already set up)
    ├── SyncUnavailable           server unreachable, timed out or failing (retry later)
    ├── SyncRejected              the server refused a request (a 4xx with its reason)
    ├── DeviceRevoked             this device was revoked: it locks itself
    └── SyncIntegrityError        tampering detected: bad signature, ciphertext, gap or replay
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Self


def N_(text: str) -> str:
    """Marks an English text that the desktop app's catalogs translate: a message template, a
    field's name. ``scripts/update-ui-catalogs.sh`` extracts the marked texts of the core's
    services; the core itself uses them as they are (the command line speaks English)."""
    return text


class Term(str):
    """An English name inside a message (a field's, a reason's) that an interface translates
    along with the message's template; marked with ``N_`` where it is written, or with ``NC_``
    where the bare word is ambiguous ("case", "agency"): its ``context`` then keeps it apart in
    the catalogs (gettext's msgctxt) from the same English word in another sense. ``Term(term)``
    keeps the context of a term given again."""

    __slots__ = ("context",)

    context: str

    def __new__(cls, text: str, context: str = "") -> Self:
        term = super().__new__(cls, text)
        term.context = context or (text.context if isinstance(text, Term) else "")
        return term


def NC_(context: str, text: str) -> Term:
    """Marks a name with a catalog context (``pgettext``): the interface translates it in that
    sense; the core uses the English as it is."""
    return Term(text, context)


class LiaisonError(Exception):
    """Base of every error a user may see. ``str(err)`` is a complete, one-line message.

    ``exit_code`` is what the command line exits with: each error family declares its own, so an
    error defined in another module (a translation pack error, say) needs no table elsewhere.

    An error made with ``of`` also keeps its ``template`` and ``params``: the core has no Qt and
    no catalogs, so the desktop app translates the template (its msgid) and fills it with the same
    values, translating those that are ``Term``s, as it does for the rule sets' messages.
    """

    exit_code = 1
    template = ""
    params: Mapping[str, object] = MappingProxyType({})

    @classmethod
    def of(cls, template: str, /, **params: object) -> Self:
        """The error saying ``template.format(**params)``; ``template`` is marked with ``N_``."""
        error = cls(template.format(**params))
        error.template, error.params = template, MappingProxyType(dict(params))
        return error


class VaultError(LiaisonError):
    pass


class VaultNotFound(VaultError):
    exit_code = 3


class VaultAlreadyExists(VaultError):
    pass


class WrongPassphrase(VaultError):
    exit_code = 4


class WrongRecoveryCode(VaultError):
    exit_code = 4


# Where a user goes from a damaged vault: said in every such message.
DAMAGE_WAY_FORWARD = (
    "restore a backup with 'liaison restore FILE', or save what is readable with 'liaison salvage -o FILE'"
)


class _Damaged(VaultError):
    exit_code = 5

    def __str__(self) -> str:
        text = super().__str__()
        return text if "liaison restore" in text else f"{text}: {DAMAGE_WAY_FORWARD}"


class CorruptHeader(_Damaged):
    pass


class CorruptDatabase(_Damaged):
    pass


class NotALiaisonVault(VaultError):
    exit_code = 5


class VaultTooNew(VaultError):
    exit_code = 5


class VaultLocked(VaultError):
    pass


class VaultWiped(VaultError):
    """The key slots were destroyed by a remote wipe (``sync.service.lock_revoked``). Not a damaged
    vault: salvage needs the keys that are gone, so only a backup made before the wipe helps."""

    exit_code = 5


class VaultBusy(VaultError):
    """Another process kept the write lock past the busy timeout. Exit 75 is sysexits' EX_TEMPFAIL:
    nothing is wrong with the vault, the same command succeeds once the other program is done."""

    exit_code = 75


class SqlcipherUnavailable(VaultError):
    exit_code = 9


class RecordNotFound(LiaisonError):
    exit_code = 3


class ValidationError(LiaisonError):
    exit_code = 6


class ConflictError(LiaisonError):
    exit_code = 7


class AuditChainBroken(LiaisonError):
    """Raised by audit verification; ``problems`` lists every broken entry found."""

    exit_code = 8

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


class SyncError(LiaisonError):
    exit_code = 30


class SyncNotConfigured(SyncError):
    pass


class SyncUnavailable(SyncError):
    exit_code = 31


class SyncRejected(SyncError):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class DeviceRevoked(SyncError):
    exit_code = 32

    def __init__(self, message: str, wipe: bool = False) -> None:
        super().__init__(message)
        self.wipe = wipe


class SyncIntegrityError(SyncError):
    exit_code = 33


class SyncFormatTooNew(SyncIntegrityError):
    """A change set in a format newer than this release reads: the pull stops there (order
    matters), keeps what came before, and the officer is told to update Liaison."""

    exit_code = 34
