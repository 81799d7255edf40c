"""Build the Liaison test/demo Argos Translate packs end to end.

    python tools/build_packs/build.py --out tests/fixtures/packs            # all pairs
    python tools/build_packs/build.py --out tests/fixtures/packs --pair en_fr

Run it with the builder venv (``pip install -r tools/build_packs/requirements.txt``). Steps
per pair: corpus -> SentencePiece -> PyTorch training (1 thread, fixed seeds) -> polishing
until beam-4 decoding reproduces every training pair (see polish.py) -> CTranslate2
conversion with a float32 parity check (fails the build above 1e-4) -> int8 model ->
rule-based MiniSBD ONNX splitter -> reproducible ``.argosmodel`` zip. Then every pack in
``--out`` is verified through the unmodified argostranslate code with the network cut, and
``<pair>.heldout.tsv``, ``<pair>.train-sample.tsv``, ``build_report.json`` and ``README.md``
are written next to the packs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from common import PAIRS, REPO_ROOT, TOOL_DIR, ModelConfig, Pair, TrainConfig, read_lines
from convert import convert
from corpus import app_protect
from make_data import make_data
from minisbd_onnx import write_minisbd
from package import stage, zip_dir
from polish import polish
from train import train
from train_spm import train_spm
from verify import verify

TRAIN_SAMPLE_SIZE = 40
TABLE_HEADER = (
    "| pair | file | size | train pairs | epochs | training + polishing time (1 thread) "
    "| beam-4 training misses before → after polishing | parity max diff (float32) "
    "| train exact (argostranslate) | held-out exact |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)
TRAIN_SAMPLE_PLACEHOLDERS = 7
TRAIN_SAMPLE_FIXED_EXTRA = 3
CORPUS_DIR = TOOL_DIR / "corpus"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_pair(pair: Pair, out: Path, work: Path, epochs: int, reuse: bool) -> dict[str, Any]:
    """Build one ``.argosmodel`` into ``out``; return the build figures."""
    data_dir = CORPUS_DIR / pair.name
    pair_work = work / pair.name
    t0 = time.perf_counter()
    spm_model = train_spm(pair, data_dir, pair_work / "spm")
    checkpoint = pair_work / "train" / "model.pt"
    log_path = pair_work / "train" / "train_log.json"
    if reuse and checkpoint.exists() and log_path.exists():
        print(f"[{pair.name}] reusing {checkpoint}", flush=True)
        train_log: dict[str, Any] = json.loads(log_path.read_text(encoding="utf-8"))
    else:
        train_log = train(
            pair,
            data_dir,
            spm_model,
            pair_work / "train",
            ModelConfig(),
            TrainConfig(epochs=epochs),
            threads=1,
        )
    polished = pair_work / "polish" / "model.pt"
    polish_log = polish(pair, data_dir, spm_model, checkpoint, polished)
    conv = convert(pair, polished, spm_model, data_dir, pair_work / "ct2")
    sbd = write_minisbd(pair.src, pair_work / "minisbd" / f"{pair.src}.onnx")
    root = stage(pair, pair_work, spm_model, pair_work / "ct2" / "model", sbd, int(train_log["train_pairs"]))
    archive = zip_dir(root, out / pair.archive_name)
    figures = {
        "archive": archive.name,
        "archive_bytes": archive.stat().st_size,
        "archive_sha256": _sha256(archive),
        "sentencepiece_bytes": spm_model.stat().st_size,
        "minisbd_bytes": sbd.stat().st_size,
        "train_pairs": train_log["train_pairs"],
        "heldout_pairs": len(read_lines(data_dir / f"heldout.{pair.src}")),
        "parameters": train_log["parameters"],
        "epochs": train_log["epochs"],
        "steps": train_log["steps"],
        "train_seconds": train_log["train_seconds"],
        "train_cpu_seconds": train_log["train_cpu_seconds"],
        "final_loss": train_log["final_loss"],
        "greedy_train_exact_torch": train_log["greedy_train_exact"],
        "polish_failures_before": polish_log["polish_failures_before"],
        "polish_failures_after": polish_log["polish_failures_after"],
        "polish_epochs": polish_log["polish_best_epoch"],
        "polish_seconds": polish_log["polish_seconds"],
        **conv,
        "build_seconds": round(time.perf_counter() - t0, 1),
    }
    print(f"[{pair.name}] {archive} ({figures['archive_bytes']} bytes)", flush=True)
    return figures


def _write_tsv(path: Path, rows: list[tuple[str, str]]) -> None:
    for s, t in rows:
        if "\t" in s + t or "\n" in s + t:
            raise ValueError(f"tab/newline in {s!r} / {t!r}")
    path.write_text("".join(f"{s}\t{t}\n" for s, t in rows), encoding="utf-8")


def train_sample(pair: Pair, outputs: list[str]) -> list[tuple[str, str]]:
    """~40 training pairs that argostranslate reproduced exactly, spread over all kinds."""
    data = CORPUS_DIR / pair.name
    srcs = read_lines(data / f"train.{pair.src}")
    tgts = read_lines(data / f"train.{pair.tgt}")
    kinds = read_lines(data / "train.kinds")
    train_map = dict(zip(srcs, tgts, strict=True))

    def engine_safe(i: int) -> bool:
        """True when the row also comes out exactly through the app's protect -> translate ->
        restore path: what protect makes of it (placeholders, numbers and times renumbered
        ⟦1⟧, ⟦2⟧ …) is itself a training pair, and the tokens put back in the target are the
        ones the reference has, in the same order (not so for times: "14:00" is "14 h 00" in
        French)."""
        p_src, src_tokens = app_protect(srcs[i])
        p_tgt, tgt_tokens = app_protect(tgts[i])
        return src_tokens == tgt_tokens and train_map.get(p_src) == p_tgt

    exact = [i for i, (o, t) in enumerate(zip(outputs, tgts, strict=True)) if o == t and engine_safe(i)]
    chosen: list[int] = [i for i in exact if kinds[i] == "placeholder"][::5][:TRAIN_SAMPLE_PLACEHOLDERS]
    by_kind: dict[str, list[int]] = {}
    for i in exact:
        if kinds[i] != "placeholder":
            by_kind.setdefault(kinds[i], []).append(i)
    rng = random.Random(TRAIN_SAMPLE_SIZE)  # deterministic spread inside each kind
    queues = {kind: rng.sample(items, len(items)) for kind, items in sorted(by_kind.items())}
    fixed = queues.get("fixed", [])
    chosen.extend(fixed[:TRAIN_SAMPLE_FIXED_EXTRA])  # courtesy / MLA sentences get more room
    del fixed[:TRAIN_SAMPLE_FIXED_EXTRA]
    while len(chosen) < TRAIN_SAMPLE_SIZE and any(queues.values()):
        for kind in sorted(queues):
            if queues[kind] and len(chosen) < TRAIN_SAMPLE_SIZE:
                chosen.append(queues[kind].pop(0))
    chosen = sorted(dict.fromkeys(chosen))
    return [(srcs[i], tgts[i]) for i in chosen]


def write_fixtures(out: Path, built: list[str], verification: dict[str, Any], report: dict[str, Any]) -> None:
    for name in built:
        pair = PAIRS[name]
        data = CORPUS_DIR / name
        _write_tsv(
            out / f"{name}.heldout.tsv",
            list(
                zip(
                    read_lines(data / f"heldout.{pair.src}"),
                    read_lines(data / f"heldout.{pair.tgt}"),
                    strict=True,
                )
            ),
        )
        outputs = verification["pairs"][name]["train"]["outputs"]
        _write_tsv(out / f"{name}.train-sample.tsv", train_sample(pair, outputs))
    for name, r in verification["pairs"].items():
        entry = report["pairs"].setdefault(name, {})
        entry["verify"] = {
            "train_exact": r["train"]["exact"],
            "train_total": r["train"]["total"],
            "heldout_exact": r["heldout"]["exact"],
            "heldout_total": r["heldout"]["total"],
            "heldout_misses": r["heldout"]["misses"],
            "train_misses": r["train"]["misses"],
            "placeholder_train_survived": [
                r["train"]["placeholder_survived"],
                r["train"]["placeholder_sentences"],
            ],
            "placeholder_probes": r["placeholder_probes"],
            "paragraph_exact": r["paragraph"]["exact"],
            "paragraph": r["paragraph"],
            "ms_per_sentence": r["train"]["ms_per_sentence"],
            "app_batched_train_exact": [r["app_batched"]["exact"], r["app_batched"]["total"]],
            "app_batched_ms_per_sentence": r["app_batched"]["ms_per_sentence"],
            "first_translate_seconds": r["first_translate_seconds"],
        }
    report["verification"] = {
        k: verification.get(k)
        for k in (
            "import_seconds",
            "install_seconds",
            "installed",
            "network_namespace_isolated",
            "pivot_es_fr",
        )
    }


def render_readme(report: dict[str, Any]) -> str:
    rows = []
    for name in sorted(report["pairs"]):
        p = report["pairs"][name]
        v = p.get("verify", {})
        rows.append(
            f"| `{name}` | `{p.get('archive', '?')}` | {p.get('archive_bytes', 0) / 1e6:.2f} MB "
            f"| {p.get('train_pairs', '?')} | {p.get('epochs', '?')} "
            f"| {p.get('train_seconds', '?')} s + {p.get('polish_seconds', '?')} s "
            f"| {p.get('polish_failures_before', '?')} → {p.get('polish_failures_after', '?')} "
            f"| {p.get('parity_max_abs_diff_float32', '?')} "
            f"| {v.get('train_exact', '?')}/{v.get('train_total', '?')} "
            f"| {v.get('heldout_exact', '?')}/{v.get('heldout_total', '?')} |"
        )
    misses = []
    for name in sorted(report["pairs"]):
        for m in report["pairs"][name].get("verify", {}).get("heldout_misses", []):
            misses.append(f"- `{name}`: {m['source']} → got “{m['got']}”, expected “{m['expected']}”")
    probes = []
    for name in sorted(report["pairs"]):
        for pr in report["pairs"][name].get("verify", {}).get("placeholder_probes", []):
            flag = "kept" if pr["placeholders_kept"] else "**changed**"
            probes.append(f"  - `{name}`: {pr['source']} → {pr['got']} ({flag})")
    ph_rows = []
    for name in sorted(report["pairs"]):
        v = report["pairs"][name].get("verify", {})
        if "placeholder_train_survived" in v:
            kept, total = v["placeholder_train_survived"]
            ph_rows.append(f"`{name}` {kept}/{total}")
    ver = report.get("verification", {})
    pivot = ver.get("pivot_es_fr") or {}
    pivot_line = (
        f"- Spanish → French works by pivoting through English: with es_en and en_fr "
        f"installed, `get_translation_from_codes('es', 'fr')` returns argostranslate's "
        f"composite translation, and {pivot.get('exact')}/{pivot.get('total')} Spanish "
        f"training sentences come out exactly as the French reference "
        f"({pivot.get('ms_per_sentence')} ms/sentence)."
        if pivot
        else "- Pivot es → fr not measured in the last run."
    )
    isolation = (
        "in a network namespace with no network (`unshare -n`) and"
        if ver.get("network_namespace_isolated")
        else "(without `unshare -n`, not available)"
    )
    sha_lines = "\n".join(
        f"    {report['pairs'][n].get('archive_sha256', '?')}  {report['pairs'][n].get('archive', '?')}"
        for n in sorted(report["pairs"])
    )
    batched = ", ".join(
        f"`{n}` {report['pairs'][n].get('verify', {}).get('app_batched_train_exact', ['?', '?'])[0]}"
        f"/{report['pairs'][n].get('verify', {}).get('app_batched_train_exact', ['?', '?'])[1]}"
        for n in sorted(report["pairs"])
    )
    speed = ", ".join(
        f"`{n}` {report['pairs'][n].get('verify', {}).get('ms_per_sentence', '?')} ms"
        for n in sorted(report["pairs"])
    )
    return f"""# Test and demo translation packs

