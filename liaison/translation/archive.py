"""Check an ``.argosmodel`` file before anything of it touches the disk, then extract it safely.

argostranslate's own ``install_from_path`` runs ``extractall`` into the shared packages folder with
no checks (translation.md §3): a zip with files at its root, or a second top-level folder, breaks
every installed pack, and extracting over an older version leaves mixed files. A pack may also
come from a colleague's USB stick or a download, so it is treated as hostile: every entry name,
type, size and compression ratio is checked from the central directory first, and the sizes are
checked again while extracting, because zip headers are written by whoever made the file.

Errors:

PackError (LiaisonError)         anything about language packs; message is one line naming the file
├── InsufficientSpace            not enough free disk for the unpacked pack (checked before writing)
└── InvalidPack                  not a usable pack: not a zip, truncated, no metadata, bad codes…
    └── HostileArchive           an archive built to escape or exhaust: traversal, links, bombs
"""

from __future__ import annotations

import hashlib
import json
import lzma
import os
import re
import shutil
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from liaison import jsonio
from liaison.errors import LiaisonError


class PackError(LiaisonError):
    """Any language-pack problem the user should see."""


class InvalidPack(PackError):
    """The file is not a usable Argos language pack."""

    exit_code = 6


class InsufficientSpace(PackError):
    """The disk cannot take the unpacked pack; nothing was written."""


class HostileArchive(InvalidPack):
    """The archive tries to write outside its folder, hides links or devices, or would exhaust the disk."""


@dataclass(frozen=True)
class Limits:
    """Ceilings for one pack. Real Argos packs are 30-300 MB with a few dozen files."""

    max_entries: int = 10_000
    max_total_bytes: int = 2 * 1024**3
    max_ratio: int = 200  # zip-bomb guard; int8 models and vocabularies compress far less
    ratio_floor: int = 1024**2  # tiny files (empty JSON, padding) may compress better than the ratio
    max_metadata_bytes: int = 1024**2


DEFAULT_LIMITS = Limits()

CODE_RE = re.compile(r"^[a-z]{2,3}$")  # ISO 639-1/-3, as Argos uses them ("en", "fr", "zt", "pb")
VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,31}$")
TOKENIZERS = ("sentencepiece.model", "bpe.model")
MODEL_FILES = ("model/model.bin", "model/config.json")
_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_ALLOWED_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class PackMetadata:
    """The parts of ``metadata.json`` Liaison relies on, checked."""

    from_code: str
    to_code: str
    version: str
    from_name: str
    to_name: str

    @property
    def pair(self) -> str:
        return f"{self.from_code}_{self.to_code}"


@dataclass(frozen=True)
class PackInfo:
    """What a valid archive holds, learnt without extracting it."""

    from_code: str
    to_code: str
    version: str
    from_name: str
    to_name: str
    top_folder: str
    uncompressed_size: int
    file_count: int
    tokenizer: str  # "sentencepiece.model" or "bpe.model"
    has_splitter: bool  # ships minisbd/*.onnx, so argostranslate needs no download to split sentences

    @property
    def pair(self) -> str:
        return f"{self.from_code}_{self.to_code}"


def _control(text: str) -> bool:
    return any(ord(ch) < 32 or ord(ch) == 127 for ch in text)


