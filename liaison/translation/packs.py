"""Install, list, verify and remove Argos language packs in Liaison's own packages folder.

Liaison never calls argostranslate's install, download or index functions (they extract without
checks or reach the network, translation.md §3). Instead a pack is:

1. validated from its zip directory (``archive.validate``) before anything is written;
2. extracted into a fresh staging folder next to the packages folder (same file system, so the
   final move is one atomic rename). Staging lives *beside* ``packages/``, not inside it, because
   argostranslate's ``get_installed_packages`` opens every sub-folder of ``packages/`` and raises
   for one without ``metadata.json``: a half-written or crash-leftover folder there would break
   every translation;
3. given an offline sentence splitter ``minisbd/<from>.onnx`` when it ships none, because
   otherwise argostranslate downloads one on the first translation;
4. given a manifest of every file's SHA-256, so ``verify`` can tell a damaged or altered pack;
5. proved loadable with ``argostranslate.package.Package`` while still in staging;
6. renamed into ``packages/``; only then are older folders of the same pair moved out and deleted.
   Until step 6 the previous version is untouched, and the staging folder is always removed.

Errors (see ``archive`` for the tree's base): PackNotInstalled, InstallError.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liaison import jsonio
from liaison.translation import archive, runtime
from liaison.translation.archive import (
    DEFAULT_LIMITS,
    HostileArchive,
    InvalidPack,
    Limits,
    PackError,
    PackInfo,
    PackMetadata,
    extract,
    parse_metadata,
    validate,
)
from liaison.translation.splitter_model import splitter_onnx

__all__ = [
    "HostileArchive",
    "InstallError",
    "InstalledPack",
    "InvalidPack",
    "PackError",
    "PackInfo",
    "PackNotInstalled",
    "PackProblem",
    "find",
    "install",
    "list_installed",
    "load_package",
    "parse_pair",
    "remove",
    "validate",
    "verify",
]

MANIFEST_NAME = ".liaison-manifest.json"
MANIFEST_FORMAT = 1
STAGING_DIRNAME = "pack-staging"
SPLITTER_DIR = "minisbd"

_PAIR_RE = re.compile(r"^\s*([a-z]{2,3})\s*(?:[-_→>]|->)\s*([a-z]{2,3})\s*$")
_lock = threading.Lock()  # one install/remove at a time in this process


class PackNotInstalled(PackError):
    """The requested language pair has no installed pack."""

    exit_code = 3


class InstallError(PackError):
    """A valid pack could not be installed (disk full, permissions, a pack that will not load)."""


@dataclass(frozen=True)
class InstalledPack:
    """One pack folder under ``packages_dir()``."""

    from_code: str
    to_code: str
    version: str
    from_name: str
    to_name: str
    path: Path
    size_bytes: int
    installed_at: str | None  # ISO time from our manifest; None for a folder Liaison did not install
    added_splitter: bool  # Liaison generated minisbd/<from>.onnx because the pack had none

    @property
    def pair(self) -> str:
        return f"{self.from_code}_{self.to_code}"

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 model folder (``model.bin``, ``config.json``, vocabularies)."""
        return self.path / "model"

    def __str__(self) -> str:
        return f"{self.from_name} → {self.to_name} ({self.pair}) {self.version}"


@dataclass(frozen=True)
class PackProblem:
    """One thing ``verify`` found wrong; ``str()`` is a one-line message."""

    pair: str  # "en_fr", or the folder name when the metadata is unreadable
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.pair}: {self.message} ({self.path})"


def parse_pair(pair: str) -> tuple[str, str]:
    """``"en-fr"``, ``"en_fr"`` or ``"en→fr"`` → ``("en", "fr")``."""
    match = _PAIR_RE.match(pair.lower())
    if not match:
        raise PackError(f"{pair!r} is not a language pair such as en-fr")
    return match.group(1), match.group(2)


def _staging_root() -> Path:
    return runtime.translation_dir() / STAGING_DIRNAME


def _read_metadata(folder: Path) -> PackMetadata:
    path = folder / "metadata.json"
    try:
        data = jsonio.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as err:
        raise InvalidPack(f"{folder.name}: no metadata.json") from err
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InvalidPack(f"{folder.name}: metadata.json cannot be read ({err})") from err
    return parse_metadata(data, folder.name)


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data = jsonio.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return None
    return data


