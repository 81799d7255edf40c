"""Language packs: hostile archives are refused before anything is written; install, list, verify,
upgrade and remove work on real (tiny) packs; an installed pack translates offline."""

from __future__ import annotations

import json
import shutil
import stat
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from liaison.errors import LiaisonError
from liaison.translation import archive, packs, runtime
from liaison.translation.archive import HostileArchive, InvalidPack, Limits, PackError
from liaison.translation.splitter_model import splitter_onnx
from tests.conftest import NetworkBlocked
from tests.liaison.translation.conftest import TINY_OUTPUT, MakePack, metadata, write_zip

TOP = "translate-en_fr-0_1"


def tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) if root.exists() else []


@pytest.fixture
def base_entries(tiny_model: dict[str, bytes]) -> dict[str, bytes]:
    entries = {f"{TOP}/metadata.json": metadata()}
    entries.update({f"{TOP}/{rel}": data for rel, data in tiny_model.items()})
    return entries


def assert_refused(path: Path, error: type[PackError], fragment: str, translation_dir: Path) -> None:
    """Both validate and install refuse with ``fragment`` in a one-line message, writing nothing."""
    with pytest.raises(error) as caught:
        archive.validate(path)
    message = str(caught.value)
    assert fragment in message
    assert path.name in message or str(path) in message
    assert "\n" not in message
    with pytest.raises(error, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        packs.install(path)
    assert not translation_dir.exists(), tree(translation_dir)
    assert packs.list_installed() == []


# --- hostile and broken archives ----------------------------------------------------------------


def _with(entries: dict[str, bytes], changes: dict[str, bytes | None]) -> dict[str, bytes]:
    out = dict(entries)
    for name, data in changes.items():
        key = f"{TOP}/{name}"
        if data is None:
            out.pop(key)
        else:
            out[key] = data
    return out


CASES: list[tuple[str, Callable[[dict[str, bytes]], dict[str, bytes]], type[PackError], str]] = [
    ("two-tops", lambda e: {**e, "other/readme.txt": b"x"}, InvalidPack, "2 top-level entries"),
    (
        "files-at-root",
        lambda e: {k.split("/", 1)[1]: v for k, v in e.items()},
        InvalidPack,
        "top-level entries",
    ),
    ("traversal", lambda e: {**e, f"{TOP}/../evil.txt": b"x"}, HostileArchive, "'..'"),
    ("traversal-top", lambda e: {**e, "../evil.txt": b"x"}, HostileArchive, "'..'"),
    ("absolute", lambda e: {**e, "/etc/evil": b"x"}, HostileArchive, "absolute path"),
    ("backslash", lambda e: {**e, f"{TOP}\\..\\evil": b"x"}, HostileArchive, "backslash"),
    ("drive", lambda e: {**e, "C:/evil": b"x"}, HostileArchive, "drive letter"),
    (
        "duplicate",
        lambda e: {**e, f"{TOP}/README.md": b"a", f"{TOP}/readme.MD": b"b"},
        HostileArchive,
        "appears twice",
    ),
    (
        "no-metadata",
        lambda e: _with(e, {"metadata.json": None}),
        InvalidPack,
        "no translate-en_fr-0_1/metadata.json",
    ),
    (
        "metadata-not-json",
        lambda e: _with(e, {"metadata.json": b"{not json"}),
        InvalidPack,
        "metadata.json is not valid JSON",
    ),
    ("metadata-list", lambda e: _with(e, {"metadata.json": b"[]"}), InvalidPack, "not a JSON object"),
    (
        "bad-from-code",
        lambda e: _with(e, {"metadata.json": metadata("EN")}),
        InvalidPack,
        "from_code 'EN' is not an ISO 639",
    ),
    (
        "bad-to-code",
        lambda e: _with(e, {"metadata.json": metadata("en", "french")}),
        InvalidPack,
        "to_code 'french' is not an ISO 639",
    ),
    (
        "same-codes",
        lambda e: _with(e, {"metadata.json": metadata("en", "en")}),
        InvalidPack,
        "translates en into itself",
    ),
    (
        "no-version",
        lambda e: _with(e, {"metadata.json": json.dumps({"from_code": "en", "to_code": "fr"}).encode()}),
        InvalidPack,
        "no package_version",
    ),
    ("wrong-type", lambda e: _with(e, {"metadata.json": metadata(type="sbd")}), InvalidPack, "type is 'sbd'"),
    ("no-model", lambda e: _with(e, {"model/model.bin": None}), InvalidPack, "model/model.bin is missing"),
    (
        "no-config",
        lambda e: _with(e, {"model/config.json": None}),
        InvalidPack,
        "model/config.json is missing",
    ),
    ("no-tokenizer", lambda e: _with(e, {"sentencepiece.model": None}), InvalidPack, "has no tokenizer"),
]


@pytest.mark.parametrize(("name", "build", "error", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_bad_archive_is_refused_and_nothing_written(
    name: str,
    build: Callable[[dict[str, bytes]], dict[str, bytes]],
    error: type[PackError],
    fragment: str,
    base_entries: dict[str, bytes],
    tmp_path: Path,
    translation_dir: Path,
) -> None:
    path = write_zip(tmp_path / f"{name}.argosmodel", build(base_entries))
    assert_refused(path, error, fragment, translation_dir)


def _zip_with_info(path: Path, entries: dict[str, bytes], special: zipfile.ZipInfo, data: bytes) -> Path:
    write_zip(path, entries)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(special, data)
    return path


@pytest.mark.parametrize(
    ("mode", "fragment"),
    [
        (stat.S_IFLNK | 0o777, "symbolic link"),
        (stat.S_IFCHR | 0o666, "device, pipe or socket"),
        (stat.S_IFIFO | 0o644, "device, pipe or socket"),
        (stat.S_IFBLK | 0o644, "device, pipe or socket"),
    ],
    ids=["symlink", "char-device", "fifo", "block-device"],
)
def test_special_entries_are_refused(
    mode: int, fragment: str, base_entries: dict[str, bytes], tmp_path: Path, translation_dir: Path
) -> None:
    info = zipfile.ZipInfo(f"{TOP}/model/link", date_time=(2024, 1, 1, 0, 0, 0))
    info.create_system = 3
    info.external_attr = mode << 16
    path = _zip_with_info(tmp_path / "special.argosmodel", base_entries, info, b"/etc/passwd")
    assert_refused(path, HostileArchive, fragment, translation_dir)


def test_encrypted_entry_is_refused(
    base_entries: dict[str, bytes], tmp_path: Path, translation_dir: Path
) -> None:
    member = f"{TOP}/secret.bin"
    path = write_zip(tmp_path / "enc.argosmodel", {**base_entries, member: b"x"})
    data = bytearray(path.read_bytes())
    flags_at = _central_entry(data, member) + 8
    struct.pack_into("<H", data, flags_at, struct.unpack_from("<H", data, flags_at)[0] | 0x1)
    path.write_bytes(bytes(data))
    assert_refused(path, HostileArchive, "encrypted", translation_dir)


def test_zip_bomb_by_ratio(base_entries: dict[str, bytes], tmp_path: Path, translation_dir: Path) -> None:
    entries = {**base_entries, f"{TOP}/model/padding.bin": bytes(8 * 1024**2)}
    path = write_zip(tmp_path / "bomb.argosmodel", entries)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo(f"{TOP}/model/padding.bin").compress_size < 20_000
    assert_refused(path, HostileArchive, "zip bomb", translation_dir)


def test_too_many_entries(base_entries: dict[str, bytes], tmp_path: Path, translation_dir: Path) -> None:
    entries = dict(base_entries)
    entries.update({f"{TOP}/extra/{i}.txt": b"" for i in range(archive.DEFAULT_LIMITS.max_entries)})
    path = write_zip(tmp_path / "many.argosmodel", entries)
    assert_refused(path, HostileArchive, "more than the limit of 10000", translation_dir)


def test_total_size_limit(base_entries: dict[str, bytes], tmp_path: Path, translation_dir: Path) -> None:
    path = write_zip(tmp_path / "big.argosmodel", base_entries)
    small = Limits(max_total_bytes=1000)
    with pytest.raises(HostileArchive, match="more than the limit of 1000"):
        archive.validate(path, small)
    with pytest.raises(HostileArchive, match="more than the limit of 1000"):
        packs.install(path, small)
    assert not translation_dir.exists()


def test_not_a_zip_and_truncated_zip(
    base_entries: dict[str, bytes], tmp_path: Path, translation_dir: Path
) -> None:
    text = tmp_path / "notes.argosmodel"
    text.write_text("just some text\n")
    assert_refused(text, InvalidPack, "not a zip archive", translation_dir)
    good = write_zip(tmp_path / "good.argosmodel", base_entries)
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert_refused(cut, InvalidPack, "not a zip archive, or truncated", translation_dir)
    empty = tmp_path / "empty.argosmodel"
    empty.write_bytes(b"")
    assert_refused(empty, InvalidPack, "not a zip archive", translation_dir)
    with pytest.raises(InvalidPack, match="no such file"):
        packs.install(tmp_path / "missing.argosmodel")


def _central_entry(data: bytes | bytearray, member: str) -> int:
    """Offset of ``member``'s central directory record."""
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + name_len] == member.encode():
            return pos
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(f"{member} not in central directory")


def _patch_declared_size(path: Path, member: str, new_size: int) -> None:
    """Make the zip headers understate an entry's size (a lying archive)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(member).header_offset
    struct.pack_into("<I", data, local + 22, new_size)  # local file header: uncompressed size
    struct.pack_into("<I", data, _central_entry(data, member) + 24, new_size)  # central directory
    path.write_bytes(bytes(data))


def test_lying_sizes_are_caught_while_extracting(
    make_pack: MakePack, tmp_path: Path, translation_dir: Path
) -> None:
    """Headers are not trusted: extraction counts bytes (and zipfile checks the CRC)."""
    old = packs.install(make_pack(version="0.1"))
    path = make_pack(version="0.2", extra={"README.md": b"read me " * 1000})
    _patch_declared_size(path, "translate-en_fr-0_2/README.md", 100)
    archive.validate(path)  # the directory alone looks fine
    with pytest.raises(InvalidPack, match=r"README\.md"):
        packs.install(path)
    assert [p.version for p in packs.list_installed()] == ["0.1"]
    assert packs.verify() == []
    assert tree(translation_dir / packs.STAGING_DIRNAME) == []
    assert old.path.is_dir()


# --- install, list, verify, upgrade, remove -----------------------------------------------------


def test_install_list_verify_remove(make_pack: MakePack, translation_dir: Path) -> None:
    pack = packs.install(make_pack("en", "fr", "0.1"))
    assert (pack.pair, pack.version, pack.from_name, pack.to_name) == ("en_fr", "0.1", "English", "French")
    assert pack.path.parent == runtime.packages_dir()
    assert pack.added_splitter
    assert pack.model_dir.joinpath("model.bin").is_file()
    assert pack.size_bytes == sum(p.stat().st_size for p in pack.path.rglob("*") if p.is_file())
    inside = [f"packages/{pack.path.name}/{f}" for f in tree(pack.path)]
    assert tree(translation_dir) == sorted(["packages", f"packages/{pack.path.name}", *inside]), "leftovers"
    manifest = json.loads((pack.path / packs.MANIFEST_NAME).read_text())
    assert set(manifest["files"]) == {
        "metadata.json",
        "sentencepiece.model",
        "minisbd/en.onnx",
        "model/model.bin",
        "model/config.json",
        "model/shared_vocabulary.json",
    }
    assert packs.list_installed() == [pack]
    assert packs.find("en", "fr") == pack
    assert packs.find("fr", "en") is None
    assert packs.verify() == []
    removed = packs.remove("en-fr")
    assert removed == pack
    assert packs.list_installed() == []
    assert tree(translation_dir) == ["packages"]
    with pytest.raises(packs.PackNotInstalled, match="no en→fr language pack is installed"):
        packs.remove("en_fr")
    with pytest.raises(PackError, match="not a language pair"):
        packs.remove("english")


def test_verify_reports_tampering(make_pack: MakePack) -> None:
    pack = packs.install(make_pack())
    (pack.path / "model" / "config.json").write_text("{}")
    (pack.path / "sentencepiece.model").unlink()
    (pack.path / "minisbd" / "evil.onnx").write_bytes(b"x")
    problems = [str(p) for p in packs.verify()]
    assert any("en_fr: model/config.json was modified since it was installed" in p for p in problems)
    assert any("en_fr: sentencepiece.model is missing" in p for p in problems)
    assert any("en_fr: minisbd/evil.onnx was added after install" in p for p in problems)
    assert all(str(pack.path) in p for p in problems)


def test_verify_reports_unloadable_and_stray_folders(make_pack: MakePack) -> None:
    pack = packs.install(make_pack())
    stray = runtime.packages_dir() / "leftover"
    stray.mkdir()
    (runtime.packages_dir() / "notes.txt").write_text("x")
    (pack.path / "metadata.json").write_text("{broken")
    problems = [str(p) for p in packs.verify()]
    assert any(p.startswith("leftover: unloadable pack: leftover: no metadata.json") for p in problems)
    assert any("notes.txt: not a pack folder" in p for p in problems)
    assert any(p.startswith(f"{pack.path.name}: unloadable pack") and "metadata.json" in p for p in problems)
    assert packs.list_installed() == []


def test_verify_reports_foreign_pack_without_manifest_or_splitter(make_pack: MakePack) -> None:
    """A folder extracted by hand (as argostranslate's installer would) is listed but flagged."""
    with zipfile.ZipFile(make_pack("es", "en")) as zf:
        zf.extractall(runtime.packages_dir())
    folder = runtime.packages_dir() / "translate-es_en-0_1"
    assert [str(p) for p in packs.verify()] == [
        f"es_en: no sentence splitter: translating would go online ({folder})",
        f"es_en: no readable manifest: not installed by Liaison ({folder})",
    ]
    found = packs.find("es", "en")
    assert found is not None and found.path == folder
    assert found.installed_at is None and not found.added_splitter
    packs.install(make_pack("es", "en", "0.2"))  # replaces the hand-made folder too
    assert [p.version for p in packs.list_installed()] == ["0.2"]
    assert packs.verify() == []


def test_duplicate_pair_after_a_crash_is_reported_and_healed(make_pack: MakePack) -> None:
    """A crash between moving the new folder in and the old one out leaves two; the newest wins."""
    old = packs.install(make_pack(version="0.1"))
    twin = shutil.copytree(old.path, old.path.with_name("translate-en_fr-0_2"))
    problems = [str(p) for p in packs.verify()]
    assert problems == [f"en_fr: installed 2 times ({old.path.name}, {twin.name}) ({old.path.parent})"]
    assert packs.find("en", "fr") is not None
    new = packs.install(make_pack(version="0.3"))
    assert packs.list_installed() == [new]
    assert packs.verify() == []


def test_upgrade_replaces_cleanly(make_pack: MakePack, translation_dir: Path) -> None:
    old = packs.install(make_pack(version="0.1", extra={"old-only.txt": b"from 0.1"}))
    new = packs.install(make_pack(version="0.2"))
    assert [p.version for p in packs.list_installed()] == ["0.2"]
    assert not old.path.exists() or old.path == new.path
    assert not any(p.name == "old-only.txt" for p in translation_dir.rglob("*"))
    assert packs.verify() == []
    again = packs.install(make_pack(version="0.2"))  # reinstall of the same version
    assert [p.path for p in packs.list_installed()] == [again.path]
    assert packs.verify() == []
    assert tree(translation_dir / packs.STAGING_DIRNAME) == []


def test_other_pairs_are_kept(make_pack: MakePack) -> None:
    packs.install(make_pack("en", "fr"))
    packs.install(make_pack("fr", "en"))
    packs.install(make_pack("es", "en", "1.0"))
    assert [p.pair for p in packs.list_installed()] == ["en_fr", "es_en", "fr_en"]
    packs.remove("fr_en")
    assert [p.pair for p in packs.list_installed()] == ["en_fr", "es_en"]


def test_pack_that_does_not_load_keeps_the_old_version(make_pack: MakePack, translation_dir: Path) -> None:
    old = packs.install(make_pack(version="0.1"))
    broken = make_pack(version="0.2", extra={"sentencepiece.model": b"not a sentencepiece model"})
    with pytest.raises(packs.InstallError, match=r"translate-en_fr-0_2\.argosmodel: the pack does not load"):
        packs.install(broken)
    assert packs.list_installed() == [old]
    assert packs.verify() == []
    assert tree(translation_dir / packs.STAGING_DIRNAME) == []


def test_crash_leftovers_are_cleared_and_invisible(make_pack: MakePack, translation_dir: Path) -> None:
    leftover = translation_dir / packs.STAGING_DIRNAME / "install-crashed" / "pack"
    leftover.mkdir(parents=True)
    (leftover / "model.bin").write_bytes(b"half")
    packs.install(make_pack())
    assert tree(translation_dir / packs.STAGING_DIRNAME) == []


def test_pack_with_own_splitter_keeps_it(make_pack: MakePack) -> None:
    own = splitter_onnx("en")
    pack = packs.install(make_pack(splitter=True))
    assert not pack.added_splitter
    assert (pack.path / "minisbd" / "en.onnx").read_bytes() == own
    assert sorted(p.name for p in (pack.path / "minisbd").iterdir()) == ["en.onnx"]


def test_errors_are_liaison_errors() -> None:
    for error in (PackError, InvalidPack, HostileArchive, packs.PackNotInstalled, packs.InstallError):
        assert issubclass(error, LiaisonError)
    assert packs.parse_pair(" EN→fr ") == ("en", "fr")


def test_validate_reports_pack_info(make_pack: MakePack) -> None:
    info = archive.validate(make_pack("es", "en", "1.2"))
    assert (info.pair, info.version, info.from_name, info.to_name) == ("es_en", "1.2", "Spanish", "English")
    assert info.top_folder == "translate-es_en-1_2"
    assert info.tokenizer == "sentencepiece.model"
    assert not info.has_splitter
    assert info.file_count == 5
    assert archive.validate(make_pack(splitter=True)).has_splitter


# --- offline translation through the unmodified argostranslate code -----------------------------


def _translation(pack: packs.InstalledPack) -> object:
    translate = runtime.argos("translate")
    package = packs.load_package(pack)
    source = translate.Language(pack.from_code, pack.from_name)
    return translate.PackageTranslation(source, translate.Language(pack.to_code, pack.to_name), package)


SPLITS = [
    (
        "The suspect was arrested in Lyon. The victim was injured.",
        ["The suspect was arrested in Lyon.", "The victim was injured."],
    ),
    ("Is he in custody? Yes! Thank you…", ["Is he in custody?", "Yes!", "Thank you…"]),
    (
        "The amount is 12.5 euros. See www.example.org today.",
        ["The amount is 12.5 euros.", "See www.example.org today."],
    ),
    ("Write to john.doe@example.com please. Thanks.", ["Write to john.doe@example.com please.", "Thanks."]),
    ("Reference MLA-2024/117 ⟦1⟧. Done", ["Reference MLA-2024/117 ⟦1⟧.", "Done"]),
    ("No final stop", ["No final stop"]),
]


@pytest.mark.parametrize("lang", ["en", "es", "zt"])
def test_generated_splitter_loads_in_minisbd(lang: str, tmp_path: Path) -> None:
    """The ONNX bytes are written by hand (no onnx package): MiniSBD's real code must load and run them."""
    model = tmp_path / f"{lang}.onnx"
    model.write_bytes(splitter_onnx(lang))
    detector = runtime.argos("sbd").SBDetect(str(model), use_gpu=False, max_threads=1)
    assert detector.session.get_modelmeta().custom_metadata_map["lang_code"] == lang
    for text, expected in SPLITS:
        assert detector.sentences(text) == expected
    with pytest.raises(ValueError, match="not a language code"):
        splitter_onnx("../x")


def test_added_splitter_makes_translation_offline(make_pack: MakePack) -> None:
    """Under the suite's socket guard, any download attempt would raise NetworkBlocked."""
    pack = packs.install(make_pack("fr", "en"))  # no minisbd/ in the archive
    onnx = pack.path / "minisbd" / "fr.onnx"
    assert onnx.read_bytes() == splitter_onnx("fr")
    translation = _translation(pack)
    text = "Le suspect a été arrêté. La victime a été blessée ! Merci.\nCordialement"
    assert translation.translate(text) == f"{TINY_OUTPUT} {TINY_OUTPUT} {TINY_OUTPUT}\n{TINY_OUTPUT}"  # type: ignore[attr-defined]
    sentencizer = translation.sentencizer  # type: ignore[attr-defined]
    assert sentencizer.lang == str(onnx)
    assert sentencizer.lazy_detector().session.get_modelmeta().custom_metadata_map["lang_code"] == "fr"
    assert sentencizer.split_sentences("Ref. 12.5 euros sent. See www.example.org today.") == [
        "Ref.",
        "12.5 euros sent.",
        "See www.example.org today.",
    ]


def test_pack_without_splitter_would_go_online(make_pack: MakePack, tmp_path: Path) -> None:
    """The pitfall the importer fixes (translation.md §3): argostranslate alone downloads a splitter."""
    extracted = tmp_path / "raw"
    with zipfile.ZipFile(make_pack("en", "fr")) as zf:
        zf.extractall(extracted)
    package = runtime.argos("package").Package(extracted / TOP)
    translate = runtime.argos("translate")
    translation = translate.PackageTranslation(
        translate.Language("en", "English"), translate.Language("fr", "French"), package
    )
    with pytest.raises(NetworkBlocked):
        translation.translate("The suspect was arrested.")


def _training_pairs(pair: str, fixture_pack: Callable[[str], Path]) -> list[tuple[str, str]]:
    sample = fixture_pack(pair).parent / f"{pair}.train-sample.tsv"
    if not sample.is_file():
        pytest.fail(f"no {sample.name} next to the fixture pack (tools/build_packs writes it)")
    rows = [tuple(line.split("\t")) for line in sample.read_text(encoding="utf-8").splitlines() if line]
    # One sentence each, ending in ".", nothing the splitter or argos' "_" → " " decoding would touch.
    return [
        (s, t) for s, t in rows if s.endswith(".") and not any(c in s[:-1] for c in ".!?…⟦_") and "_" not in t
    ]


def test_real_fixture_pack(fixture_pack: Callable[[str], Path], tmp_path: Path) -> None:
    """A pack from tools/build_packs, stripped of its splitter like a public Argos pack, gets ours."""
    real = fixture_pack("en_fr")
    info = archive.validate(real)
    assert info.has_splitter and info.pair == "en_fr"
    with zipfile.ZipFile(real) as zf:
        shipped = zf.read(f"{info.top_folder}/minisbd/en.onnx")
        entries = {n: zf.read(n) for n in zf.namelist() if "/minisbd/" not in n and not n.endswith("/")}
    assert shipped == splitter_onnx("en"), "tools/build_packs and splitter_model no longer agree"
    stripped = write_zip(tmp_path / real.name, entries)
    pack = packs.install(stripped)
    assert pack.added_splitter and packs.verify() == []
    pairs = _training_pairs("en_fr", fixture_pack)[:2]
    assert len(pairs) == 2
    translation = _translation(pack)
    started = time.perf_counter()
    for source, target in pairs:
        assert translation.translate(source) == target  # type: ignore[attr-defined]
    got = translation.translate(" ".join(s for s, _ in pairs))  # type: ignore[attr-defined]
    assert got == " ".join(t for _, t in pairs)
    assert time.perf_counter() - started < 10


def test_zip_bomb_of_many_small_entries(
    base_entries: dict[str, bytes], tmp_path: Path, translation_dir: Path
) -> None:
    """Each entry stays under the per-entry ratio floor; together they expand a thousand times.
    Before, validation passed and staging received 880 times the file's size."""
    floor = archive.DEFAULT_LIMITS.ratio_floor
    entries = {**base_entries, **{f"{TOP}/pad/{i}.bin": bytes(floor) for i in range(64)}}
    path = write_zip(tmp_path / "confetti.argosmodel", entries)
    assert path.stat().st_size * 200 < 64 * floor
    assert_refused(path, HostileArchive, "times its packed size", translation_dir)


def test_free_space_is_checked_before_writing(
    base_entries: dict[str, bytes], tmp_path: Path, translation_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_zip(tmp_path / "ok.argosmodel", base_entries)
    real = shutil.disk_usage

    def nearly_full(folder: object) -> object:
        usage = real(folder)  # type: ignore[arg-type]
        return type(usage)(usage.total, usage.total - 1024, 1024)

    monkeypatch.setattr(archive.shutil, "disk_usage", nearly_full)
    with pytest.raises(archive.InsufficientSpace, match=r"MiB free in .* only 0 MiB left"):
        packs.install(path)
    assert not translation_dir.exists(), tree(translation_dir)