def parse_metadata(data: object, source: str) -> PackMetadata:
    """Check a decoded ``metadata.json``; ``source`` names the file in error messages."""
    if not isinstance(data, dict):
        raise InvalidPack(f"{source}: metadata.json is not a JSON object")
    codes = []
    for key in ("from_code", "to_code"):
        code = data.get(key)
        if code is None:
            raise InvalidPack(f"{source}: metadata.json has no {key}")
        if not isinstance(code, str) or not CODE_RE.match(code):
            raise InvalidPack(f"{source}: metadata.json {key} {code!r} is not an ISO 639 language code")
        codes.append(code)
    if codes[0] == codes[1]:
        raise InvalidPack(f"{source}: metadata.json translates {codes[0]} into itself")
    kind = data.get("type", "translate")
    if kind != "translate":
        raise InvalidPack(f"{source}: metadata.json type is {kind!r}; only translate packs are supported")
    version = data.get("package_version")
    if version is None:
        raise InvalidPack(f"{source}: metadata.json has no package_version")
    if not isinstance(version, str) or not VERSION_RE.match(version):
        raise InvalidPack(f"{source}: metadata.json package_version {version!r} is not a version")
    names = []
    for key, code in (("from_name", codes[0]), ("to_name", codes[1])):
        name = data.get(key) or code
        if not isinstance(name, str) or len(name) > 100 or _control(name):
            raise InvalidPack(f"{source}: metadata.json {key} is not a short language name")
        names.append(name)
    return PackMetadata(codes[0], codes[1], version, names[0], names[1])


def _entry_parts(info: zipfile.ZipInfo, source: str) -> tuple[str, ...]:
    """The path components of one entry, or HostileArchive if extracting it could escape."""
    name = info.filename
    where = f"{source}: entry {name!r}"
    if "\\" in name:
        raise HostileArchive(f"{where} contains a backslash")
    if name.startswith("/"):
        raise HostileArchive(f"{where} is an absolute path")
    if _DRIVE_RE.match(name) or ":" in name:
        raise HostileArchive(f"{where} contains a drive letter or colon")
    if _control(name):
        raise HostileArchive(f"{where} contains control characters")
    parts = tuple(name[:-1].split("/") if name.endswith("/") else name.split("/"))
    if ".." in parts:
        raise HostileArchive(f"{where} climbs out of its folder with '..'")
    if any(part in ("", ".") for part in parts):
        raise HostileArchive(f"{where} has an empty or '.' path component")
    if any(len(part) > 255 or part.endswith((" ", ".")) for part in parts):
        raise HostileArchive(f"{where} has a file name no file system can hold safely")
    return parts


def _check_entry_type(info: zipfile.ZipInfo, source: str) -> None:
    where = f"{source}: entry {info.filename!r}"
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if stat.S_ISLNK(mode):
        raise HostileArchive(f"{where} is a symbolic link")
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        raise HostileArchive(f"{where} is a device, pipe or socket, not a file")
    if kind == stat.S_IFDIR and not info.is_dir():
        raise HostileArchive(f"{where} is marked as a folder but named as a file")
    if info.flag_bits & 0x1:
        raise HostileArchive(f"{where} is encrypted")
    if info.compress_type not in _ALLOWED_COMPRESSION:
        raise InvalidPack(f"{where} uses an unsupported compression method ({info.compress_type})")


def _check_sizes(infos: list[zipfile.ZipInfo], source: str, limits: Limits) -> int:
    total = 0
    for info in infos:
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise HostileArchive(
                f"{source}: entry {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}"
                f" times (limit {limits.max_ratio}): a zip bomb"
            )
        total += info.file_size
    if total > limits.max_total_bytes:
        raise HostileArchive(
            f"{source}: unpacks to {total} bytes, more than the limit of {limits.max_total_bytes}"
        )
    # Many entries each under the per-entry floor can still add up to a bomb (thousands of 1 MiB
    # runs of zeros): the whole archive must respect the ratio too.
    packed = sum(info.compress_size for info in infos)
    if total > limits.ratio_floor and total > limits.max_ratio * max(packed, 1):
        raise HostileArchive(
            f"{source}: unpacks {total // max(packed, 1)} times its packed size ({total} bytes; "
            f"limit {limits.max_ratio} times): a zip bomb"
        )
    return total


