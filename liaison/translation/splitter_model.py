"""A rule-based MiniSBD sentence splitter, written as ONNX bytes without the ``onnx`` package.

argos-translate-lt splits sentences with MiniSBD, which downloads a model from the internet on the
first translation unless the pack ships ``minisbd/<anything>.onnx``. Real packs from the public
Argos index do not, so the importer adds this one. It is generated here, at install time, rather
than shipped per language, because its metadata must name the pack's source language and packs
exist for languages we cannot list in advance. The ``onnx`` package is a build-time tool with a
large dependency footprint, so the few protobuf messages needed are encoded by hand below.

The graph is the same as ``tools/build_packs/minisbd_onnx.py`` (see translation.md §3): MiniSBD
feeds ``units`` (int64 [B, N], one id per character, ``<PAD>`` = 0, ``<UNK>`` = 1) and
``features`` (float32 [B, N, F]) and takes the argmax of logits [B, N, 5] (0 inside a token,
1 end of token, 2 end of sentence). A character ends a sentence when it is ``. ! ? …`` and the
next character is a space or the end of the text; every other character ends a token. So
"12.5" or "www.example.org" stay whole; MiniSBD's own rules also protect e-mail addresses and URLs.
"""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterable, Sequence

TERMINATORS = (".", "!", "?", "…")
SPACE = " "  # MiniSBD maps every whitespace character to a plain space before lookup
ID2UNIT = ("<PAD>", "<UNK>", SPACE, *TERMINATORS)
LOGIT = 10.0
OPSET = 13
IR_VERSION = 7  # readable by old and new onnxruntime releases
PRODUCER = "liaison-build-packs"  # same bytes as tools/build_packs/minisbd_onnx.py writes

_LANG_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")

# ONNX TensorProto.DataType values
_FLOAT = 1
_INT64 = 7
# ONNX AttributeProto.AttributeType values
_ATTR_INT = 2
_ATTR_STRING = 3


# --- protobuf wire format: just what the ONNX messages below need -------------------------------


def _varint(value: int) -> bytes:
    if value < 0:
        value += 1 << 64  # int64 fields: two's complement, ten bytes
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def _key(field: int, wire_type: int) -> bytes:
    return _varint(field << 3 | wire_type)


def _int(field: int, value: int) -> bytes:
    return _key(field, 0) + _varint(value)


def _bytes(field: int, value: bytes) -> bytes:
    return _key(field, 2) + _varint(len(value)) + value


def _str(field: int, value: str) -> bytes:
    return _bytes(field, value.encode("utf-8"))


def _msgs(field: int, messages: Iterable[bytes]) -> bytes:
    return b"".join(_bytes(field, m) for m in messages)


# --- ONNX messages (field numbers from onnx.proto3) ---------------------------------------------


def _tensor(name: str, data_type: int, dims: Sequence[int], values: Sequence[float]) -> bytes:
    """TensorProto with little-endian ``raw_data``, as ``numpy_helper.from_array`` writes it."""
    fmt = f"<{len(values)}{'q' if data_type == _INT64 else 'f'}"
    raw = struct.pack(fmt, *(int(v) if data_type == _INT64 else float(v) for v in values))
    dims_part = b"".join(_int(1, d) for d in dims)
    return dims_part + _int(2, data_type) + _str(8, name) + _bytes(9, raw)


def _attr_int(name: str, value: int) -> bytes:
    return _str(1, name) + _int(3, value) + _int(20, _ATTR_INT)


def _attr_str(name: str, value: str) -> bytes:
    return _str(1, name) + _bytes(4, value.encode("utf-8")) + _int(20, _ATTR_STRING)


def _node(op: str, inputs: Sequence[str], outputs: Sequence[str], attrs: Sequence[bytes] = ()) -> bytes:
    body = b"".join(_str(1, i) for i in inputs) + b"".join(_str(2, o) for o in outputs)
    return body + _str(4, op) + _msgs(5, attrs)


def _value_info(name: str, elem_type: int, dims: Sequence[int | str]) -> bytes:
    shape = _msgs(1, (_int(1, d) if isinstance(d, int) else _str(2, d) for d in dims))
    tensor_type = _int(1, elem_type) + _bytes(2, shape)
    return _str(1, name) + _bytes(2, _bytes(1, tensor_type))


