"""Identifier fidelity on a held-back set: how many identifiers come out of translation byte for
byte, per direction, and whether any invented number goes unreported.

The messages are generated fresh (``bench/fidelity_messages.py``) with a seed other than the one
of the test set in the repository, into a temporary folder outside it, and translated with the
fixture packs (no translation memory). An identifier counts as kept when it occurs in the output
exactly as often as in the source *in place*, that is not only in the "[...]" the engine appends
for tokens the model dropped (those are counted separately as "reported lost"). A number is
invented when a digit run of the output occurs nowhere in the source; it is "silent" when the
result's ``invented`` field does not name it.

Run: .venv/bin/python bench/fidelity.py [--seed 20261204] [--count 60]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "packs"
sys.path.insert(0, str(ROOT / "bench"))


def measure(messages: list[dict[str, object]]) -> dict[str, dict[str, int]]:
    from liaison.translation.engine import Engine

    engine = Engine()
    stats: dict[str, dict[str, int]] = {}
    for message in messages:
        direction = str(message["direction"])
        source, target = direction.split("_")
        text = str(message["source"])
        result = engine.translate(text, source, target)
        row = stats.setdefault(
            direction,
            {"messages": 0, "identifiers": 0, "kept": 0, "reported_lost": 0, "invented": 0, "silent": 0},
        )
        row["messages"] += 1
        for ident in message["identifiers"]:  # type: ignore[attr-defined]
            value = ident["value"]
            row["identifiers"] += 1
            if any(value in lost or lost in value for lost in result.lost):
                row["reported_lost"] += 1  # appended in brackets, not in place
            elif result.text.count(value) == text.count(value):
                row["kept"] += 1
        known = set(re.findall(r"\d+", text))
        invented = {d for d in re.findall(r"\d+", result.text) if d not in known}
        row["invented"] += len(invented)
        row["silent"] += len(invented - set(result.invented))
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--count", type=int, default=60, help="messages per direction")
    parser.add_argument("--unseen", action="store_true", help="sentence shapes the packs never learnt")
    args = parser.parse_args()
    if args.seed == 11:
        parser.error("seed 11 made the test set in the repository: use another one")
    work = Path(tempfile.mkdtemp(prefix="liaison-bench-fidelity-"))
    os.environ["LIAISON_TRANSLATION_DIR"] = str(work / "translation")

    from fidelity_messages import generate

    from liaison.translation import packs

    for pair in ("en_fr", "fr_en", "es_en"):
        packs.install(next(FIXTURES.glob(f"translate-{pair}-*.argosmodel")))
    messages = generate(args.seed, args.count, args.unseen)
    held_back = work / "held-back.jsonl"
    held_back.write_text(
        "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in messages), encoding="utf-8"
    )
    stats = measure(messages)
    kind = "sentence shapes the packs never learnt" if args.unseen else "sentence shapes of the packs' domain"
    print(f"held-back set: {held_back} (seed {args.seed}, {len(messages)} messages, {kind})")
    print(
        f"{'direction':<10} {'msgs':>5} {'ids':>5} {'kept':>6} {'kept %':>7} {'lost*':>6} "
        f"{'invented':>9} {'silent':>7}"
    )
    total = {"identifiers": 0, "kept": 0, "silent": 0}
    for direction, row in stats.items():
        share = 100.0 * row["kept"] / max(row["identifiers"], 1)
        print(
            f"{direction:<10} {row['messages']:>5} {row['identifiers']:>5} {row['kept']:>6} {share:>6.1f}% "
            f"{row['reported_lost']:>6} {row['invented']:>9} {row['silent']:>7}"
        )
        for key in total:
            total[key] += row[key]
    print(
        f"all: {100.0 * total['kept'] / max(total['identifiers'], 1):.1f}% kept byte for byte "
        "(target >= 95 % "
        f"per direction); invented numbers passed silently: {total['silent']} (target 0)"
    )
    print("* lost: dropped by the model, reported on the result and appended in brackets")


if __name__ == "__main__":
    main()