def check_free_space(folder: Path, needed: int, source: str) -> None:
    """Refuse before writing when ``folder``'s file system cannot take ``needed`` bytes (plus a
    margin, so a pack never fills the disk the vault lives on)."""
    existing = folder
    while not existing.exists() and existing.parent != existing:  # not created yet: its file system
        existing = existing.parent
    free = shutil.disk_usage(existing).free
    margin = max(64 * 1024**2, needed // 10)
    if needed + margin > free:
        raise InsufficientSpace(
            f"{source}: needs {needed // 1024**2 + 1} MiB free in {folder}, only {free // 1024**2} MiB left"
        )


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, limits: Limits) -> bytes:
    if info.file_size > limits.max_metadata_bytes:
        raise InvalidPack(f"{source}: {info.filename} is too large ({info.file_size} bytes)")
    try:
        with zf.open(info) as handle:
            data = handle.read(limits.max_metadata_bytes + 1)
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError) as err:
        raise InvalidPack(f"{source}: {info.filename} is damaged ({err})") from err
    if len(data) > limits.max_metadata_bytes:
        raise HostileArchive(f"{source}: {info.filename} is larger than its header says")
    return data


def _read_json(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, limits: Limits) -> Any:
    raw = _read_small(zf, info, source, limits)
    try:
        return jsonio.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        name = info.filename.split("/", 1)[-1]
        raise InvalidPack(f"{source}: {name} is not valid JSON ({err})") from err


_Parts = tuple[str, ...]


def _collect(infos: list[zipfile.ZipInfo], source: str) -> tuple[dict[_Parts, zipfile.ZipInfo], set[_Parts]]:
    """Check every entry's name and type; return the files and every folder they imply."""
    files: dict[_Parts, zipfile.ZipInfo] = {}
    folders: set[_Parts] = set()
    seen: set[str] = set()
    for info in infos:
        parts = _entry_parts(info, source)
        _check_entry_type(info, source)
        folded = "/".join(parts).casefold()
        if folded in seen:
            raise HostileArchive(f"{source}: entry {info.filename!r} appears twice (ignoring case)")
        seen.add(folded)
        if info.is_dir():
            folders.add(parts)
        else:
            files[parts] = info
        folders.update(parts[:i] for i in range(1, len(parts)))
    for parts in files:
        if parts in folders:
            raise HostileArchive(f"{source}: {'/'.join(parts)!r} is both a file and a folder")
    return files, folders


def _top_folder(files: dict[_Parts, zipfile.ZipInfo], folders: set[_Parts], source: str) -> str:
    tops = sorted({parts[0] for parts in (*files, *folders)})
    if len(tops) != 1:
        shown = ", ".join(tops[:5]) + (", …" if len(tops) > 5 else "")
        raise InvalidPack(
            f"{source}: has {len(tops)} top-level entries ({shown}); a pack holds exactly one folder"
        )
    top = tops[0]
    if (top,) in files:
        raise InvalidPack(f"{source}: {top!r} is a file at the top level; a pack holds exactly one folder")
    return top


def _inspect(zf: zipfile.ZipFile, source: str, limits: Limits) -> tuple[PackInfo, list[zipfile.ZipInfo]]:
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise HostileArchive(
            f"{source}: holds {len(infos)} entries, more than the limit of {limits.max_entries}"
        )
    if not infos:
        raise InvalidPack(f"{source}: the archive is empty")
    files, folders = _collect(infos, source)
    top = _top_folder(files, folders, source)
    total = _check_sizes(infos, source, limits)

    def member(rel: str) -> zipfile.ZipInfo | None:
        return files.get((top, *rel.split("/")))

    meta_info = member("metadata.json")
    if meta_info is None:
        raise InvalidPack(f"{source}: has no {top}/metadata.json")
    meta = parse_metadata(_read_json(zf, meta_info, source, limits), source)
    for rel in MODEL_FILES:
        if member(rel) is None:
            raise InvalidPack(f"{source}: has no model ({top}/{rel} is missing)")
    config = member("model/config.json")
    assert config is not None
    if not isinstance(_read_json(zf, config, source, limits), dict):
        raise InvalidPack(f"{source}: model/config.json is not a JSON object")
    tokenizer = next((name for name in TOKENIZERS if member(name) is not None), None)
    if tokenizer is None:
        raise InvalidPack(f"{source}: has no tokenizer ({top}/sentencepiece.model or bpe.model)")
    has_splitter = any(
        len(parts) == 3 and parts[1] == "minisbd" and parts[2].endswith(".onnx") for parts in files
    )
    info = PackInfo(
        from_code=meta.from_code,
        to_code=meta.to_code,
        version=meta.version,
        from_name=meta.from_name,
        to_name=meta.to_name,
        top_folder=top,
        uncompressed_size=total,
        file_count=len(files),
        tokenizer=tokenizer,
        has_splitter=has_splitter,
    )
    return info, infos


