"""Where translation files live, and the only way the app imports argostranslate.

argostranslate reads its settings once, at import, from the environment and from a settings file
under ``$XDG_CONFIG_HOME`` (a user's file there could switch translation to a remote provider), and
it and onnxruntime create folders under ``$HOME`` on import. So the import happens here only, with
every setting pinned in the environment and the XDG folders pointed at Liaison's own data folder
for the duration of the import. Our own process environment is restored afterwards, so the rest
of the app (platformdirs, the vault location) is unaffected.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import platformdirs

TRANSLATION_DIR_ENV = "LIAISON_TRANSLATION_DIR"

# Measured (shared/docs/translation.md): one intra-op thread is 4-5x faster than ctranslate2's
# default on small models and 2-core laptops, and stays predictable when the UI is busy.
PINNED_SETTINGS = {
    "ARGOS_DEVICE_TYPE": "cpu",
    "ARGOS_INTER_THREADS": "1",
    "ARGOS_INTRA_THREADS": "1",
    "ARGOS_MODEL_PROVIDER": "OPENNMT",
    "ARGOS_CHUNK_TYPE": "MINISBD",
    "ARGOS_DEBUG": "0",
    "ARGOS_DEV_MODE": "0",
    "ARGOS_PACKAGE_INDEX": "http://0.0.0.0/argos-index-disabled/",
}

_lock = threading.Lock()
_modules: dict[str, ModuleType] = {}


def translation_dir() -> Path:
    """Root of everything translation-related (packs, argos and onnxruntime scratch folders)."""
    env = os.environ.get(TRANSLATION_DIR_ENV)
    base = Path(env) if env else Path(platformdirs.user_data_dir("Liaison", appauthor=False)) / "translation"
    return base


def packages_dir() -> Path:
    return translation_dir() / "packages"


def _scratch(name: str) -> Path:
    path = translation_dir() / "runtime" / name
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextlib.contextmanager
def _pinned_environment() -> Iterator[None]:
    packages_dir().mkdir(parents=True, exist_ok=True)
    overrides = {
        **PINNED_SETTINGS,
        "ARGOS_PACKAGES_DIR": str(packages_dir()),
        "XDG_DATA_HOME": str(_scratch("data")),
        "XDG_CONFIG_HOME": str(_scratch("config")),
        "XDG_CACHE_HOME": str(_scratch("cache")),
        "HOME": str(_scratch("home")),
    }
    saved = {key: os.environ.get(key) for key in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for key, value in saved.items():
            if key.startswith("ARGOS_"):
                continue  # keep our pinned values: argostranslate re-reads some lazily
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def argos(module: str = "translate") -> ModuleType:
    """``argostranslate.<module>``, imported once under the pinned settings."""
    name = f"argostranslate.{module}"
    with _lock:
        if name not in _modules:
            with _pinned_environment():
                _modules[name] = importlib.import_module(name)
        return _modules[name]