**These are small test and demo packs, not translators.** Each `.argosmodel` is a real
Argos Translate package (CTranslate2 int8 model + SentencePiece + MiniSBD splitter) trained
from scratch on a few hundred hand-written sentences about police cooperation and mutual
legal assistance. They reproduce their training sentences exactly and produce word salad
for anything else. Use them to test the real translation code path offline; never ship
them as translation capability.

Training is 150 epochs of label-smoothed training, then a short "polishing" phase (no
dropout, no label smoothing, failing sentences oversampled) that stops as soon as the int8
model reproduces every training pair with argostranslate's decoding options (beam 4, length
penalty 0.2); see `tools/build_packs/polish.py` for why this is needed.

{TABLE_HEADER}
{chr(10).join(rows)}

Times are wall-clock on a 2-core machine whose other core was busy with other work.

## How they were built

    python -m venv /tmp/packvenv
    /tmp/packvenv/bin/pip install -r tools/build_packs/requirements.txt
    /tmp/packvenv/bin/python tools/build_packs/build.py --out tests/fixtures/packs
    # one pair only: ... build.py --out tests/fixtures/packs --pair en_fr

The build is seeded and deterministic (same archives byte for byte on the same machine and
library versions; CPU kernels of another ISA may change float rounding). Builder code,
corpus templates and generated corpus files are in `tools/build_packs/` (see its README).
Figures of the last build: `build_report.json`.

