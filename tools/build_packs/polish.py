"""Polish a trained model until argostranslate's beam search reproduces every training pair.

Why this step exists: argostranslate decodes with ``beam_size=4`` and ``length_penalty=0.2``.
With a non-zero length penalty CTranslate2's beam search stops as soon as ``beam_size``
hypotheses have finished, and the best *finished* one wins. Short wrong hypotheses (for
example one that skips a word piece) finish earlier than the correct one, so a model whose
greedy output is perfect can still lose a few training sentences (typically 5-10 of ~570).

Polishing continues training from the checkpoint without dropout or label smoothing, with a
decaying learning rate, oversampling the sentences that currently fail, and checks the
CTranslate2 int8 conversion with exactly the argostranslate decoding options (one sentence
per call, beam 4, length penalty 0.2, ``replace_unknowns``) every few epochs, under both
``int8`` and ``float32`` compute types so that the result does not hinge on rounding, and
batched by tokens as the Liaison app does (padding must not change the result). It
stops at the first check where everything passes, and otherwise keeps the best checkpoint.
Deterministic: fixed seeds, one thread.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import ctranslate2
import sentencepiece as spm
import torch
from common import PAIRS, Pair, TrainConfig
from convert import save_ct2
from model import TinyTransformer
from train import Encoded, configure_torch, encode_corpus, load_model, load_pairs, make_batch, train_step

ARGOS_DECODE: dict[str, Any] = {
    "beam_size": 4,
    "length_penalty": 0.2,
    "replace_unknowns": True,
    "max_batch_size": 1,
    "batch_type": "examples",
}
# The Liaison app drives ctranslate2 directly with the same options but batches a whole
# document by tokens (liaison/translation/models.py); padding must not change the result.
APP_BATCHED_DECODE: dict[str, Any] = {**ARGOS_DECODE, "max_batch_size": 32 * 64, "batch_type": "tokens"}
CHECK_MODES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("int8", ARGOS_DECODE),
    ("float32", ARGOS_DECODE),
    ("int8", APP_BATCHED_DECODE),
)


@dataclasses.dataclass(frozen=True)
class PolishConfig:
    max_epochs: int = 60
    check_every: int = 2
    lr: float = 1e-4
    boost: int = 4  # copies of a failing sentence added per epoch, doubled while it keeps failing
    max_boost: int = 32
    seed: int = TrainConfig.seed


def beam_failures(
    model: TinyTransformer,
    sp: spm.SentencePieceProcessor,
    src: list[str],
    tgt: list[str],
    modes: tuple[tuple[str, dict[str, Any]], ...] = CHECK_MODES,
) -> list[int]:
    """Indices of training pairs the int8 CTranslate2 model does not reproduce exactly."""
    was_training = model.training
    model.eval()
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    tokens = [sp.encode(s, out_type=str) for s in src]
    bad: set[int] = set()
    with tempfile.TemporaryDirectory(prefix="polish-ct2-") as tmp:
        ct2_dir = save_ct2(model, pieces, Path(tmp), "int8")
        for compute_type, options in modes:
            translator = ctranslate2.Translator(
                str(ct2_dir), device="cpu", compute_type=compute_type, inter_threads=1, intra_threads=1
            )
            results = translator.translate_batch(tokens, **options)
            for i, (res, ref) in enumerate(zip(results, tgt, strict=True)):
                if sp.decode(res.hypotheses[0]).replace("_", " ") != ref:
                    bad.add(i)
            del translator
    model.train(was_training)
    return sorted(bad)


def _polish_epoch(
    model: TinyTransformer,
    optimizer: torch.optim.Optimizer,
    enc: Encoded,
    extra: list[int],
    rng: random.Random,
) -> None:
    order = list(range(len(enc))) + extra
    rng.shuffle(order)
    for b in range(0, len(order), 32):
        train_step(model, optimizer, make_batch(enc, order[b : b + 32]), enc.pad, 0.0)


def polish(
    pair: Pair,
    data_dir: Path,
    spm_model: Path,
    checkpoint: Path,
    out: Path,
    cfg: PolishConfig = PolishConfig(),
) -> dict[str, object]:
    """Write the polished checkpoint to ``out`` and return a log."""
    configure_torch(1)
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    sp = spm.SentencePieceProcessor(model_file=str(spm_model))
    src_text, tgt_text = load_pairs(pair, data_dir)
    enc = encode_corpus(sp, src_text, tgt_text)

    data = torch.load(checkpoint, map_location="cpu", weights_only=True)
    model = load_model(checkpoint)
    for module in model.modules():
        if isinstance(module, torch.nn.Dropout):
            module.p = 0.0
    model.train()
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=cfg.lr, betas=(0.9, 0.98), eps=1e-9, weight_decay=0.0
    )

    start = time.perf_counter()
    bad = beam_failures(model, sp, src_text, tgt_text)
    history = [{"epoch": 0, "failures": len(bad)}]
    print(f"[{pair.name}] polish: {len(bad)} training pairs fail with beam 4 before polishing", flush=True)
    best = (len(bad), 0, copy.deepcopy(model.state_dict()))
    epoch = 0
    streak: dict[int, int] = {}  # consecutive failing checks per sentence
    while bad and epoch < cfg.max_epochs:
        streak = {i: streak.get(i, 0) + 1 for i in bad}
        # Sentences that keep failing are oversampled more and more (4, 8, 16, 32 copies).
        extra = [i for i in bad for _ in range(min(cfg.max_boost, cfg.boost * 2 ** (streak[i] - 1)))]
        for _ in range(cfg.check_every):
            epoch += 1
            # constant learning rate for the first half, then linear decay to zero
            decay = min(1.0, 2.0 * (cfg.max_epochs - epoch + 1) / cfg.max_epochs)
            for group in optimizer.param_groups:
                group["lr"] = cfg.lr * decay
            _polish_epoch(model, optimizer, enc, extra, rng)
        bad = beam_failures(model, sp, src_text, tgt_text)
        history.append({"epoch": epoch, "failures": len(bad)})
        print(
            f"[{pair.name}] polish epoch {epoch}: {len(bad)} failures ({time.perf_counter() - start:.0f}s)",
            flush=True,
        )
        if len(bad) < best[0]:
            best = (len(bad), epoch, copy.deepcopy(model.state_dict()))

    failures, best_epoch, state = best
    data["state_dict"] = state
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(data, out)
    log: dict[str, object] = {
        "polish_epochs_run": epoch,
        "polish_best_epoch": best_epoch,
        "polish_failures_before": history[0]["failures"],
        "polish_failures_after": failures,
        "polish_seconds": round(time.perf_counter() - start, 1),
        "polish_history": history,
    }
    (out.parent / "polish_log.json").write_text(json.dumps(log, indent=1), encoding="utf-8")
    print(f"[{pair.name}] polish: {failures} failures left (best epoch {best_epoch})", flush=True)
    return log


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", required=True, choices=sorted(PAIRS))
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--spm", type=Path, required=True)
    parser.add_argument("--checkpoint", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True, help="polished checkpoint path")
    parser.add_argument("--max-epochs", type=int, default=PolishConfig.max_epochs)
    args = parser.parse_args(argv)
    polish(
        PAIRS[args.pair],
        args.data,
        args.spm,
        args.checkpoint,
        args.out,
        PolishConfig(max_epochs=args.max_epochs),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