def _files(folder: Path) -> list[Path]:
    """Every non-folder entry below ``folder``, without following links."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        base = Path(dirpath)
        found.extend(base / name for name in filenames)
        found.extend(base / name for name in dirnames if (base / name).is_symlink())
    return found


def _describe(folder: Path) -> InstalledPack:
    meta = _read_metadata(folder)
    manifest = _read_manifest(folder) or {}
    size = sum(p.lstat().st_size for p in _files(folder))
    installed_at = manifest.get("installed_at")
    return InstalledPack(
        from_code=meta.from_code,
        to_code=meta.to_code,
        version=meta.version,
        from_name=meta.from_name,
        to_name=meta.to_name,
        path=folder,
        size_bytes=size,
        installed_at=installed_at if isinstance(installed_at, str) else None,
        added_splitter=bool(manifest.get("added_splitter", False)),
    )


def _pack_folders() -> list[Path]:
    root = runtime.packages_dir()
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())


def list_installed() -> list[InstalledPack]:
    """Every readable pack, sorted by pair; unreadable folders are left to ``verify`` to report."""
    packs = []
    for folder in _pack_folders():
        try:
            packs.append(_describe(folder))
        except (InvalidPack, OSError):
            continue
    return sorted(packs, key=lambda p: (p.pair, p.installed_at or "", p.path.name))


def find(from_code: str, to_code: str) -> InstalledPack | None:
    """The installed pack for this direction (the most recently installed if a crash left two)."""
    matches = [p for p in list_installed() if p.from_code == from_code and p.to_code == to_code]
    return matches[-1] if matches else None


def load_package(pack: InstalledPack) -> Any:
    """``argostranslate.package.Package`` for an installed pack, imported under pinned settings."""
    return runtime.argos("package").Package(pack.path)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _add_splitter(folder: Path, info: PackInfo, hashes: dict[str, str]) -> bool:
    """Write ``minisbd/<from>.onnx`` unless the pack ships a splitter; True if one was added."""
    if info.has_splitter:
        return False
    data = splitter_onnx(info.from_code)
    (folder / SPLITTER_DIR).mkdir(mode=0o755, exist_ok=True)
    target = folder / SPLITTER_DIR / f"{info.from_code}.onnx"
    target.write_bytes(data)
    hashes[f"{SPLITTER_DIR}/{target.name}"] = hashlib.sha256(data).hexdigest()
    return True


def _write_manifest(folder: Path, info: PackInfo, hashes: dict[str, str], added: bool, source: str) -> None:
    manifest = {
        "format": MANIFEST_FORMAT,
        "pair": info.pair,
        "version": info.version,
        "installed_at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
        "source": source,
        "added_splitter": added,
        "files": dict(sorted(hashes.items())),
    }
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _prove_loads(folder: Path, info: PackInfo, source: str) -> None:
    """argostranslate must open the staged folder as the same pair, and its tokenizer must load."""
    try:
        package = runtime.argos("package").Package(folder)
        if (package.from_code, package.to_code) != (info.from_code, info.to_code):
            raise InstallError(f"{source}: argostranslate reads it as {package.from_code}_{package.to_code}")
        if info.tokenizer == "sentencepiece.model":
            package.tokenizer.encode("Liaison")
    except PackError:
        raise
    except Exception as err:  # argostranslate and sentencepiece raise bare Exception/RuntimeError
        raise InstallError(f"{source}: the pack does not load ({type(err).__name__}: {err})") from err


def _free_name(root: Path, info: PackInfo) -> Path:
    safe_version = re.sub(r"[^0-9A-Za-z]+", "_", info.version)
    base = f"translate-{info.pair}-{safe_version}"
    target = root / base
    while target.exists():
        target = root / f"{base}-{secrets.token_hex(3)}"
    return target


def _clear_leftovers(staging: Path) -> None:
    """Remove staging folders of installs that crashed; only called while holding the lock."""
    if staging.is_dir():
        for leftover in staging.iterdir():
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable before the old version goes (POSIX; not possible on Windows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _swap_in(new: Path, work: Path, info: PackInfo, olds: list[InstalledPack]) -> Path:
    """Rename ``new`` into packages/, then move older folders of the pair out into ``work``."""
    final = _free_name(runtime.packages_dir(), info)
    os.rename(new, final)
    _fsync_dir(final.parent)
    moved: list[tuple[Path, Path]] = []
    try:
        for i, old in enumerate(olds):
            trash = work / f"old-{i}"
            os.rename(old.path, trash)
            moved.append((old.path, trash))
    except OSError:
        # Put everything back as it was: the new pack out, the old ones in.
        for original, trash in reversed(moved):
            os.rename(trash, original)
        os.rename(final, new)
        raise
    return final


def install(archive_path: Path | str, limits: Limits = DEFAULT_LIMITS) -> InstalledPack:
    """Install one ``.argosmodel`` file, replacing any installed version of the same pair."""
    path = Path(archive_path)
    source = path.name
    info = validate(path, limits)  # before anything is written
    with _lock:
        staging = _staging_root()
        archive.check_free_space(staging, info.uncompressed_size, source)
        try:
            runtime.packages_dir().mkdir(parents=True, exist_ok=True)
            staging.mkdir(parents=True, exist_ok=True)
            _clear_leftovers(staging)
            work = Path(tempfile.mkdtemp(prefix="install-", dir=staging))
        except OSError as err:
            raise InstallError(f"{source}: cannot prepare {staging} ({err.strerror or err})") from err
        try:
            new = work / "pack"
            info, hashes = extract(path, new, limits)
            added = _add_splitter(new, info, hashes)
            _write_manifest(new, info, hashes, added, source)
            _prove_loads(new, info, source)
            olds = [p for p in list_installed() if p.pair == info.pair]
            final = _swap_in(new, work, info, olds)
        except OSError as err:
            raise InstallError(f"{source}: cannot install {info.pair} ({err.strerror or err})") from err
        finally:
            shutil.rmtree(work, ignore_errors=True)
        _cleanup_staging(staging)
    return _describe(final)


def _cleanup_staging(staging: Path) -> None:
    with contextlib.suppress(OSError):
        staging.rmdir()  # only when empty; harmless to leave otherwise


def remove(pair: str) -> InstalledPack:
    """Uninstall the pack(s) for ``pair``; returns the one removed. Raises PackNotInstalled."""
    from_code, to_code = parse_pair(pair)
    with _lock:
        packs = [p for p in list_installed() if (p.from_code, p.to_code) == (from_code, to_code)]
        if not packs:
            raise PackNotInstalled(f"no {from_code}→{to_code} language pack is installed")
        staging = _staging_root()
        label = f"{from_code}→{to_code}"
        try:
            staging.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix="remove-", dir=staging))
        except OSError as err:
            raise PackError(f"cannot remove the {label} pack: {staging} ({err.strerror or err})") from err
        try:
            for i, pack in enumerate(packs):
                # Out of packages/ in one rename, so argostranslate never sees a half-deleted pack.
                os.rename(pack.path, work / f"old-{i}")
        except OSError as err:
            raise PackError(f"cannot remove the {label} pack at {pack.path} ({err.strerror or err})") from err
        finally:
            shutil.rmtree(work, ignore_errors=True)
        _cleanup_staging(staging)
    return packs[-1]


def _verify_folder(folder: Path) -> tuple[str | None, list[PackProblem]]:
    label = folder.name
    try:
        meta = _read_metadata(folder)
    except InvalidPack as err:
        return None, [PackProblem(label, folder, f"unloadable pack: {err}; argostranslate cannot list packs")]
    label = meta.pair
    problems: list[PackProblem] = []
    try:
        runtime.argos("package").Package(folder)
    except Exception as err:  # argostranslate raises bare exceptions
        problems.append(PackProblem(label, folder, f"argostranslate cannot load it ({err})"))
    present = {p.relative_to(folder).as_posix(): p for p in _files(folder)}
    present.pop(MANIFEST_NAME, None)
    if not any(rel.startswith(f"{SPLITTER_DIR}/") and rel.endswith(".onnx") for rel in present):
        problems.append(PackProblem(label, folder, "no sentence splitter: translating would go online"))
    manifest = _read_manifest(folder)
    if manifest is None:
        problems.append(PackProblem(label, folder, "no readable manifest: not installed by Liaison"))
        return label, problems
    expected: dict[str, Any] = manifest["files"]
    for rel in sorted(expected):
        file = present.get(rel)
        if file is None or not file.is_file() or file.is_symlink():
            problems.append(PackProblem(label, folder, f"{rel} is missing"))
        elif _sha256(file) != expected[rel]:
            problems.append(PackProblem(label, folder, f"{rel} was modified since it was installed"))
    for rel in sorted(set(present) - set(expected)):
        problems.append(PackProblem(label, folder, f"{rel} was added after install"))
    return label, problems


def verify() -> list[PackProblem]:
    """Check every folder under packages/ against its manifest; an empty list means all is well."""
    problems: list[PackProblem] = []
    pairs: dict[str, list[Path]] = {}
    root = runtime.packages_dir()
    if root.is_dir():
        for entry in sorted(root.iterdir()):
            if entry.is_symlink() or not entry.is_dir():
                problems.append(PackProblem(entry.name, entry, "not a pack folder; remove it"))
    for folder in _pack_folders():
        pair, found = _verify_folder(folder)
        problems.extend(found)
        if pair is not None:
            pairs.setdefault(pair, []).append(folder)
    for pair, folders in sorted(pairs.items()):
        if len(folders) > 1:
            names = ", ".join(f.name for f in folders)
            problems.append(PackProblem(pair, folders[0].parent, f"installed {len(folders)} times ({names})"))
    return problems