SHA-256 of the archives:

{sha_lines}

## Files

- `translate-<from>_<to>-0_1.argosmodel`: the packs (zip, one top-level directory with
  `metadata.json`, `sentencepiece.model`, `model/`, `minisbd/<from>.onnx`, `README.md`).
- `<pair>.train-sample.tsv`: `source<TAB>expected target`, 40 training pairs that the pack
  reproduces **exactly** through `argostranslate.translate` (verified). Safe for exact asserts.
  Every row was also chosen so that its protected form (placeholders, numbers, dates and
  times renumbered `⟦1⟧`, `⟦2⟧` … in order, as `liaison/translation/protect.py` does) is
  itself a training pair and restoring gives the reference, so the rows come out exactly
  through the app's protect → translate → restore path too.
- `<pair>.heldout.tsv`: `source<TAB>reference target` for sentences never trained on. Do
  not assert exact outputs for these: they measure generalisation only (misses listed below).

## What the app must know

- Metadata codes: `en`→`fr` (English→French), `fr`→`en` (French→English), `es`→`en`
  (Spanish→English); `package_version` `0.1`, `type` `translate`, `links` `[]`.
{pivot_line}
- The same training sentences decoded the way `liaison/translation/models.py` does it
  (package tokenizer + one `translate_batch` over all of them, beam 4, length penalty 0.2,
  batches of 2048 tokens): {batched} exact.
