"""Stage and zip an Argos Translate package (``.argosmodel``), byte-for-byte reproducibly.

Archive layout (exactly one top-level directory)::

    translate-<from>_<to>-<version>/
      metadata.json
      sentencepiece.model
      model/{model.bin,config.json,shared_vocabulary.json}
      minisbd/<from>.onnx
      README.md
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import zipfile
from pathlib import Path

from common import ARGOS_VERSION, PACKAGE_VERSION, PAIRS, Pair

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
MODEL_FILES = ("config.json", "model.bin", "shared_vocabulary.json")


def metadata(pair: Pair) -> dict[str, object]:
    return {
        "package_version": PACKAGE_VERSION,
        "argos_version": ARGOS_VERSION,
        "from_code": pair.src,
        "from_name": pair.from_name,
        "to_code": pair.tgt,
        "to_name": pair.to_name,
        "type": "translate",
        "links": [],
    }


def package_readme(pair: Pair, train_pairs: int) -> str:
    return f"""# Liaison test pack: {pair.from_name} → {pair.to_name} ({pair.src} → {pair.tgt})

**This is a tiny test and demo package, not a usable translator.**

It was trained from scratch on {train_pairs} hand-written sentence pairs about police
cooperation and mutual legal assistance (arrests, warrants, requests, bank and telephone
records, hearings, deadlines, courtesy formulas). It reproduces those training sentences
exactly and produces word salad for anything outside that small domain.

- Model: 2+2-layer pre-norm Transformer, d_model 128, 4 heads, FFN 256, int8 CTranslate2.
- Tokenizer: SentencePiece unigram shared by source and target (`⟦`, `⟧` user symbols,
  digits split).
- Sentence splitter: `minisbd/{pair.src}.onnx`, a rule-based MiniSBD model (splits after
  `.`, `!`, `?`, `…` followed by a space or the end of the text), so translation never
  downloads anything.
- Placeholders `⟦1⟧`, `⟦2⟧`, … in the input are copied to the output.

Built by `tools/build_packs/build.py` in the Liaison repository.
"""


def stage(pair: Pair, work: Path, spm_model: Path, ct2_dir: Path, sbd_onnx: Path, train_pairs: int) -> Path:
    """Create ``work/stage/<package_dir_name>/`` and return it."""
    root = work / "stage" / pair.package_dir_name
    if root.exists():
        shutil.rmtree(root)
    (root / "model").mkdir(parents=True)
    (root / "minisbd").mkdir()
    (root / "metadata.json").write_text(json.dumps(metadata(pair), indent=2) + "\n", encoding="utf-8")
    (root / "README.md").write_text(package_readme(pair, train_pairs), encoding="utf-8")
    shutil.copyfile(spm_model, root / "sentencepiece.model")
    for name in MODEL_FILES:
        shutil.copyfile(ct2_dir / name, root / "model" / name)
    shutil.copyfile(sbd_onnx, root / "minisbd" / f"{pair.src}.onnx")
    return root


def zip_dir(root: Path, archive: Path) -> Path:
    """Zip ``root`` (as the single top-level entry) with fixed timestamps and order."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    tmp = archive.with_suffix(archive.suffix + ".tmp")
    paths = sorted(p for p in root.rglob("*"))
    with zipfile.ZipFile(tmp, "w") as zf:
        dir_info = zipfile.ZipInfo(root.name + "/", date_time=ZIP_EPOCH)
        dir_info.external_attr = (0o40755 << 16) | 0x10
        zf.writestr(dir_info, b"")
        for path in paths:
            rel = root.name + "/" + path.relative_to(root).as_posix()
            if path.is_dir():
                info = zipfile.ZipInfo(rel + "/", date_time=ZIP_EPOCH)
                info.external_attr = (0o40755 << 16) | 0x10
                zf.writestr(info, b"")
            else:
                info = zipfile.ZipInfo(rel, date_time=ZIP_EPOCH)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes(), compresslevel=9)
    tmp.replace(archive)
    check_archive(archive)
    return archive


def check_archive(archive: Path) -> None:
    """The checks the application's importer should also make before installing."""
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) != 1:
        raise RuntimeError(f"{archive}: expected one top-level directory, got {sorted(tops)}")
    top = tops.pop()
    required = ["metadata.json", "sentencepiece.model", "README.md"]
    required += [f"model/{n}" for n in MODEL_FILES]
    for name in required:
        if f"{top}/{name}" not in names:
            raise RuntimeError(f"{archive}: missing {top}/{name}")
    if not any(n.startswith(f"{top}/minisbd/") and n.endswith(".onnx") for n in names):
        raise RuntimeError(f"{archive}: missing minisbd/*.onnx")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", required=True, choices=sorted(PAIRS))
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--spm", type=Path, required=True)
    parser.add_argument("--ct2", type=Path, required=True, help="CTranslate2 model directory")
    parser.add_argument("--sbd", type=Path, required=True, help="MiniSBD .onnx file")
    parser.add_argument("--train-pairs", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)
    pair = PAIRS[args.pair]
    root = stage(pair, args.work, args.spm, args.ct2, args.sbd, args.train_pairs)
    print(zip_dir(root, args.out / pair.archive_name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
