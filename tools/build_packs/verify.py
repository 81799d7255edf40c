"""Verify built packs through the unmodified argostranslate code path, offline.

The check runs in a fresh child interpreter so that argostranslate's settings (read once,
at import) come from the environment prepared here (``ARGOS_PACKAGES_DIR``, ``XDG_*`` and
``HOME`` pointing at a temporary directory, ``ARGOS_INTRA_THREADS=1`` ...). The child runs
under ``unshare -n`` (no network namespace access) when that works, and always with a socket
guard that makes every connection attempt fail and counts it.

For every pair: exact match on all training and held-out sentences through
``get_translation_from_codes(src, tgt).translate(text)``, a multi-sentence / multi-paragraph
check, placeholder (``⟦n⟧``) survival, timing, and that MiniSBD never tried to download a
model. When es_en and en_fr are both given, Spanish → French pivoting through English is
measured too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import ctranslate2

PLACEHOLDER_RE = re.compile(r"⟦\d+⟧")

# Sentences with placeholder numbers / positions that never occur in training.
PLACEHOLDER_PROBES: dict[str, list[str]] = {
    "en": [
        "Please contact ⟦5⟧ before ⟦9⟧.",
        "Our reference is ⟦7⟧.",
        "Please reply to ⟦4⟧.",
        "The file ⟦2⟧ was sent to ⟦1⟧.",
        "See ⟦13⟧.",
    ],
    "fr": [
        "Veuillez contacter ⟦5⟧ avant ⟦9⟧.",
        "Notre référence est ⟦7⟧.",
        "Veuillez répondre à ⟦4⟧.",
        "Le dossier ⟦2⟧ a été envoyé à ⟦1⟧.",
        "Voir ⟦13⟧.",
    ],
    "es": [
        "Por favor, contacte con ⟦5⟧ antes de ⟦9⟧.",
        "Nuestra referencia es ⟦7⟧.",
        "Por favor, responda a ⟦4⟧.",
        "El expediente ⟦2⟧ fue enviado a ⟦1⟧.",
        "Véase ⟦13⟧.",
    ],
}


FIRST_SENTENCE = {"en": "Thank you.", "fr": "Merci.", "es": "Gracias."}


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


# ---------------------------------------------------------------------------
# Child side (fresh interpreter, environment already set)
# ---------------------------------------------------------------------------


def _install_socket_guard() -> list[str]:
    """Make every outgoing connection / name lookup fail; return the attempt log."""
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args[1:] if args else kwargs)[:200])
        raise OSError("network disabled by tools/build_packs/verify.py")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]
    return attempts


def _same_placeholders(src: str, out: str) -> bool:
    return sorted(PLACEHOLDER_RE.findall(src)) == sorted(PLACEHOLDER_RE.findall(out))


def _app_batched(pkg: Any, srcs: list[str], tgts: list[str]) -> dict[str, Any]:
    """The Liaison app's path: the installed package's tokenizer + one batched
    ``translate_batch`` over the whole training set (beam 4, length penalty 0.2, batches of
    2048 tokens), as in liaison/translation/models.py."""
    translator = ctranslate2.Translator(
        str(pkg.package_path / "model"), device="cpu", inter_threads=1, intra_threads=1
    )
    t1 = time.perf_counter()
    results = translator.translate_batch(
        [pkg.tokenizer.encode(s) for s in srcs],
        beam_size=4,
        num_hypotheses=1,
        length_penalty=0.2,
        replace_unknowns=True,
        max_batch_size=32 * 64,
        batch_type="tokens",
    )
    elapsed = time.perf_counter() - t1
    outs = [pkg.tokenizer.decode(r.hypotheses[0]).strip() for r in results]
    return {
        "total": len(srcs),
        "exact": sum(o == t for o, t in zip(outs, tgts, strict=True)),
        "ms_per_sentence": round(1000 * elapsed / max(1, len(srcs)), 2),
    }


def _check_split(translation: Any, srcs: list[str], tgts: list[str]) -> dict[str, Any]:
    """Translate every sentence with one ``translate()`` call each and compare."""
    t1 = time.perf_counter()
    outs = [translation.translate(s) for s in srcs]
    elapsed = time.perf_counter() - t1
    ok = [o == t for o, t in zip(outs, tgts, strict=True)]
    ph = [(s, o) for s, o in zip(srcs, outs, strict=True) if PLACEHOLDER_RE.search(s)]
    return {
        "total": len(srcs),
        "exact": sum(ok),
        "outputs": outs,
        "misses": [
            {"source": s, "expected": t, "got": o}
            for s, t, o, k in zip(srcs, tgts, outs, ok, strict=True)
            if not k
        ],
        "ms_per_sentence": round(1000 * elapsed / max(1, len(srcs)), 2),
        "placeholder_sentences": len(ph),
        "placeholder_survived": sum(_same_placeholders(s, o) for s, o in ph),
    }


def _check_pair(translation: Any, pkg: Any, data: Path, src_lang: str, tgt_lang: str) -> dict[str, Any]:
    r: dict[str, Any] = {"translation": str(translation)}
    t1 = time.perf_counter()
    r["first_translate_output"] = translation.translate(FIRST_SENTENCE[src_lang])
    r["first_translate_seconds"] = round(time.perf_counter() - t1, 3)
    for split in ("train", "heldout"):
        r[split] = _check_split(
            translation, _read(data / f"{split}.{src_lang}"), _read(data / f"{split}.{tgt_lang}")
        )
    # Several sentences in one paragraph, and several paragraphs.
    srcs = _read(data / f"train.{src_lang}")
    tgts = _read(data / f"train.{tgt_lang}")
    picks = [i for i, s in enumerate(srcs) if s.endswith((".", "?"))][::37][:6]
    para_src = " ".join(srcs[i] for i in picks[:3]) + "\n" + " ".join(srcs[i] for i in picks[3:])
    para_exp = " ".join(tgts[i] for i in picks[:3]) + "\n" + " ".join(tgts[i] for i in picks[3:])
    para_out = translation.translate(para_src)
    r["paragraph"] = {
        "source": para_src,
        "expected": para_exp,
        "got": para_out,
        "exact": para_out == para_exp,
    }
    r["placeholder_probes"] = []
    for s in PLACEHOLDER_PROBES[src_lang]:
        o = translation.translate(s)
        r["placeholder_probes"].append({"source": s, "got": o, "placeholders_kept": _same_placeholders(s, o)})
    r["app_batched"] = _app_batched(pkg, srcs, tgts)
    return r


def _check_pivot(pivot: Any, es_dir: Path, en_fr_dir: Path) -> dict[str, Any]:
    """es -> fr through argostranslate's composite (pivot) translation."""
    es_src = _read(es_dir / "train.es")
    es_en = dict(zip(es_src, _read(es_dir / "train.en"), strict=True))
    en_fr = dict(zip(_read(en_fr_dir / "train.en"), _read(en_fr_dir / "train.fr"), strict=True))
    ok = 0
    examples = []
    t1 = time.perf_counter()
    for s in es_src:
        o = pivot.translate(s) if pivot is not None else ""
        ok += int(o == en_fr[es_en[s]])
        if len(examples) < 3:
            examples.append({"source": s, "got": o})
    return {
        "translation": str(pivot),
        "total": len(es_src),
        "exact": ok,
        "examples": examples,
        "ms_per_sentence": round(1000 * (time.perf_counter() - t1) / len(es_src), 2),
    }


