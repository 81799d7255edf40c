"""Build a tiny rule-based sentence splitter in the MiniSBD ONNX format.

argos-translate-lt 1.12.1 splits sentences with MiniSBD and downloads a model from the
internet on first use unless the package ships ``minisbd/<anything>.onnx``. This script writes
such a file without any training: the graph is a couple of table look-ups.

MiniSBD feeds ``units`` (int64 [B, N], one id per character, ``<PAD>`` = 0, ``<UNK>`` = 1) and
``features`` (float32 [B, N, F]) and takes the argmax of the output logits [B, N, 5]:
0 = inside a token, 1 = end of token, 2 = end of sentence (3/4 = multi-word-token variants).

Rule: a character ends a sentence when it is ``.``, ``!``, ``?`` or ``…`` **and** the next
character is a space or the end of the text (padding); every other character ends a token.
So "12.5", "www.example.org" or "MLA-2024/117" are not split, while "Arrested. Released."
is. MiniSBD's own regular expressions additionally protect e-mail addresses and URLs.
The ``features`` input (``space_before``) is accepted but not needed by the rule.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import onnx
from minisbd import SBDetect
from onnx import TensorProto, helper, numpy_helper

TERMINATORS = [".", "!", "?", "…"]
SPACE = " "  # MiniSBD maps every whitespace character to a plain space before lookup
ID2UNIT = ["<PAD>", "<UNK>", SPACE, *TERMINATORS]
LOGIT = 10.0
OPSET = 13
IR_VERSION = 7  # readable by old and new onnxruntime releases


def build_model(lang: str) -> onnx.ModelProto:
    """Return the ONNX ``ModelProto`` for language ``lang``."""
    unit2id = {u: i for i, u in enumerate(ID2UNIT)}
    is_term = np.zeros(len(ID2UNIT), dtype=np.float32)
    for t in TERMINATORS:
        is_term[unit2id[t]] = 1.0
    is_gap = np.zeros(len(ID2UNIT), dtype=np.float32)  # what may follow a sentence end
    is_gap[unit2id["<PAD>"]] = 1.0
    is_gap[unit2id[SPACE]] = 1.0

    inits = [
        numpy_helper.from_array(is_term, "is_terminator"),
        numpy_helper.from_array(is_gap, "is_gap"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "one"),
        numpy_helper.from_array(np.array([2**62], dtype=np.int64), "big"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([0, 0, 0, 1], dtype=np.int64), "pad_next"),
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "last_axis"),
        numpy_helper.from_array(np.array([0, 0, LOGIT, 0, 0], dtype=np.float32), "eos_logits"),
        numpy_helper.from_array(np.array([0, LOGIT, 0, 0, 0], dtype=np.float32), "eot_logits"),
        numpy_helper.from_array(np.array(0.0, dtype=np.float32), "zero"),
    ]
    nodes = [
        # next_units[b, i] = units[b, i + 1], padding id 0 after the last character
        helper.make_node("Slice", ["units", "one", "big", "axis1"], ["units_tail"]),
        helper.make_node("Pad", ["units_tail", "pad_next"], ["next_units"], mode="constant"),
        helper.make_node("Gather", ["is_terminator", "units"], ["term"], axis=0),
        helper.make_node("Gather", ["is_gap", "next_units"], ["gap"], axis=0),
        helper.make_node("Mul", ["term", "gap"], ["eos"]),  # [B, N] in {0, 1}
        helper.make_node("Unsqueeze", ["eos", "last_axis"], ["eos3"]),  # [B, N, 1]
        helper.make_node("Sub", ["eos_logits", "eot_logits"], ["delta"]),
        helper.make_node("Mul", ["eos3", "delta"], ["scaled"]),
        helper.make_node("Add", ["scaled", "eot_logits"], ["rule_logits"]),
        # Touch `features` so the input is part of the graph: adds exactly 0.
        helper.make_node("ReduceSum", ["features", "last_axis"], ["feat_sum"], keepdims=1),
        helper.make_node("Mul", ["feat_sum", "zero"], ["feat_zero"]),
        helper.make_node("Add", ["rule_logits", "feat_zero"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes,
        f"minisbd_rules_{lang}",
        inputs=[
            helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "chars"]),
            helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", "chars", "feats"]),
        ],
        outputs=[helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "chars", 5])],
        initializer=inits,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="liaison-build-packs",
        producer_version="1",
    )
    model.ir_version = IR_VERSION
    config = {
        "feat_funcs": ["space_before"],
        "max_seqlen": 1000,
        "batch_size": 1,
        "skip_newline": False,
        "use_dictionary": False,
        "num_dict_feat": 0,
    }
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False, "_unit2id": unit2id, "_id2unit": ID2UNIT}
    meta = {
        "lang_code": lang,
        "config": json.dumps(config, sort_keys=True),
        "vocab": json.dumps(vocab, sort_keys=True, ensure_ascii=False),
        "lexicon": "null",
    }
    for key, value in meta.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    return model


def write_minisbd(lang: str, out_path: Path) -> Path:
    """Write the splitter for ``lang`` and check it with MiniSBD itself."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(build_model(lang), str(out_path))
    self_test(out_path)
    return out_path


SELF_TEST: list[tuple[str, list[str]]] = [
    (
        "The suspect was arrested in Lyon. The victim was injured.",
        ["The suspect was arrested in Lyon.", "The victim was injured."],
    ),
    ("Is he in custody? Yes! Thank you…", ["Is he in custody?", "Yes!", "Thank you…"]),
    (
        "The amount is 12.5 euros. See www.example.org today.",
        ["The amount is 12.5 euros.", "See www.example.org today."],
    ),
    ("Write to john.doe@example.com please. Thanks.", ["Write to john.doe@example.com please.", "Thanks."]),
    ("Reference MLA-2024/117 ⟦1⟧. Done", ["Reference MLA-2024/117 ⟦1⟧.", "Done"]),
    ("No final stop", ["No final stop"]),
]


def self_test(path: Path) -> None:
    """Run MiniSBD's real inference code on the model; raise if a split is wrong."""
    detector = SBDetect(str(path), use_gpu=False, max_threads=1)
    for text, expected in SELF_TEST:
        got = detector.sentences(text)
        if got != expected:
            raise RuntimeError(f"minisbd self-test failed for {text!r}: {got!r} != {expected!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", required=True)
    parser.add_argument("--out", type=Path, required=True, help="output .onnx path")
    args = parser.parse_args(argv)
    print(write_minisbd(args.lang, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
