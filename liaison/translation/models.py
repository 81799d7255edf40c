"""One installed Argos pack, loaded for batched translation.

Tokenisation and package loading are argostranslate's own (``Package``, its tokenizer, its target
prefix rule); the model is driven with ``ctranslate2.Translator.translate_batch`` directly, with the
options argostranslate uses, so a whole document goes through in one batched call instead of one
call per paragraph (argos' ``translate`` cannot return per-sentence results, which the
translation memory needs).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liaison.translation import runtime

BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
MAX_BATCH_TOKENS = 32 * 64


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

    def translate_batch(self, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        tokenizer = self.package.tokenizer
        prefix = self.package.target_prefix
        tokenized = [tokenizer.encode(s) for s in sentences]
        with self._lock:
            results = self.translator.translate_batch(
                tokenized,
                target_prefix=[[prefix]] * len(tokenized) if prefix else None,
                **translate_options(),
            )
        outputs = []
        for result in results:
            value = tokenizer.decode(result.hypotheses[0])
            if prefix and value.startswith(prefix):
                value = value[len(prefix) :]
            outputs.append(value.strip())
        return outputs