def child(spec_path: Path) -> int:
    attempts = _install_socket_guard()
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    # Imported only here, after the environment and the socket guard are in place:
    # argostranslate reads its settings once, at import.
    import argostranslate.package  # noqa: PLC0415
    import argostranslate.translate  # noqa: PLC0415

    result: dict[str, Any] = {"import_seconds": round(time.perf_counter() - t0, 3), "pairs": {}}
    t0 = time.perf_counter()
    for archive in spec["packs"].values():
        argostranslate.package.install_from_path(Path(archive))
    result["install_seconds"] = round(time.perf_counter() - t0, 3)
    installed = argostranslate.package.get_installed_packages()
    result["installed"] = sorted(f"{p.from_code}->{p.to_code} {p.package_version}" for p in installed)

    for name, data_dir in spec["data"].items():
        src_lang, tgt_lang = name.split("_")
        translation = argostranslate.translate.get_translation_from_codes(src_lang, tgt_lang)
        if translation is None:
            raise SystemExit(f"no translation {src_lang}->{tgt_lang} after install")
        pkg = next(p for p in installed if p.from_code == src_lang and p.to_code == tgt_lang)
        result["pairs"][name] = _check_pair(translation, pkg, Path(data_dir), src_lang, tgt_lang)

    if "es_en" in spec["data"] and "en_fr" in spec["data"]:
        result["pivot_es_fr"] = _check_pivot(
            argostranslate.translate.get_translation_from_codes("es", "fr"),
            Path(spec["data"]["es_en"]),
            Path(spec["data"]["en_fr"]),
        )

    sbd_cache = Path(os.environ["XDG_DATA_HOME"]) / "argos-translate" / "minisbd"
    result["minisbd_cache_files"] = sorted(p.name for p in sbd_cache.glob("*")) if sbd_cache.exists() else []
    result["network_attempts"] = attempts
    Path(spec["result"]).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


