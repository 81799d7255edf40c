"""Convert a trained checkpoint to CTranslate2 and check parity with PyTorch.

The PyTorch modules map 1:1 onto ``ctranslate2.specs.TransformerSpec``:

=====================================  =============================================
PyTorch (model.py)                     TransformerSpec
=====================================  =============================================
embeddings.weight                      encoder.embeddings[0].weight,
                                       decoder.embeddings.weight,
                                       decoder.projection.weight (tied)
output_bias                            decoder.projection.bias
position_encodings                     {encoder,decoder}.position_encodings.encodings
encoder_layers[i].self_attention       encoder.layer[i].self_attention
  .layer_norm / .linear[0] (QKV) / [1]   .layer_norm / .linear[0] / .linear[1]
encoder_layers[i].ffn                  encoder.layer[i].ffn (layer_norm, linear_0/1)
encoder_norm                           encoder.layer_norm
decoder_layers[i].attention            decoder.layer[i].attention
  .linear[0] (Q) / [1] (KV) / [2]        .linear[0] / .linear[1] / .linear[2]
decoder_norm                           decoder.layer_norm
=====================================  =============================================

A float32 conversion is scored with ``Translator.score_batch`` and compared token by token
with the PyTorch log-probabilities; the build fails when the maximum absolute difference
exceeds the tolerance (1e-4). The int8 model that ships in the package is then written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
import torch
from common import PAIRS, ModelConfig, Pair, read_lines
from model import TinyTransformer, sinusoidal_table
from train import configure_torch, load_model

PARITY_TOLERANCE = 1e-4
# CTranslate2 truncates inputs at max_input_length=1024 tokens by default (argostranslate does
# not change it) and raises for positions beyond the table, so export 1024 positions although
# training only used the first 512 rows of the same sinusoidal function.
CT2_POSITIONS = 1024


def _np(t: torch.Tensor) -> np.ndarray:
    return np.ascontiguousarray(t.detach().cpu().numpy().astype(np.float32))


def _set_linear(spec: ctranslate2.specs.LayerSpec, linear: torch.nn.Linear) -> None:
    spec.weight = _np(linear.weight)
    spec.bias = _np(linear.bias)


def _set_norm(spec: ctranslate2.specs.LayerSpec, norm: torch.nn.LayerNorm) -> None:
    spec.gamma = _np(norm.weight)
    spec.beta = _np(norm.bias)


def build_spec(model: TinyTransformer, pieces: list[str]) -> ctranslate2.specs.TransformerSpec:
    """Return a validated ``TransformerSpec`` filled with the model's weights."""
    cfg: ModelConfig = model.cfg
    spec = ctranslate2.specs.TransformerSpec.from_config(
        (cfg.enc_layers, cfg.dec_layers),
        cfg.heads,
        pre_norm=True,
        activation=ctranslate2.specs.Activation.RELU,
    )
    spec.config.layer_norm_epsilon = cfg.layer_norm_eps

    emb = _np(model.embeddings.weight)
    trained = model.position_encodings
    table = sinusoidal_table(max(CT2_POSITIONS, trained.shape[0]), cfg.d_model)
    if not torch.equal(table[: trained.shape[0]], trained):
        raise RuntimeError("the model's position table is not the sinusoidal function")
    pos = _np(table)
    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = emb
    enc.position_encodings.encodings = pos
    for layer_spec, layer in zip(enc.layer, model.encoder_layers, strict=True):
        _set_norm(layer_spec.self_attention.layer_norm, layer.self_attention.layer_norm)
        _set_linear(layer_spec.self_attention.linear[0], layer.self_attention.linear[0])
        _set_linear(layer_spec.self_attention.linear[1], layer.self_attention.linear[1])
        _set_norm(layer_spec.ffn.layer_norm, layer.ffn.layer_norm)
        _set_linear(layer_spec.ffn.linear_0, layer.ffn.linear_0)
        _set_linear(layer_spec.ffn.linear_1, layer.ffn.linear_1)
    _set_norm(enc.layer_norm, model.encoder_norm)

    dec.embeddings.weight = emb
    dec.position_encodings.encodings = pos
    for layer_spec, layer in zip(dec.layer, model.decoder_layers, strict=True):
        _set_norm(layer_spec.self_attention.layer_norm, layer.self_attention.layer_norm)
        _set_linear(layer_spec.self_attention.linear[0], layer.self_attention.linear[0])
        _set_linear(layer_spec.self_attention.linear[1], layer.self_attention.linear[1])
        _set_norm(layer_spec.attention.layer_norm, layer.attention.layer_norm)
        _set_linear(layer_spec.attention.linear[0], layer.attention.linear[0])
        _set_linear(layer_spec.attention.linear[1], layer.attention.linear[1])
        _set_linear(layer_spec.attention.linear[2], layer.attention.linear[2])
        _set_norm(layer_spec.ffn.layer_norm, layer.ffn.layer_norm)
        _set_linear(layer_spec.ffn.linear_0, layer.ffn.linear_0)
        _set_linear(layer_spec.ffn.linear_1, layer.ffn.linear_1)
    _set_norm(dec.layer_norm, model.decoder_norm)
    dec.projection.weight = emb
    dec.projection.bias = _np(model.output_bias)

    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    return spec


