"""Train the tiny Transformer of one pair on the CPU (one thread, fixed seeds).

Writes ``<out>/model.pt`` (state dict + configs) and ``<out>/train_log.json``
(timing, losses, greedy exact match on the training set).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import math
import sys
import time
from pathlib import Path

import sentencepiece as spm
import torch
from common import PAIRS, ModelConfig, Pair, TrainConfig, read_lines, seed_everything
from model import TinyTransformer, count_parameters
from torch.nn import functional as F


def configure_torch(threads: int = 1) -> None:
    """One thread (another engineer uses the other core) and deterministic kernels."""
    torch.set_num_threads(threads)
    with contextlib.suppress(RuntimeError):  # already set in this process
        torch.set_num_interop_threads(1)
    torch.use_deterministic_algorithms(True)


def load_pairs(pair: Pair, data_dir: Path, split: str = "train") -> tuple[list[str], list[str]]:
    src = read_lines(data_dir / f"{split}.{pair.src}")
    tgt = read_lines(data_dir / f"{split}.{pair.tgt}")
    if len(src) != len(tgt):
        raise ValueError(f"{split}: {len(src)} source lines but {len(tgt)} target lines")
    return src, tgt


@dataclasses.dataclass(frozen=True)
class Encoded:
    """A corpus encoded with the pair's SentencePiece model."""

    src: list[list[int]]
    tgt: list[list[int]]
    bos: int
    eos: int
    pad: int

    def __len__(self) -> int:
        return len(self.src)


def encode_corpus(sp: spm.SentencePieceProcessor, src_text: list[str], tgt_text: list[str]) -> Encoded:
    return Encoded(
        [sp.encode(s) for s in src_text],
        [sp.encode(t) for t in tgt_text],
        sp.bos_id(),
        sp.eos_id(),
        sp.pad_id(),
    )


def _pad(seqs: list[list[int]], pad_id: int) -> torch.Tensor:
    width = max(len(s) for s in seqs)
    return torch.tensor([s + [pad_id] * (width - len(s)) for s in seqs], dtype=torch.long)


