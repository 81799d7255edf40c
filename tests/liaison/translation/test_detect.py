"""Offline language detection of short messages: right language, no network, clear errors."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from liaison.errors import ValidationError
from liaison.translation import detect as detect_module
from liaison.translation.detect import (
    CORE_LANGUAGES,
    DEFAULT_LANGUAGES,
    Detection,
    clean_message,
    detect,
    supported_languages,
)
from tests.helpers import snapshot

ROOT = Path(__file__).resolve().parents[3]

# Three per core language, from bench/detect_samples.py: a short one, one with a name, a reference,
# an address or a number, and an ordinary sentence.
REPRESENTATIVE = [
    ("en", "Thanks, received."),
    ("en", "Please contact me at liaison.officer@met.police.uk or +44 20 7230 1212."),
    ("en", "The extradition hearing has been adjourned until further notice."),
    ("fr", "Bien reçu, je transmets au magistrat."),
    ("fr", "Veuillez trouver ci-joint la demande d'entraide pénale internationale, réf. MLA-2024/117."),
    ("fr", "Le téléphone de Karim Benali a été saisi lors de la perquisition."),
    ("es", "Gracias, saludos"),
    ("es", "Por favor, escríbame a javier.lopez@policia.es si necesita algo más."),
    ("es", "¿Tiene antecedentes penales en su país el señor Ahmet Yilmaz?"),
    ("de", "Vielen Dank!"),
    ("de", "Liegen bei Ihnen Vorstrafen zu Herrn Müller, geboren am 14.05.1987, vor?"),
    ("de", "Das Meeting mit dem Team von Europol ist am Montag, bitte das Update per E-Mail schicken."),
    ("it", "Ricevuto, grazie."),
    ("it", "In allegato la richiesta di assistenza giudiziaria, rif. MLA-2024/117."),
    ("it", "Durante la perquisizione è stato sequestrato il cellulare di Marco Rossi."),
    ("pt", "Muito obrigado."),
    ("pt", "A nossa equipa chega ao aeroporto do Porto na terça-feira às 10h15."),
    ("pt", "Vocês conseguem mandar o laudo da perícia ainda hoje?"),
    ("nl", "Hartelijk dank!"),
    ("nl", "Tijdens de huiszoeking is de telefoon van Jan de Vries in beslag genomen."),
    ("nl", "Kun je de screenshots van de WhatsApp-chat even doorsturen?"),
    ("pl", "Dziękuję bardzo."),
    ("pl", "Proszę o kontakt mailowy: j.kowalski@policja.gov.pl."),
    ("pl", "Dziekuje, otrzymalem dokumenty i przekazalem je prokuratorowi."),
    ("ro", "Mulțumesc frumos!"),
    ("ro", "Vă transmitem atașat cererea de asistență judiciară, ref. MLA-2024/117."),
    ("ro", "Multumesc, am primit documentele si le trimit la procuror."),
    ("tr", "Çok teşekkürler."),
    ("tr", "MLA-2024/117 sayılı adli yardım talebini ekte gönderiyoruz."),
    ("tr", "Tesekkurler, dosyayi aldim, yarin savciliga gonderecegim."),
    ("ar", "شكرا جزيلا"),
    ("ar", "مرفق طلب المساعدة القانونية المتبادلة في القضية MLA-2024/117."),
    ("ar", "هل لدى السيد دوبوا سوابق جنائية في بلدكم؟"),
    ("ru", "Большое спасибо!"),
    ("ru", "Направляем вам запрос о правовой помощи по делу MLA-2024/117."),
    ("ru", "Во время обыска был изъят телефон Сергея Иванова."),
    ("uk", "Зрозумів, дякую."),
    ("uk", "Надсилаємо вам запит про правову допомогу у справі MLA-2024/117."),
    ("uk", "Під час обшуку було вилучено телефон Андрія Коваленка."),
    ("zh", "非常感谢！"),
    ("zh", "请通过邮箱 wang.lei@mps.gov.cn 与我联系。"),
    ("zh", "我方工作组将于周二10:15抵达北京首都机场。"),
    ("el", "Ευχαριστώ πολύ!"),
    ("el", "Σας αποστέλλουμε συνημμένα το αίτημα δικαστικής συνδρομής, αρ. MLA-2024/117."),
    ("el", "Έχει ο κ. Dubois ποινικό μητρώο στη χώρα σας;"),
]


def test_representative_subset_covers_every_core_language() -> None:
    assert sorted({language for language, _ in REPRESENTATIVE}) == sorted(CORE_LANGUAGES)


@pytest.mark.parametrize(
    ("language", "text"), REPRESENTATIVE, ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(REPRESENTATIVE)]
)
def test_detects_the_language_of_short_messages(language: str, text: str) -> None:
    found = detect(text)
    assert found.language == language, found
    if len(text.split()) > 3:  # two-word courtesies may be right yet flagged for confirmation
        assert found.reliable, found
    assert detect(text, candidates=CORE_LANGUAGES).language == language


def test_detection_shape() -> None:
    found = detect("Le suspect a été interpellé hier soir à Lyon par la brigade de recherche.")
    assert isinstance(found, Detection)
    assert found.language == "fr"
    assert 0.0 <= found.confidence <= 1.0
    assert len(found.alternatives) <= 3
    assert found.language not in {code for code, _ in found.alternatives}
    probabilities = [p for _, p in found.alternatives]
    assert probabilities == sorted(probabilities, reverse=True)
    assert all(0.01 <= p <= found.confidence for p in probabilities)
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.language = "en"  # type: ignore[misc]


def test_ambiguous_short_text_gets_low_confidence_not_an_error() -> None:
    found = detect("Спасибо")  # identical in Russian and in several other Cyrillic languages
    assert found.confidence < 0.5
    assert not found.reliable
    assert {found.language, *(code for code, _ in found.alternatives)} >= {"ru", "uk"}


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_message_is_a_clear_error(text: str) -> None:
    with pytest.raises(ValidationError, match=r"^cannot detect the language of an empty message$"):
        detect(text)


@pytest.mark.parametrize(
    "text", ["MLA-2024/117", "+44 20 7230 1212", "https://example.org/a/b", "a.b@c.de 12"]
)
def test_message_with_only_noise_is_a_clear_error(text: str) -> None:
    with pytest.raises(ValidationError, match="without words"):
        detect(text)


@pytest.mark.parametrize("text", ["ok", "Ja", "?!"])
def test_text_without_any_known_ngram_is_a_clear_error(text: str) -> None:
    with pytest.raises(ValidationError, match="cannot detect the language"):
        detect(text)


# --- candidates --------------------------------------------------------------------------------


def test_candidates_restrict_the_answer() -> None:
    # Alone, "Merci" is too short for the model; knowing it is French or English settles it.
    assert not detect("Merci").reliable
    found = detect("Merci", candidates=["fr", "en"])
    assert found.language == "fr"
    assert {code for code, _ in found.alternatives} <= {"en"}

    text = "El sospechoso fue detenido anoche en Valencia por la Guardia Civil."
    assert detect(text).language == "es"
    found = detect(text, candidates=("pt", "it"))
    assert found.language in {"pt", "it"}
    assert {code for code, _ in found.alternatives} <= {"pt", "it"}
    assert found.confidence + sum(p for _, p in found.alternatives) == pytest.approx(1.0)


def test_single_candidate_is_certain_and_a_lone_string_is_one_code() -> None:
    assert detect("Добре, подивлюся завтра.", candidates=["uk"]) == Detection("uk", 1.0, ())
    assert detect("Добре, подивлюся завтра.", candidates="uk").language == "uk"


def test_candidate_codes_are_normalised() -> None:
    assert detect("Vielen Dank für Ihre Hilfe.", candidates=[" DE ", "Nl"]).language == "de"


def test_unknown_or_missing_candidates_are_clear_errors() -> None:
    with pytest.raises(ValidationError, match="xx"):
        detect("Vielen Dank für Ihre Hilfe.", candidates=["de", "xx"])
    with pytest.raises(ValidationError, match="no candidate languages"):
        detect("Vielen Dank für Ihre Hilfe.", candidates=[])


def test_default_languages_are_all_supported() -> None:
    assert set(DEFAULT_LANGUAGES) <= supported_languages()
    assert all(len(code) == 2 for code in supported_languages())
    assert "zxx" not in supported_languages()


def test_regional_varieties_are_reported_as_their_language() -> None:
    # Egyptian Arabic / Moroccan Arabic and Wu / Cantonese are labels of the model, not of Liaison.
    assert detect("شكرا جزيلا").language == "ar"
    assert detect("请回电话。").language == "zh"


# --- noise -------------------------------------------------------------------------------------


def test_clean_message_removes_what_misleads_detectors() -> None:
    noisy = (
        "Réf. MLA-2024/117-FR, tél. +33 1 44 55 66 77, mail pierre.martin@interieur.gouv.fr, "
        "voir https://www.eurojust.europa.eu/jit?id=7 et www.europol.europa.eu le 14.05.1987 à 10h15, "
        "vol KL1234, dossier № 12/345"
    )
    cleaned = clean_message(noisy)
    for fragment in (
        "MLA",
        "2024",
        "+33",
        "@",
        "http",
        "www",
        "europa",
        "1987",
        "10h15",
        "KL1234",
        "№",
        "345",
    ):
        assert fragment not in cleaned, (fragment, cleaned)
    for word in ("Réf.", "tél.", "mail", "voir", "et", "le", "à", "vol", "dossier"):
        assert word in cleaned.split(), (word, cleaned)


def test_clean_message_keeps_words_glued_to_numbers_in_scripts_without_spaces() -> None:
    assert (
        clean_message("我方工作组将于周二10:15抵达北京首都机场。") == "我方工作组将于周二 抵达北京首都机场。"
    )
    assert clean_message("IP-adres, e-mail, Cluj-Napoca") == "IP-adres, e-mail, Cluj-Napoca"


def test_noise_does_not_change_the_detection() -> None:
    plain = "Le suspect a été interpellé hier soir, merci de confirmer"
    noisy = (
        "Le suspect https://www.justice.gov/criminal/oia/mutual-legal-assistance a été interpellé "
        "hier soir, MLA-2024/117-US-DOJ merci de confirmer john.smith@usdoj.gov +1 202 514 2000"
    )
    assert clean_message(noisy) == plain
    assert detect(noisy) == detect(plain)
    assert detect(noisy).language == "fr"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Contact : john.smith@nca.gov.uk / +44 20 7238 8000, dossier MLA-2024/117-UK-NCA, merci"),
        ("es", "Ver https://www.europol.europa.eu/crime-areas/cybercrime y john.smith@nca.gov.uk, gracias"),
        (
            "it",
            "Vedi https://www.interpol.int/How-we-work/Notices/Red-Notices e john.smith@nca.gov.uk, grazie",
        ),
    ],
)
def test_few_words_drowned_in_english_looking_noise(language: str, text: str) -> None:
    # Without the clean-up py3langid answers en / ro / st for these (bench/detect.py, "noisy raw").
    assert detect(text).language == language


def test_very_long_input_is_cut_and_stays_fast() -> None:
    text = "Le suspect a été interpellé hier soir à Lyon. " * 5000
    started = time.perf_counter()
    assert detect(text).language == "fr"
    assert time.perf_counter() - started < 2.0


# --- offline, lazy, thread-safe ----------------------------------------------------------------


def test_model_loads_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The autouse guard of tests/conftest.py is active: any IP connection would fail the test."""
    monkeypatch.setattr(detect_module, "_ranker", None)
    assert detect("Nous attendons toujours la traduction du jugement.").language == "fr"