def save_ct2(model: TinyTransformer, pieces: list[str], out_dir: Path, quantization: str) -> Path:
    spec = build_spec(model, pieces)
    spec.optimize(quantization=quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    return out_dir


@torch.no_grad()
def torch_log_probs(
    model: TinyTransformer, src_ids: list[int], tgt_ids: list[int], bos: int, eos: int
) -> list[float]:
    src = torch.tensor([src_ids], dtype=torch.long)
    tgt_in = torch.tensor([[bos, *tgt_ids]], dtype=torch.long)
    logp = torch.log_softmax(model(src, tgt_in)[0].double(), dim=-1)
    return [float(logp[i, tok]) for i, tok in enumerate([*tgt_ids, eos])]


def parity(
    model: TinyTransformer,
    ct2_dir: Path,
    sp: spm.SentencePieceProcessor,
    pairs: list[tuple[str, str]],
    compute_type: str,
) -> float:
    """Maximum |torch log-prob - ctranslate2 log-prob| over every target token."""
    translator = ctranslate2.Translator(
        str(ct2_dir), device="cpu", compute_type=compute_type, inter_threads=1, intra_threads=1
    )
    src_tok = [sp.encode(s, out_type=str) for s, _ in pairs]
    tgt_tok = [sp.encode(t, out_type=str) for _, t in pairs]
    results = translator.score_batch(src_tok, tgt_tok)
    worst = 0.0
    for (s, t), res in zip(pairs, results, strict=True):
        ref = torch_log_probs(model, sp.encode(s), sp.encode(t), sp.bos_id(), sp.eos_id())
        got = list(res.log_probs)
        if len(got) != len(ref):
            raise RuntimeError(f"token count mismatch for {s!r}: ct2 {len(got)} vs torch {len(ref)}")
        worst = max(worst, *(abs(a - b) for a, b in zip(got, ref, strict=True)))
    return worst


def sample_pairs(pair: Pair, data_dir: Path, n: int = 32) -> list[tuple[str, str]]:
    """Every k-th training pair plus all held-out pairs (deterministic)."""
    src = read_lines(data_dir / f"train.{pair.src}")
    tgt = read_lines(data_dir / f"train.{pair.tgt}")
    step = max(1, len(src) // n)
    chosen = list(zip(src[::step], tgt[::step], strict=True))[:n]
    chosen += list(
        zip(
            read_lines(data_dir / f"heldout.{pair.src}"),
            read_lines(data_dir / f"heldout.{pair.tgt}"),
            strict=True,
        )
    )
    return chosen


def convert(
    pair: Pair,
    checkpoint: Path,
    spm_model: Path,
    data_dir: Path,
    out_dir: Path,
    tolerance: float = PARITY_TOLERANCE,
) -> dict[str, object]:
    """Write ``out_dir/model`` (int8) after a float32 parity check; return figures."""
    configure_torch(1)
    model = load_model(checkpoint)
    sp = spm.SentencePieceProcessor(model_file=str(spm_model))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    pairs = sample_pairs(pair, data_dir)

    f32_dir = save_ct2(model, pieces, out_dir / "model_float32", "float32")
    diff_f32 = parity(model, f32_dir, sp, pairs, "float32")
    print(f"[{pair.name}] parity float32: max |diff| = {diff_f32:.2e} over {len(pairs)} pairs", flush=True)
    if not diff_f32 <= tolerance:
        raise SystemExit(f"[{pair.name}] PARITY CHECK FAILED: {diff_f32:.3e} > {tolerance:.0e}")

    int8_dir = save_ct2(model, pieces, out_dir / "model", "int8")
    diff_int8 = parity(model, int8_dir, sp, pairs, "int8")
    print(f"[{pair.name}] int8 model: max |diff| vs torch = {diff_int8:.3f} (quantisation noise)", flush=True)
    figures: dict[str, object] = {
        "parity_pairs": len(pairs),
        "parity_max_abs_diff_float32": float(f"{diff_f32:.3e}"),
        "parity_tolerance": tolerance,
        "int8_max_abs_diff": round(diff_int8, 4),
        "model_bin_bytes_int8": (int8_dir / "model.bin").stat().st_size,
        "model_bin_bytes_float32": (f32_dir / "model.bin").stat().st_size,
    }
    (out_dir / "convert_log.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", required=True, choices=sorted(PAIRS))
    parser.add_argument("--checkpoint", type=Path, required=True)
    parser.add_argument("--spm", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--tolerance", type=float, default=PARITY_TOLERANCE)
    args = parser.parse_args(argv)
    print(
        json.dumps(
            convert(PAIRS[args.pair], args.checkpoint, args.spm, args.data, args.out, args.tolerance),
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
