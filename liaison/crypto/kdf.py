"""Argon2id key derivation with parameters stored beside the result.

Why parameters travel with each slot: a vault created on a fast desktop must still unlock on a slow
laptop, and a later release may raise the defaults without invalidating older slots.
"""

from __future__ import annotations

import enum
import os
import time
import unicodedata
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

KEY_BYTES = 32
SALT_BYTES = 16

# Floors for the passphrase slot in production (OWASP-style minimum for Argon2id).
MIN_MEMORY_KIB = 64 * 1024
MIN_TIME_COST = 3
# Production aims at about this much work on the creating machine.
PRODUCTION_MEMORY_KIB = 256 * 1024
PRODUCTION_TARGET_SECONDS = 1.0
# Refuse absurd parameters from a (possibly hostile) header rather than exhaust memory or time.
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_TIME_COST = 64
MAX_PARALLELISM = 16


class KdfProfile(enum.Enum):
    """How much work new passphrase slots demand."""

    PRODUCTION = "production"
    # Milliseconds instead of a second: only for the test suite and benchmarks, which must enable it
    # in their own process with ``allow_insecure_test_profile()``. No option or environment
    # variable reaches it, so a leftover setting can never create a weak production vault.
    INSECURE_FAST_FOR_TESTS = "insecure-fast-for-tests"


class KdfFloorError(ValueError):
    """A passphrase slot would be (or is) weaker than the production floor."""


_insecure_allowed = False


def allow_insecure_test_profile() -> None:
    """Let this process create slots below the floor. Called by the test suite and benchmarks only."""
    global _insecure_allowed  # noqa: PLW0603 - a process-wide switch is the point
    _insecure_allowed = True


def insecure_allowed() -> bool:
    return _insecure_allowed


def default_profile() -> KdfProfile:
    return KdfProfile.INSECURE_FAST_FOR_TESTS if _insecure_allowed else KdfProfile.PRODUCTION


@dataclass(frozen=True)
class Argon2Params:
    time_cost: int
    memory_kib: int
    parallelism: int

    def check_sane(self) -> None:
        """Raise ValueError for parameters no Liaison release would write."""
        if not 1 <= self.time_cost <= MAX_TIME_COST:
            raise ValueError(f"time_cost {self.time_cost} out of range")
        if not 8 * 1024 <= self.memory_kib <= MAX_MEMORY_KIB:
            raise ValueError(f"memory {self.memory_kib} KiB out of range")
        if not 1 <= self.parallelism <= MAX_PARALLELISM:
            raise ValueError(f"parallelism {self.parallelism} out of range")


def below_floor(params: Argon2Params) -> bool:
    """True for a slot weaker than the documented production floor (64 MiB, 3 passes)."""
    return params.memory_kib < MIN_MEMORY_KIB or params.time_cost < MIN_TIME_COST


def require_floor(params: Argon2Params) -> None:
    """Refuse to write a passphrase slot below the floor, unless the test suite allowed it."""
    if below_floor(params) and not _insecure_allowed:
        raise KdfFloorError(
            f"refusing a key derivation below the floor ({params.memory_kib // 1024} MiB, "
            f"{params.time_cost} passes; at least {MIN_MEMORY_KIB // 1024} MiB and {MIN_TIME_COST} passes)"
        )


INSECURE_TEST_PARAMS = Argon2Params(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC so the same passphrase typed through different input methods derives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(secret: bytes, salt: bytes, params: Argon2Params) -> bytes:
    params.check_sane()
    return hash_secret_raw(
        secret,
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def calibrate(target_seconds: float = PRODUCTION_TARGET_SECONDS) -> Argon2Params:
    """Pick a time cost that takes about ``target_seconds`` here, never below the floors."""
    parallelism = max(1, min(4, os.cpu_count() or 1))
    probe = Argon2Params(MIN_TIME_COST, PRODUCTION_MEMORY_KIB, parallelism)
    started = time.perf_counter()
    derive_key(b"calibration", os.urandom(SALT_BYTES), probe)
    elapsed = max(time.perf_counter() - started, 1e-3)
    time_cost = round(MIN_TIME_COST * target_seconds / elapsed)
    time_cost = max(MIN_TIME_COST, min(time_cost, MAX_TIME_COST))
    return Argon2Params(time_cost, PRODUCTION_MEMORY_KIB, parallelism)


def params_for(profile: KdfProfile) -> Argon2Params:
    if profile is KdfProfile.INSECURE_FAST_FOR_TESTS:
        require_floor(INSECURE_TEST_PARAMS)
        return INSECURE_TEST_PARAMS
    return calibrate()