def _metadata(lang: str) -> dict[str, str]:
    unit2id = {unit: i for i, unit in enumerate(ID2UNIT)}
    config = {
        "feat_funcs": ["space_before"],
        "max_seqlen": 1000,
        "batch_size": 1,
        "skip_newline": False,
        "use_dictionary": False,
        "num_dict_feat": 0,
    }
    vocab = {
        "lang": lang,
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_unit2id": unit2id,
        "_id2unit": list(ID2UNIT),
    }
    return {
        "lang_code": lang,
        "config": json.dumps(config, sort_keys=True),
        "vocab": json.dumps(vocab, sort_keys=True, ensure_ascii=False),
        "lexicon": "null",
    }


def splitter_onnx(lang: str) -> bytes:
    """Serialized ONNX ``ModelProto`` of the rule-based splitter whose metadata names ``lang``."""
    if not _LANG_RE.match(lang):
        raise ValueError(f"not a language code for a sentence splitter: {lang!r}")
    n = len(ID2UNIT)
    is_term = [1.0 if unit in TERMINATORS else 0.0 for unit in ID2UNIT]
    is_gap = [1.0 if unit in ("<PAD>", SPACE) else 0.0 for unit in ID2UNIT]  # may follow an end
    initializers = [
        _tensor("is_terminator", _FLOAT, [n], is_term),
        _tensor("is_gap", _FLOAT, [n], is_gap),
        _tensor("one", _INT64, [1], [1]),
        _tensor("big", _INT64, [1], [2**62]),
        _tensor("axis1", _INT64, [1], [1]),
        _tensor("pad_next", _INT64, [4], [0, 0, 0, 1]),
        _tensor("last_axis", _INT64, [1], [-1]),
        _tensor("eos_logits", _FLOAT, [5], [0, 0, LOGIT, 0, 0]),
        _tensor("eot_logits", _FLOAT, [5], [0, LOGIT, 0, 0, 0]),
        _tensor("zero", _FLOAT, [], [0.0]),
    ]
    nodes = [
        # next_units[b, i] = units[b, i + 1], padding id 0 after the last character
        _node("Slice", ["units", "one", "big", "axis1"], ["units_tail"]),
        _node("Pad", ["units_tail", "pad_next"], ["next_units"], [_attr_str("mode", "constant")]),
        _node("Gather", ["is_terminator", "units"], ["term"], [_attr_int("axis", 0)]),
        _node("Gather", ["is_gap", "next_units"], ["gap"], [_attr_int("axis", 0)]),
        _node("Mul", ["term", "gap"], ["eos"]),  # [B, N] in {0, 1}
        _node("Unsqueeze", ["eos", "last_axis"], ["eos3"]),  # [B, N, 1]
        _node("Sub", ["eos_logits", "eot_logits"], ["delta"]),
        _node("Mul", ["eos3", "delta"], ["scaled"]),
        _node("Add", ["scaled", "eot_logits"], ["rule_logits"]),
        # Touch `features` so the declared input is part of the graph: adds exactly 0.
        _node("ReduceSum", ["features", "last_axis"], ["feat_sum"], [_attr_int("keepdims", 1)]),
        _node("Mul", ["feat_sum", "zero"], ["feat_zero"]),
        _node("Add", ["rule_logits", "feat_zero"], ["logits"]),
    ]
    graph = (
        _msgs(1, nodes)
        + _str(2, f"minisbd_rules_{lang}")
        + _msgs(5, initializers)
        + _bytes(11, _value_info("units", _INT64, ["batch", "chars"]))
        + _bytes(11, _value_info("features", _FLOAT, ["batch", "chars", "feats"]))
        + _bytes(12, _value_info("logits", _FLOAT, ["batch", "chars", 5]))
    )
    opset = _str(1, "") + _int(2, OPSET)
    metadata = _msgs(14, (_str(1, k) + _str(2, v) for k, v in _metadata(lang).items()))
    return (
        _int(1, IR_VERSION)
        + _str(2, PRODUCER)
        + _str(3, "1")
        + _bytes(7, graph)
        + _bytes(8, opset)
        + metadata
    )