@contextmanager
def _open_zip(path: Path) -> Iterator[zipfile.ZipFile]:
    source = path.name
    if not path.is_file():
        raise InvalidPack(f"{path}: no such file")
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as err:
        raise InvalidPack(f"{source}: not a zip archive, or truncated ({err})") from err
    except OSError as err:
        raise InvalidPack(f"{source}: cannot be read ({err.strerror or err})") from err
    with zf:
        yield zf


def validate(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> PackInfo:
    """Check ``path`` is a safe, complete translate pack; read-only, nothing is written."""
    path = Path(path)
    with _open_zip(path) as zf:
        return _inspect(zf, path.name, limits)[0]


def _copy_entry(src: IO[bytes], target: Path, expected: int, where: str) -> tuple[int, str]:
    """Stream one entry to a new file, never past the size its header declared."""
    digest = hashlib.sha256()
    written = 0
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(target, flags, 0o644)
    with os.fdopen(fd, "wb") as out:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > expected:
                raise HostileArchive(f"{where} is larger than its header says ({expected} bytes)")
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if written != expected:
        raise InvalidPack(f"{where} is shorter than its header says ({written} of {expected} bytes)")
    return written, digest.hexdigest()


def extract(path: Path | str, dest: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[PackInfo, dict[str, str]]:
    """Validate ``path`` and extract its folder's contents into ``dest`` (which must not exist yet).

    The archive is checked again on the same open handle that extraction reads, so what was
    validated is what gets written. Returns the pack info and ``{relative path: sha256}`` of every
    file written (paths relative to the pack folder, with ``/``). On error, ``dest`` may hold a
    partial tree: the caller owns it and removes it.
    """
    path = Path(path)
    source = path.name
    with _open_zip(path) as zf:
        info, infos = _inspect(zf, source, limits)
        dest.mkdir(mode=0o755)
        root = dest.resolve()
        hashes: dict[str, str] = {}
        total = 0
        for entry in infos:
            rel_parts = _entry_parts(entry, source)[1:]
            if not rel_parts:
                continue
            target = root.joinpath(*rel_parts)
            if entry.is_dir():
                target.mkdir(mode=0o755, parents=True, exist_ok=True)
                continue
            target.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
            if not target.parent.resolve().is_relative_to(root):
                raise HostileArchive(f"{source}: entry {entry.filename!r} resolves outside the pack folder")
            where = f"{source}: entry {entry.filename!r}"
            try:
                with zf.open(entry) as src:
                    written, digest = _copy_entry(src, target, entry.file_size, where)
            except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError) as err:
                raise InvalidPack(f"{where} is damaged ({err})") from err
            except OSError as err:
                if err.errno is not None:
                    raise  # the disk, not the archive: the caller reports it
                raise InvalidPack(f"{where} is damaged ({err})") from err
            total += written
            if total > limits.max_total_bytes:
                raise HostileArchive(
                    f"{source}: unpacks to more than the limit of {limits.max_total_bytes} bytes"
                )
            hashes[str(PurePosixPath(*rel_parts))] = digest
    return info, hashes
