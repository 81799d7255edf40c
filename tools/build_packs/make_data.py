"""Write the aligned training / held-out corpus files for each language pair.

Layout written under ``--out`` (default ``tools/build_packs/corpus``)::

    <pair>/train.<src>   <pair>/train.<tgt>     one sentence per line, aligned
    <pair>/heldout.<src> <pair>/heldout.<tgt>   never used for training
    <pair>/train.kinds                          template name of each training line

en_fr and fr_en use the same parallel corpus, reversed. es_en uses the Spanish side of the
same trilingual corpus.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from common import CORPUS_SEED, PAIRS, TOOL_DIR, Pair, write_lines
from corpus import Example, build_corpus

WORD_RE = re.compile(r"\w+", re.UNICODE)


def _words(sentences: list[str]) -> set[str]:
    # Digits are split into single pieces by the tokenizer, so numbers are not "words".
    return {w.lower() for s in sentences for w in WORD_RE.findall(s) if not w.isdigit()}


def coverage_problems(train: list[Example], held: list[Example]) -> list[str]:
    """Words of held-out sentences that never occur in training (per language)."""
    problems: list[str] = []
    for lang in ("en", "fr", "es"):
        known = _words([ex.get(lang) for ex in train])
        for ex in held:
            missing = sorted(_words([ex.get(lang)]) - known)
            if missing:
                problems.append(f"{lang}: {ex.get(lang)!r} has unseen words {missing}")
    return problems


def write_pair(pair: Pair, train: list[Example], held: list[Example], out: Path) -> Path:
    """Write one pair's files and return its directory."""
    pair_dir = out / pair.name
    write_lines(pair_dir / f"train.{pair.src}", [ex.get(pair.src) for ex in train])
    write_lines(pair_dir / f"train.{pair.tgt}", [ex.get(pair.tgt) for ex in train])
    write_lines(pair_dir / f"heldout.{pair.src}", [ex.get(pair.src) for ex in held])
    write_lines(pair_dir / f"heldout.{pair.tgt}", [ex.get(pair.tgt) for ex in held])
    write_lines(pair_dir / "train.kinds", [ex.kind for ex in train])
    return pair_dir


def make_data(out: Path, pairs: list[str], seed: int = CORPUS_SEED, verbose: bool = True) -> None:
    train, held = build_corpus(seed)
    problems = coverage_problems(train, held)
    if problems:
        raise SystemExit("held-out coverage check failed:\n  " + "\n  ".join(problems))
    for name in pairs:
        write_pair(PAIRS[name], train, held, out)
    if verbose:
        kinds = Counter(ex.kind for ex in train)
        n_ph = sum(1 for ex in train if "⟦" in ex.en)
        print(
            f"corpus: {len(train)} training triples, {len(held)} held-out, "
            f"{n_ph} with placeholders, {len(kinds)} kinds -> {out}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TOOL_DIR / "corpus")
    parser.add_argument(
        "--pair", action="append", choices=sorted(PAIRS), help="pair(s) to write (default: all)"
    )
    parser.add_argument("--seed", type=int, default=CORPUS_SEED)
    args = parser.parse_args(argv)
    make_data(args.out, args.pair or sorted(PAIRS), args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