# ---------------------------------------------------------------------------
# Parent side
# ---------------------------------------------------------------------------


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    try:
        return (
            subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False, timeout=10).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


def verify(
    packs: dict[str, Path], data_dirs: dict[str, Path], python: str = sys.executable
) -> dict[str, Any]:
    """Run the child check and return its result (raises on failure)."""
    with tempfile.TemporaryDirectory(prefix="liaison-verify-") as tmp_s:
        tmp = Path(tmp_s)
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_")) and k not in ("HOME",)
        }
        for sub in ("packages", "data", "config", "cache", "home"):
            (tmp / sub).mkdir()
        env.update(
            {
                "HOME": str(tmp / "home"),
                "ARGOS_PACKAGES_DIR": str(tmp / "packages"),
                "XDG_DATA_HOME": str(tmp / "data"),
                "XDG_CONFIG_HOME": str(tmp / "config"),
                "XDG_CACHE_HOME": str(tmp / "cache"),
                "ARGOS_INTRA_THREADS": "1",
                "ARGOS_INTER_THREADS": "1",
                "ARGOS_DEVICE_TYPE": "cpu",
                "ARGOS_MODEL_PROVIDER": "OPENNMT",
                "OMP_NUM_THREADS": "1",
            }
        )
        spec = {
            "packs": {k: str(v.resolve()) for k, v in packs.items()},
            "data": {k: str(v.resolve()) for k, v in data_dirs.items()},
            "result": str(tmp / "result.json"),
        }
        (tmp / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
        cmd = [python, str(Path(__file__).resolve()), "--child", str(tmp / "spec.json")]
        isolated = _unshare_works()
        if isolated:
            cmd = ["unshare", "-n", *cmd]
        proc = subprocess.run(cmd, env=env, cwd=str(tmp), capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(
                f"verification child failed ({proc.returncode}):\n"
                f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
            )
        result: dict[str, Any] = json.loads((tmp / "result.json").read_text(encoding="utf-8"))
        result["network_namespace_isolated"] = isolated
    if result["network_attempts"]:
        raise RuntimeError(f"argostranslate tried to use the network: {result['network_attempts']}")
    if result["minisbd_cache_files"]:
        raise RuntimeError(f"MiniSBD downloaded into its cache: {result['minisbd_cache_files']}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pack", action="append", default=[], metavar="PAIR=ARCHIVE")
    parser.add_argument("--data", action="append", default=[], metavar="PAIR=DATA_DIR")
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)
    packs = {k: Path(v) for k, v in (x.split("=", 1) for x in args.pack)}
    data = {k: Path(v) for k, v in (x.split("=", 1) for x in args.data)}
    result = verify(packs, data)
    for name, r in result["pairs"].items():
        print(
            f"{name}: train {r['train']['exact']}/{r['train']['total']}, "
            f"held-out {r['heldout']['exact']}/{r['heldout']['total']}, "
            f"paragraph {'ok' if r['paragraph']['exact'] else 'MISMATCH'}"
        )
    if "pivot_es_fr" in result:
        p = result["pivot_es_fr"]
        print(f"es->fr pivot ({p['translation']}): {p['exact']}/{p['total']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