def test_model_is_loaded_once_under_concurrent_first_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    from py3langid.langid import LanguageIdentifier

    monkeypatch.setattr(detect_module, "_ranker", None)
    real = LanguageIdentifier.from_model_file.__func__  # type: ignore[attr-defined]
    loads: list[int] = []

    def counting(cls: type, *args: object, **kwargs: object) -> object:
        loads.append(1)
        time.sleep(0.05)  # widen the window in which a second loader could slip in
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(LanguageIdentifier, "from_model_file", classmethod(counting))
    barrier = threading.Barrier(6)
    results: list[str] = []

    def worker() -> None:
        barrier.wait()
        results.append(detect("Wir warten noch auf die Übersetzung des Urteils.").language)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == ["de"] * 6
    assert len(loads) == 1


def _python(code: str, *prefix: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TMPDIR": str(home / "tmp"),
    }
    return subprocess.run(
        [*prefix, sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    for sub in ("data", "cache", "config", "tmp"):
        (home / sub).mkdir(parents=True)
    return home


def test_importing_does_not_load_the_detector(tmp_path: Path) -> None:
    code = "import sys, liaison.translation.detect; print('py3langid' in sys.modules, 'numpy' in sys.modules)"
    result = _python(code, home=_home(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    try:
        probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="needs a working 'unshare -rn' (user and network namespace)")
def test_fresh_process_without_any_network_detects_and_writes_nothing(tmp_path: Path) -> None:
    """A new process in a network namespace of its own (not even loopback is up): the model must
    come from the installed package, and nothing may be downloaded or cached under HOME."""
    home = _home(tmp_path)
    before = snapshot(home)
    code = (
        "import json, socket\n"
        "from liaison.translation.detect import detect\n"
        "try:\n"
        "    socket.create_connection(('1.1.1.1', 443), timeout=2)\n"
        "    online = True\n"
        "except OSError:\n"
        "    online = False\n"
        "found = detect('Podejrzany został zatrzymany wczoraj wieczorem w Warszawie.')\n"
        "print(json.dumps({'online': online, 'language': found.language, 'reliable': found.reliable}))\n"
    )
    result = _python(code, "unshare", "-rn", home=home)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"online": False, "language": "pl", "reliable": True}
    assert snapshot(home) == before