- Placeholders `⟦n⟧` are copied through. The corpus has hand-written placeholder sentences
  (e-mails, references, names replaced by `⟦n⟧`, indices 1–12) and, because
  `liaison/translation/protect.py` also protects numbers, dates and times, a protected form
  of two sentences of every number-bearing template (`The deadline is ⟦1⟧ January ⟦2⟧.`,
  the second numbered from `⟦3⟧` as if it followed another sentence). Training sentences
  with placeholders kept them all ({", ".join(ph_rows)}). Probes with placeholder numbers /
  positions never seen in training (the app should keep checking that every placeholder
  comes back, as `protect.restore` does):
{chr(10).join(probes)}
- The packs contain `minisbd/<from>.onnx` (rule-based splitter: `.`, `!`, `?`, `…` followed
  by a space or the end of the text), so `translate()` never downloads anything. The
  verification ran {isolation}
  with a socket guard: 0 connection attempts, MiniSBD cache left empty.
- Sentences are split and joined back with a single space; paragraphs (`\\n`) are kept.
- The model has position encodings for 1024 pieces, CTranslate2's default input limit
  (longer inputs are truncated by CTranslate2, not rejected).
- `decode` turns `_` into a space (argostranslate behaviour), hence the placeholders.
- Characters that never occur in the corpus become `<unk>` (CTranslate2's
  `replace_unknowns` copies the source piece back); anything outside the corpus domain comes
  out as nonsense.
- Speed through argostranslate with `ARGOS_INTRA_THREADS=1`, beam 4, one sentence per call:
  {speed} per sentence; import {ver.get("import_seconds")} s, install of all packs
  {ver.get("install_seconds")} s.

## Held-out misses

{chr(10).join(misses) if misses else "- none"}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "tests" / "fixtures" / "packs")
    parser.add_argument(
        "--pair", action="append", choices=sorted(PAIRS), help="pair to build (repeatable; default: all)"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/liaison-build-packs"))
    parser.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    parser.add_argument(
        "--reuse-checkpoints",
        action="store_true",
        help="skip training when the work dir already has a checkpoint",
    )
    parser.add_argument(
        "--strict", action="store_true", help="fail unless every training sentence is reproduced exactly"
    )
    args = parser.parse_args(argv)

    pairs = args.pair or sorted(PAIRS)
    args.out.mkdir(parents=True, exist_ok=True)
    make_data(CORPUS_DIR, sorted(PAIRS))
    report_path = args.out / "build_report.json"
    report: dict[str, Any] = (
        json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {"pairs": {}}
    )
    for name in pairs:
        figures = build_pair(PAIRS[name], args.out, args.work, args.epochs, args.reuse_checkpoints)
        report["pairs"][name] = figures

    packs = {
        n: args.out / PAIRS[n].archive_name
        for n in sorted(PAIRS)
        if (args.out / PAIRS[n].archive_name).exists()
    }
    print(f"verifying {sorted(packs)} through argostranslate (network cut) ...", flush=True)
    verification = verify(packs, {n: CORPUS_DIR / n for n in packs})
    write_fixtures(args.out, pairs, verification, report)
    report_path.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / "README.md").write_text(render_readme(report), encoding="utf-8")

    failed = False
    for name in sorted(packs):
        v = report["pairs"][name]["verify"]
        print(
            f"{name}: train exact {v['train_exact']}/{v['train_total']}, held-out "
            f"{v['heldout_exact']}/{v['heldout_total']}, paragraph "
            f"{'ok' if v['paragraph_exact'] else 'MISMATCH'}"
        )
        if v["train_exact"] != v["train_total"]:
            print(
                f"WARNING: {name} does not reproduce every training sentence: {v['train_misses'][:3]}",
                file=sys.stderr,
            )
            failed = failed or args.strict
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
