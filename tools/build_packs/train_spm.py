"""Train the shared SentencePiece (BPE) model of one pair (source + target text together).

One model serves both sides, as Argos Translate expects (``sentencepiece.model`` in the
package). ``⟦`` and ``⟧`` are user-defined symbols and digits are split into single pieces
so that placeholders like ``⟦12⟧`` and numbers can be copied digit by digit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import sentencepiece as spm
from common import PAIRS, SPM_VOCAB_SIZE, Pair, read_lines
from sentencepiece import sentencepiece_model_pb2

SPECIAL_IDS = {"unk_id": 0, "bos_id": 1, "eos_id": 2, "pad_id": 3}
USER_SYMBOLS = ["⟦", "⟧"]


def train_spm(pair: Pair, data_dir: Path, out_dir: Path, vocab_size: int = SPM_VOCAB_SIZE) -> Path:
    """Train ``out_dir/sentencepiece.model`` on the pair's training text; return its path."""
    lines: list[str] = []
    for lang in (pair.src, pair.tgt):
        lines.extend(read_lines(data_dir / f"train.{lang}"))
    # Sorted and de-duplicated: the model does not depend on the direction of the pair.
    text = sorted(set(lines))
    out_dir.mkdir(parents=True, exist_ok=True)
    spm_input = out_dir / "spm_input.txt"
    spm_input.write_text("".join(line + "\n" for line in text), encoding="utf-8")

    spm.SentencePieceTrainer.train(
        input=str(spm_input),
        model_prefix=str(out_dir / "sentencepiece"),
        model_type="bpe",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        split_digits=True,
        user_defined_symbols=USER_SYMBOLS,
        normalization_rule_name="nmt_nfkc",
        num_threads=1,
        minloglevel=2,
        **SPECIAL_IDS,
    )
    model = out_dir / "sentencepiece.model"
    _drop_paths(model)
    _check(model, text)
    return model


def _drop_paths(model: Path) -> None:
    """The model records the training input and output paths; replace them by bare file
    names so that the file does not depend on the work directory (reproducible builds)."""
    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(model.read_bytes())
    del proto.trainer_spec.input[:]
    proto.trainer_spec.input.append("spm_input.txt")
    proto.trainer_spec.model_prefix = "sentencepiece"
    model.write_bytes(proto.SerializeToString())


def _check(model: Path, lines: list[str]) -> None:
    """Round-trip every training sentence and make sure no piece is unknown."""
    sp = spm.SentencePieceProcessor(model_file=str(model))
    for piece in USER_SYMBOLS + [str(d) for d in range(10)]:
        if sp.piece_to_id(piece) == sp.unk_id():
            raise RuntimeError(f"piece {piece!r} missing from the SentencePiece vocabulary")
    for line in lines:
        ids = sp.encode(line)
        if sp.unk_id() in ids:
            raise RuntimeError(f"unknown piece in {line!r}")
        if sp.decode(ids) != line:
            raise RuntimeError(f"SentencePiece round trip changed {line!r} -> {sp.decode(ids)!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pair", required=True, choices=sorted(PAIRS))
    parser.add_argument("--data", type=Path, required=True, help="pair corpus directory")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--vocab-size", type=int, default=SPM_VOCAB_SIZE)
    args = parser.parse_args(argv)
    model = train_spm(PAIRS[args.pair], args.data, args.out, args.vocab_size)
    print(model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
