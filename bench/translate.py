"""Translation speed: Liaison's engine against bare ctranslate2 on the same pack, inputs and options.

Why this baseline: the engine adds token protection, segmentation, memory lookups, glossary checks
and layout rebuilding around ``ctranslate2.Translator.translate_batch``; the ratio shows what that
costs. The baseline does only what any caller must: sentencepiece encode, ``translate_batch`` with
the engine's decoding options, decode. Both use one intra-op thread.

The memory part compares the same 200-sentence document translated through a vault whose memory
is empty and through one holding ``--memory`` entries (100,000 by default, written through the real
write path as a TMX import would): sentences of the packs' corpus with one word swapped, or two of
them joined, so many entries share words with the document and some are fuzzy matches of it. The
target is a full memory at >= 0.9x the empty-memory speed.

Run: .venv/bin/python bench/translate.py [--pair en_fr] [--memory 100000] [--memory-only]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "packs"


def _timed(func: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return times


def _sentences(pair: str) -> list[str]:
    rows = (FIXTURES / f"{pair}.train-sample.tsv").read_text(encoding="utf-8").splitlines()
    return [row.split("\t")[0] for row in rows if row.strip()]


def _document_sentences(pair: str, count: int) -> list[str]:
    """``count`` distinct training sentences (the engine translates a repeated sentence once, so a
    document of repeats would flatter it against the baseline)."""
    corpus = ROOT / "tools" / "build_packs" / "corpus" / pair / f"train.{pair.split('_', maxsplit=1)[0]}"
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(dict.fromkeys(line for line in lines if "⟦" not in line))[:count]


def _first_translation_seconds(sentence: str, pair: tuple[str, str]) -> float:
    code = (
        "import time; t = time.perf_counter()\n"
        "from liaison.translation.engine import Engine\n"
        f"Engine().translate({sentence!r}, {pair[0]!r}, {pair[1]!r})\n"
        "print(time.perf_counter() - t)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ.copy()
    )
    return float(out.stdout.strip())


def _memory_entries(pair: str, count: int, avoid: list[str]) -> list[tuple[str, str]]:
    """Entries none of which is an exact match of the document (compared on the match form, so
    a variant differing only in a number is not taken either)."""
    import random

    from liaison.translation.memory import match_key

    source, target = pair.split("_")
    corpus = ROOT / "tools" / "build_packs" / "corpus" / pair
    sources = (corpus / f"train.{source}").read_text(encoding="utf-8").splitlines()
    targets = (corpus / f"train.{target}").read_text(encoding="utf-8").splitlines()
    rows = [(s, t) for s, t in zip(sources, targets, strict=True) if s.strip() and "⟦" not in s]
    words = sorted({w for s, _t in rows for w in s.split() if w.isalpha()})
    rng = random.Random(7)
    taken = {match_key(s, source).key for s in avoid}
    found: dict[str, str] = {}
    while len(found) < count:
        (s1, t1), (s2, t2) = rng.choice(rows), rng.choice(rows)
        if rng.random() < 0.5:
            parts = s1.split()
            parts[rng.randrange(len(parts))] = rng.choice(words)
            text, translation = " ".join(parts), t1
        else:
            text, translation = f"{s1.rstrip('.')}, {s2[0].lower()}{s2[1:]}", f"{t1.rstrip('.')}, {t2}"
        if match_key(text, source).key not in taken:
            found[text] = translation
    return list(found.items())


def _memory_figures(args: argparse.Namespace, work: Path, document: str, sentences: list[str]) -> None:
    from liaison.crypto.kdf import KdfProfile
    from liaison.domain import TmEntry
    from liaison.services import translation as service
    from liaison.store.vault import create_vault, unlock
    from liaison.translation.engine import Engine

    source, target = args.pair.split("_")
    engine = Engine()
    empty, _ = create_vault(work / "empty.db", "benchmark passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    full, _ = create_vault(work / "full.db", "benchmark passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    entries = _memory_entries(args.pair, args.memory, sentences)
    started = time.perf_counter()
    for start in range(0, len(entries), 1000):
        with full.transaction():
            for text, translation in entries[start : start + 1000]:
                service.memory_entries.add(
                    full, TmEntry(source_lang=source, target_lang=target, source=text, target=translation)
                )
    fill = time.perf_counter() - started
    started = time.perf_counter()
    service.resources_for(full).index(source, target)
    index = time.perf_counter() - started
    # A later session: the match forms are stored in the vault (tm_match_keys), so the index is
    # built from them; this is what an officer waits for (on the store thread, right after unlock).
    full.close()
    full = unlock(work / "full.db", "benchmark passphrase")
    started = time.perf_counter()
    service.resources_for(full).index(source, target)
    later_index = time.perf_counter() - started
    # The app: built on a worker with its own read-only connection right after unlock, then adopted
    # on the store thread, which is all a translation could have to wait for.
    full.close()
    full = unlock(work / "full.db", "benchmark passphrase")
    started = time.perf_counter()
    built = service.memory_prebuilder(full)()
    worker = time.perf_counter() - started
    started = time.perf_counter()
    service.adopt_memory(full, built)
    adopt = time.perf_counter() - started
    fuzzy = service.translate(full, engine, document, source, target)
    suggested = sum(1 for s in fuzzy.segments if s.suggestions)
    empty_t, full_t = [], []
    for _ in range(args.rounds):
        empty_t += _timed(lambda: service.translate(empty, engine, document, source, target), 1)
        full_t += _timed(lambda: service.translate(full, engine, document, source, target), 1)
    best_empty, best_full = min(empty_t), min(full_t)
    print(f"translation memory: {len(entries):,} entries ({suggested} of 200 segments get fuzzy suggestions)")
    rows = [
        ("memory filled through the write path", len(entries) / fill, "entries/s"),
        ("memory index built, keys computed (first session)", index, "s"),
        ("memory index built from stored keys (later session)", later_index, "s"),
        ("  app: built on a worker after unlock", worker, "s"),
        ("  app: adopted on the store thread (what can block)", adopt, "s"),
        ("200-sentence document, empty memory", 200 / best_empty, "sent/s"),
        (f"200-sentence document, {len(entries):,} entries", 200 / best_full, "sent/s"),
        ("  ratio full/empty speed (target >= 0.9)", best_empty / best_full, ""),
    ]
    for label, value, unit in rows:
        print(f"{label:<52} {value:10.3f} {unit}")
    empty.close()
    full.close()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pair", default="en_fr")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--memory", type=int, default=100_000, help="entries in the full memory (0: skip)")
    parser.add_argument("--memory-only", action="store_true", help="only the translation-memory figures")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    work = Path(tempfile.mkdtemp(prefix="liaison-bench-translate-"))
    os.environ["LIAISON_TRANSLATION_DIR"] = str(work / "translation")

    import ctranslate2
    import sentencepiece

    from liaison.crypto import kdf
    from liaison.crypto.kdf import KdfProfile

    kdf.allow_insecure_test_profile()  # a throwaway benchmark vault
    from liaison.services import translation as service
    from liaison.store.vault import create_vault
    from liaison.translation import packs
    from liaison.translation.engine import Engine
    from liaison.translation.models import translate_options

    source, target = args.pair.split("_")
    archive = next(FIXTURES.glob(f"translate-{args.pair}-*.argosmodel"))
    pack = packs.install(archive)
    sentences = _sentences(args.pair)
    doc_sentences = _document_sentences(args.pair, 200)
    document = " ".join(doc_sentences)

    if args.memory_only:
        _memory_figures(args, work, document, doc_sentences)
        return
    engine = Engine()
    engine.translate(sentences[0], source, target)  # load the model outside the timings
    baseline = ctranslate2.Translator(str(pack.model_dir), device="cpu", inter_threads=1, intra_threads=1)
    spm = sentencepiece.SentencePieceProcessor(model_file=str(pack.path / "sentencepiece.model"))

    def bare(batch: list[str]) -> list[str]:
        results = baseline.translate_batch(
            [spm.encode(s, out_type=str) for s in batch], **translate_options()
        )
        return [spm.decode_pieces(r.hypotheses[0]) for r in results]

    # Interleaved rounds: both sides see the same machine load, so the ratio survives a busy machine.
    single_ours_t, single_bare_t, doc_ours_t, doc_bare_t = [], [], [], []
    for _ in range(args.rounds):
        single_ours_t.append(
            sum(_timed(lambda s=s: engine.translate(s, source, target), 1)[0] for s in sentences)
        )
        single_bare_t.append(sum(_timed(lambda s=s: bare([s]), 1)[0] for s in sentences))
        doc_ours_t += _timed(lambda: engine.translate(document, source, target), 1)
        doc_bare_t += _timed(lambda: bare(doc_sentences), 1)
    single_ours, single_bare = min(single_ours_t), min(single_bare_t)
    doc_ours, doc_bare = min(doc_ours_t), min(doc_bare_t)

    vault, _code = create_vault(work / "vault.db", "benchmark passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    service.approve(vault, source, target, sentences[0], "approved translation")
    hits = _timed(lambda: service.translate(vault, engine, sentences[0], source, target), 2000)
    first = _first_translation_seconds(sentences[1], (source, target))

    n = len(sentences)
    print(
        f"pack {archive.name}, {n} single messages, 200-sentence document, best of {args.rounds} "
        "interleaved rounds"
    )
    print(f"ctranslate2 {ctranslate2.__version__}, cpu count {os.cpu_count()}")
    rows = [
        ("single messages, Liaison", n / single_ours, "sent/s"),
        ("single messages, bare ctranslate2", n / single_bare, "sent/s"),
        ("  ratio (target >= 0.8)", single_bare / single_ours, ""),
        ("200-sentence document, Liaison", 200 / doc_ours, "sent/s"),
        ("200-sentence document, bare ctranslate2", 200 / doc_bare, "sent/s"),
        ("  ratio (target >= 0.9)", doc_bare / doc_ours, ""),
        ("memory hit, median (target < 1 ms)", statistics.median(hits) * 1000, "ms"),
        ("memory hit, p95", sorted(hits)[int(len(hits) * 0.95)] * 1000, "ms"),
        ("first translation in a new process", first, "s"),
    ]
    for label, value, unit in rows:
        print(f"{label:<52} {value:10.3f} {unit}")
    vault.close()
    if args.memory:
        _memory_figures(args, work, document, doc_sentences)


if __name__ == "__main__":
    main()