def make_batch(enc: Encoded, idx: list[int]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Source ids, decoder input ``<s> y`` and decoder target ``y </s>`` (padded)."""
    src = _pad([enc.src[i] for i in idx], enc.pad)
    tgt_in = _pad([[enc.bos, *enc.tgt[i]] for i in idx], enc.pad)
    tgt_out = _pad([[*enc.tgt[i], enc.eos] for i in idx], enc.pad)
    return src, tgt_in, tgt_out


def train_step(
    model: TinyTransformer,
    optimizer: torch.optim.Optimizer,
    batch: tuple[torch.Tensor, torch.Tensor, torch.Tensor],
    pad: int,
    label_smoothing: float,
) -> tuple[float, int]:
    """One optimiser step; returns (mean token loss, number of target tokens)."""
    src, tgt_in, tgt_out = batch
    logits = model(src, tgt_in)
    loss = F.cross_entropy(
        logits.reshape(-1, logits.shape[-1]),
        tgt_out.reshape(-1),
        ignore_index=pad,
        label_smoothing=label_smoothing,
    )
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    return float(loss.detach()), int((tgt_out != pad).sum())


def lr_at(step: int, total: int, cfg: TrainConfig) -> float:
    """Linear warm-up then linear decay to zero."""
    if step < cfg.warmup_steps:
        return cfg.lr * (step + 1) / cfg.warmup_steps
    return cfg.lr * max(0.0, (total - step) / max(1, total - cfg.warmup_steps))


def make_optimizer(model: TinyTransformer, tcfg: TrainConfig) -> torch.optim.AdamW:
    """AdamW; no weight decay on biases and LayerNorm parameters."""
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        (no_decay if param.ndim < 2 or "norm" in name else decay).append(param)
    return torch.optim.AdamW(
        [{"params": decay, "weight_decay": tcfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=tcfg.lr,
        betas=(0.9, 0.98),
        eps=1e-9,
    )


def run_epochs(name: str, model: TinyTransformer, enc: Encoded, tcfg: TrainConfig) -> list[float]:
    """The main training loop; returns the mean token loss of every epoch."""
    optimizer = make_optimizer(model, tcfg)
    total_steps = math.ceil(len(enc) / tcfg.batch_size) * tcfg.epochs
    gen = torch.Generator().manual_seed(tcfg.seed)
    losses: list[float] = []
    step = 0
    start = time.perf_counter()
    model.train()
    for epoch in range(tcfg.epochs):
        order = torch.randperm(len(enc), generator=gen).tolist()
        epoch_loss, epoch_tokens = 0.0, 0
        for b in range(0, len(enc), tcfg.batch_size):
            for group in optimizer.param_groups:
                group["lr"] = lr_at(step, total_steps, tcfg)
            loss, ntok = train_step(
                model,
                optimizer,
                make_batch(enc, order[b : b + tcfg.batch_size]),
                enc.pad,
                tcfg.label_smoothing,
            )
            step += 1
            epoch_loss += loss * ntok
            epoch_tokens += ntok
        losses.append(epoch_loss / epoch_tokens)
        if (epoch + 1) % 10 == 0 or epoch == 0:
            print(
                f"[{name}] epoch {epoch + 1:4d}/{tcfg.epochs} loss {losses[-1]:.4f} "
                f"({time.perf_counter() - start:.0f}s)",
                flush=True,
            )
    return losses


def greedy_exact(model: TinyTransformer, sp: spm.SentencePieceProcessor, enc: Encoded) -> int:
    """How many training targets greedy decoding in PyTorch reproduces exactly."""
    model.eval()
    ok = 0
    for b in range(0, len(enc), 64):
        src = _pad(enc.src[b : b + 64], enc.pad)
        hyps = model.greedy(src, enc.bos, enc.eos)
        ok += sum(int(sp.decode(h) == sp.decode(r)) for h, r in zip(hyps, enc.tgt[b : b + 64], strict=True))
    return ok


def train(
    pair: Pair,
    data_dir: Path,
    spm_model: Path,
    out_dir: Path,
    mcfg: ModelConfig,
    tcfg: TrainConfig,
    threads: int = 1,
) -> dict[str, object]:
    configure_torch(threads)
    seed_everything(tcfg.seed)
    sp = spm.SentencePieceProcessor(model_file=str(spm_model))
    enc = encode_corpus(sp, *load_pairs(pair, data_dir))
    longest = max(*(len(s) for s in enc.src), *(len(t) + 1 for t in enc.tgt))
    if longest > mcfg.max_positions:
        raise ValueError(f"a training sentence has {longest} pieces > {mcfg.max_positions}")

    model = TinyTransformer(sp.get_piece_size(), mcfg, pad_id=enc.pad)
    start, cpu_start = time.perf_counter(), time.process_time()
    losses = run_epochs(pair.name, model, enc, tcfg)
    train_seconds = time.perf_counter() - start
    train_cpu_seconds = time.process_time() - cpu_start
    greedy_ok = greedy_exact(model, sp, enc)

    out_dir.mkdir(parents=True, exist_ok=True)
    torch.save(
        {
            "state_dict": model.state_dict(),
            "model_config": dataclasses.asdict(mcfg),
            "vocab_size": sp.get_piece_size(),
            "pad_id": enc.pad,
        },
        out_dir / "model.pt",
    )
    n = len(enc)
    log: dict[str, object] = {
        "pair": pair.name,
        "train_pairs": n,
        "parameters": count_parameters(model),
        "epochs": tcfg.epochs,
        "steps": math.ceil(n / tcfg.batch_size) * tcfg.epochs,
        "threads": threads,
        "train_seconds": round(train_seconds, 1),
        "train_cpu_seconds": round(train_cpu_seconds, 1),
        "final_loss": round(losses[-1], 4),
        "greedy_train_exact": greedy_ok,
        "model_config": dataclasses.asdict(mcfg),
        "train_config": dataclasses.asdict(tcfg),
        "losses": [round(x, 4) for x in losses],
    }
    (out_dir / "train_log.json").write_text(json.dumps(log, indent=1), encoding="utf-8")
    print(
        f"[{pair.name}] trained {n} pairs, {log['parameters']} parameters, "
        f"{train_seconds:.0f}s, greedy exact match {greedy_ok}/{n}",
        flush=True,
    )
    return log


def load_model(checkpoint: Path) -> TinyTransformer:
    data = torch.load(checkpoint, map_location="cpu", weights_only=True)
    model = TinyTransformer(
        int(data["vocab_size"]), ModelConfig(**data["model_config"]), pad_id=int(data["pad_id"])
    )
    model.load_state_dict(data["state_dict"])
    model.eval()
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", required=True, choices=sorted(PAIRS))
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--spm", type=Path, required=True, help="sentencepiece.model")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    train(
        PAIRS[args.pair],
        args.data,
        args.spm,
        args.out,
        ModelConfig(),
        TrainConfig(epochs=args.epochs),
        args.threads,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
