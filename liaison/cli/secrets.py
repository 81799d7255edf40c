"""Reading passphrases and recovery codes: from the environment for scripts, else the terminal."""

from __future__ import annotations

import getpass
import os
import sys

from liaison.errors import LiaisonError, ValidationError

PASSPHRASE_ENV = "LIAISON_PASSPHRASE"
NEW_PASSPHRASE_ENV = "LIAISON_NEW_PASSPHRASE"
RECOVERY_ENV = "LIAISON_RECOVERY_CODE"


def _prompt(prompt: str, env: str) -> str:
    if not sys.stdin.isatty():
        raise LiaisonError(f"no terminal to ask for it: set {env} for scripts")
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise LiaisonError("cancelled") from None


def passphrase(prompt: str = "Vault passphrase: ") -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    return value if value is not None else _prompt(prompt, PASSPHRASE_ENV)


def new_passphrase(env: str = NEW_PASSPHRASE_ENV) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    first = _prompt("New passphrase: ", env)
    if first != _prompt("Repeat the new passphrase: ", env):
        raise ValidationError("the two passphrases differ")
    return first


def recovery_code() -> str:
    value = os.environ.get(RECOVERY_ENV)
    return value if value is not None else _prompt("Recovery code: ", RECOVERY_ENV)
