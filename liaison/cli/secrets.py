"""Reading passphrases and recovery codes: from the environment for scripts, else the terminal.

Secrets given in the environment are taken out of it as the command starts
(``take_from_environment``): they then never reach a child process (pdftotext and friends also get
a minimal environment, see ``liaison.childenv``) nor anything that dumps the environment later.
"""

from __future__ import annotations

import getpass
import os
import sys

from liaison.errors import LiaisonError, ValidationError

PASSPHRASE_ENV = "LIAISON_PASSPHRASE"
NEW_PASSPHRASE_ENV = "LIAISON_NEW_PASSPHRASE"
RECOVERY_ENV = "LIAISON_RECOVERY_CODE"
_SECRET_ENVS = (PASSPHRASE_ENV, NEW_PASSPHRASE_ENV, RECOVERY_ENV)
_given: dict[str, str] = {}


def take_from_environment() -> None:
    """Move the secrets of this command out of ``os.environ``. A caller running several commands
    in one process (tests, an embedding tool) sets them once: later commands reuse them."""
    for name in _SECRET_ENVS:
        value = os.environ.pop(name, None)
        if value is not None:
            _given[name] = value


def _from_env(name: str) -> str | None:
    value = os.environ.pop(name, None)  # set after the command started (an embedding caller)
    if value is not None:
        _given[name] = value
    return _given.get(name)


def _prompt(prompt: str, env: str) -> str:
    if not sys.stdin.isatty():
        raise LiaisonError(f"no terminal to ask for it: set {env} for scripts")
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise LiaisonError("cancelled") from None


def passphrase(prompt: str = "Vault passphrase: ") -> str:
    value = _from_env(PASSPHRASE_ENV)
    return value if value is not None else _prompt(prompt, PASSPHRASE_ENV)


def new_passphrase(env: str = NEW_PASSPHRASE_ENV) -> str:
    value = _from_env(env)
    if value is not None:
        return value
    first = _prompt("New passphrase: ", env)
    if first != _prompt("Repeat the new passphrase: ", env):
        raise ValidationError("the two passphrases differ")
    return first


def recovery_code() -> str:
    value = _from_env(RECOVERY_ENV)
    return value if value is not None else _prompt("Recovery code: ", RECOVERY_ENV)
