"""Shared configuration for the Liaison test-pack builder."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

TOOL_DIR = Path(__file__).resolve().parent
REPO_ROOT = TOOL_DIR.parent.parent

LANG_NAMES: dict[str, str] = {"en": "English", "fr": "French", "es": "Spanish"}

# Bump when the corpus, the model recipe or the package layout changes.
PACKAGE_VERSION = "0.1"
ARGOS_VERSION = "1.9.0"  # minimum argostranslate metadata version we target

CORPUS_SEED = 1234
TRAIN_SEED = 20240312
SPM_VOCAB_SIZE = 1300


@dataclass(frozen=True)
class Pair:
    """One translation direction."""

    name: str  # "en_fr"
    src: str
    tgt: str

    @property
    def from_name(self) -> str:
        return LANG_NAMES[self.src]

    @property
    def to_name(self) -> str:
        return LANG_NAMES[self.tgt]

    @property
    def package_dir_name(self) -> str:
        return f"translate-{self.src}_{self.tgt}-{PACKAGE_VERSION.replace('.', '_')}"

    @property
    def archive_name(self) -> str:
        return f"{self.package_dir_name}.argosmodel"


PAIRS: dict[str, Pair] = {
    "en_fr": Pair("en_fr", "en", "fr"),
    "fr_en": Pair("fr_en", "fr", "en"),
    "es_en": Pair("es_en", "es", "en"),
}


@dataclass(frozen=True)
class ModelConfig:
    """Hyper-parameters of the tiny pre-norm Transformer (maps 1:1 onto TransformerSpec)."""

    d_model: int = 128
    heads: int = 4
    ffn: int = 256
    enc_layers: int = 2
    dec_layers: int = 2
    max_positions: int = 512
    dropout: float = 0.1
    layer_norm_eps: float = 1e-6


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 150
    batch_size: int = 32
    lr: float = 1e-3
    warmup_steps: int = 200
    label_smoothing: float = 0.1
    weight_decay: float = 0.01
    seed: int = TRAIN_SEED


def seed_everything(seed: int) -> None:
    """Seed Python's RNG (and numpy/torch when importable) for reproducible builds."""
    random.seed(seed)
    try:
        import numpy as np  # noqa: PLC0415  (the corpus scripts run without numpy/torch)

        np.random.seed(seed)
    except ImportError:  # pragma: no cover
        pass
    try:
        import torch  # noqa: PLC0415  (the corpus scripts run without numpy/torch)

        torch.manual_seed(seed)
    except ImportError:  # pragma: no cover
        pass


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def write_lines(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for line in lines:
        if "\n" in line or "\t" in line:
            raise ValueError(f"line contains a newline or tab: {line!r}")
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
