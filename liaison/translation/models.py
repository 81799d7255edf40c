"""One installed Argos pack, loaded for batched translation.

Tokenisation and package loading are argostranslate's own (``Package``, its tokenizer, its target
prefix rule); the model is driven with ``ctranslate2.Translator.translate_batch`` directly, with the
options argostranslate uses, so a whole document goes through in one batched call instead of one
call per paragraph (argos' ``translate`` cannot return per-sentence results, which the
translation memory needs).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liaison.translation import runtime

BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
MAX_BATCH_TOKENS = 32 * 64
N_BEST = 4
# The packs' position tables hold 1024 pieces, CTranslate2's default input limit; the engine cuts
# segments into pieces of a few dozen pieces at clause boundaries long before that, so no input
# reaches the limit where CTranslate2 would silently truncate it.
MODEL_MAX_TOKENS = 1024


@dataclass(frozen=True)
class Hypothesis:
    """One candidate translation with the model's confidence in it: the geometric mean of its token
    probabilities (0..1), from CTranslate2's length-normalised log-probability score."""

    text: str
    confidence: float
    truncated: bool  # decoding stopped at the length limit, not at end of sentence


def _confidence(score: float, length: int) -> float:
    steps = length + 1  # the end-of-sentence token is scored too
    return math.exp(score * steps**LENGTH_PENALTY / steps)


def decoding_limit(input_tokens: int) -> int:
    """Output allowance from the input's length (translations rarely run past twice the source)."""
    return min(MODEL_MAX_TOKENS, 2 * input_tokens + 16)


@dataclass(frozen=True)
class PackRef:
    from_code: str
    to_code: str
    version: str
    path: Path

    @property
    def pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"


def translate_options() -> dict[str, Any]:
    """The decoding options, shared with the benchmark's direct ctranslate2 baseline."""
    return {
        "beam_size": BEAM_SIZE,
        "num_hypotheses": 1,
        "length_penalty": LENGTH_PENALTY,
        "replace_unknowns": True,
        "max_batch_size": MAX_BATCH_TOKENS,
        "batch_type": "tokens",
    }


class LoadedPack:
    def __init__(self, ref: PackRef) -> None:
        import ctranslate2  # noqa: PLC0415  (heavy; loaded only when translating)

        self.ref = ref
        self.package = runtime.argos("package").Package(ref.path)
        self.translator = ctranslate2.Translator(
            str(ref.path / "model"), device="cpu", inter_threads=1, intra_threads=1
        )
        self._lock = threading.Lock()
        self._encoded: dict[str, list[str]] = {}

    def _encode(self, text: str) -> list[str]:
        """Tokenised once per text: the engine measures a segment's length, then translates it."""
        found = self._encoded.get(text)
        if found is None:
            if len(self._encoded) > 4096:
                self._encoded.clear()
            found = self._encoded[text] = self.package.tokenizer.encode(text)
        return found

    def count_tokens(self, text: str) -> int:
        return len(self._encode(text))

    def translate_batch(self, sentences: list[str]) -> list[str]:
        """The best translation of each sentence."""
        return [found[0].text for found in self.translate_nbest(sentences, 1)]

    def translate_nbest(self, sentences: list[str], n: int = N_BEST) -> list[list[Hypothesis]]:
        """Up to ``n`` distinct hypotheses per sentence, best first, with confidences. The output
        allowance is set per batch from its longest input, and any hypothesis that reached it is
        marked truncated."""
        if not sentences:
            return []
        tokenizer = self.package.tokenizer
        prefix = self.package.target_prefix
        tokenized = [self._encode(s) for s in sentences]
        limit = decoding_limit(max(len(t) for t in tokenized))
        options = translate_options() | {
            "num_hypotheses": max(1, min(n, BEAM_SIZE)),
            "return_scores": True,
            "max_decoding_length": limit,
        }
        with self._lock:
            results = self.translator.translate_batch(
                tokenized, target_prefix=[[prefix]] * len(tokenized) if prefix else None, **options
            )
        outputs = []
        for result in results:
            found: list[Hypothesis] = []
            for pieces, score in zip(result.hypotheses, result.scores, strict=True):
                value = tokenizer.decode(pieces)
                if prefix and value.startswith(prefix):
                    value = value[len(prefix) :]
                value = value.strip()
                if all(h.text != value for h in found):
                    found.append(Hypothesis(value, _confidence(score, len(pieces)), len(pieces) >= limit))
            outputs.append(found)
        return outputs
