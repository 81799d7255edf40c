"""``mla verify``: is this PDF what Liaison exported, who signed it, and which vault version is it?

Four independent checks, each reported, each with its own exit code:

1. signatures: pyHanko validation (intact, valid, covering the whole file, trusted by the roots the
   user configured; ``signature_check``);
2. the embedded request: its content hash is recomputed here from the embedded JSON and must equal
   the hash the exporter wrote and the hash printed on the last page;
3. the pages: the document is rendered again from the embedded request and the text of both files
   (``pdftotext``) must be the same, so text drawn onto a page, or removed from it, is caught;
4. the vault (when one is open): the content hash must be that of an export of a request in it,
   and the report says which version and whether the request has changed since.

Why re-render instead of trusting the hash: the hash printed on a page is just more text, and an
edited page can keep it. Only comparing what the pages say with what the data renders to shows that
the two still agree.
"""

from __future__ import annotations

import difflib
import hashlib
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from liaison.documents import embedded, pdfcheck, signature_check
from liaison.documents.compose import Context, compose
from liaison.domain.mla import MlaRequest
from liaison.errors import LiaisonError, RecordNotFound
from liaison.services import mla as requests_service
from liaison.store import audit, records
from liaison.store.vault import Vault

# Exit codes of ``mla verify``, most serious first: the command exits with the first that applies.
CONTENT_ALTERED = 24  # the pages or the embedded data do not match each other or the printed hash
SIGNATURE_BROKEN = 21  # a signature is not intact or does not verify
SIGNATURE_NOT_WHOLE_FILE = 22  # the file was changed after it was signed
NOT_A_LIAISON_EXPORT = 20  # no embedded request data
NOT_IN_VAULT = 25  # no export in this vault has this content, or the request changed since
SIGNER_UNTRUSTED = 23  # intact, but the signer does not chain to a configured trust root
UNSIGNED = 26  # only with --require-signature


class NotAPdf(LiaisonError):
    exit_code = NOT_A_LIAISON_EXPORT


@dataclass
class Report:
    file: Path
    signatures: list[signature_check.SignatureStatus] = field(default_factory=list)
    embedded: embedded.EmbeddedRequest | None = None
    printed_hash: str | None = None
    text_difference: str | None = None  # None: the pages say what the data renders to
    vault_request: str = ""  # reference of the vault request with this content
    vault_version: int | None = None
    vault_changed_since: bool = False
    vault_same_file: bool = False  # byte for byte the file that export version wrote
    earlier_layout: int | None = None  # pages of an earlier layout, accepted as the very file exported
    pages_differing: list[int] = field(default_factory=list)  # same text, different pixels
    vault_checked: bool = False
    failures: list[tuple[int, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        order = (
            CONTENT_ALTERED,
            SIGNATURE_BROKEN,
            SIGNATURE_NOT_WHOLE_FILE,
            NOT_A_LIAISON_EXPORT,
            NOT_IN_VAULT,
            SIGNER_UNTRUSTED,
            UNSIGNED,
        )
        codes = {code for code, _ in self.failures}
        return next((code for code in order if code in codes), 0)

    def lines(self) -> list[str]:
        """The report a person reads: one line per check."""
        out = []
        if not self.signatures:
            out.append("signature: none (the file is not signed)")
        for sig in self.signatures:
            state = "intact" if sig.intact and sig.valid else "BROKEN"
            cover = "covers the whole file" if sig.whole_file else "does NOT cover the whole file"
            trust = "trusted" if sig.trusted else "signer NOT trusted"
            out.append(f"signature {sig.field}: signed by {sig.signer}; {state}; {cover}; {trust}")
        if self.embedded is not None:
            e = self.embedded
            out.append(
                f"request data: embedded, content hash {e.recomputed_hash[:16]}… "
                f"({e.lang}{' + ' + e.bilingual if e.bilingual else ''}{', DRAFT' if e.draft else ''})"
            )
        if self.text_difference is None and self.embedded is not None and not self.pages_differing:
            out.append("pages: every page reads and looks as the embedded request renders")
        elif self.pages_differing:
            out.append(f"pages: same text, but page(s) {self.pages_differing} look DIFFERENT")
        elif self.earlier_layout is not None:
            out.append(
                f"pages: made with the earlier page layout {self.earlier_layout}, not compared word for "
                "word; the file is byte for byte the export kept in this vault"
            )
        elif self.text_difference is not None:
            out.append(f"pages: DIFFER from the embedded request: {self.text_difference}")
        if self.vault_checked:
            if self.vault_version is not None:
                since = " (the request has changed since)" if self.vault_changed_since else ""
                exact = " (this very file)" if self.vault_same_file else " (same content, another file)"
                out.append(
                    f"vault: matches export version {self.vault_version} of {self.vault_request}"
                    + exact
                    + since
                )
            else:
                out.append("vault: no export in this vault has this content")
        out += [f"FAILED: {message}" for _code, message in self.failures]
        return out


def _normalise(text: str) -> list[str]:
    return text.replace("\f", " ").split()


def _first_difference(actual: list[str], expected: list[str]) -> str | None:
    """What a reader must look at. Words added or removed are named as such, wherever the text
    extractor placed them (an overlay drawn onto a page comes out between unrelated lines, and a
    sequence diff then names the wrong words); same words in another order are "moved"."""
    if actual == expected:
        return None
    added = list((Counter(actual) - Counter(expected)).elements())
    removed = list((Counter(expected) - Counter(actual)).elements())
    if added or removed:
        # In reading order, as they stand on the pages.
        added_words = _in_order(actual, Counter(added))
        removed_words = _in_order(expected, Counter(removed))
        parts = [f"text added: {' '.join(added_words[:12])!r}"] if added_words else []
        parts += [f"text removed: {' '.join(removed_words[:12])!r}"] if removed_words else []
        return "; ".join(parts)
    matcher = difflib.SequenceMatcher(a=expected, b=actual, autojunk=False)
    for tag, _a0, _a1, b0, b1 in matcher.get_opcodes():
        if tag != "equal":
            return f"text moved: {' '.join(actual[b0:b1][:12])!r}"
    return "the text differs"  # pragma: no cover  (unequal lists always have a non-equal opcode)


def _in_order(words: list[str], wanted: Counter[str]) -> list[str]:
    """The ``wanted`` words as they occur in ``words`` (the last occurrences of a repeated word)."""
    left = Counter(wanted)
    picked = []
    for word in reversed(words):
        if left[word] > 0:
            left[word] -= 1
            picked.append(word)
    return picked[::-1]


def _rendered(data: embedded.EmbeddedRequest, request: MlaRequest) -> bytes:
    """The PDF the embedded request renders to, as the exporter made it (no attachment, unsigned)."""
    from liaison.documents import pdf  # noqa: PLC0415  (reportlab loads only when needed)

    ctx = Context(
        addressee=data.addressee,
        legal_bases=data.legal_bases,
        legal_bases_by_lang=data.legal_bases_by_lang,
        content_hash=data.recomputed_hash,
        draft=data.draft,
    )
    second = compose(request, data.bilingual, ctx) if data.bilingual else None
    return pdf.render(compose(request, data.lang, ctx), second=second)


def _differing_pages(path: Path, expected: Path) -> list[int]:
    """Pages (from 1) that look different: rasterised both, compared pixel for pixel. The same
    renderer draws the same request to the same pixels, so any difference was added to the file."""
    actual_pages, expected_pages = pdfcheck.page_images(path), pdfcheck.page_images(expected)
    count = max(len(actual_pages), len(expected_pages))
    padded = [*actual_pages, *[b""] * (count - len(actual_pages))]
    wanted = [*expected_pages, *[b""] * (count - len(expected_pages))]
    return [n + 1 for n, (a, b) in enumerate(zip(padded, wanted, strict=True)) if a != b]


def _request_from(data: embedded.EmbeddedRequest) -> MlaRequest:
    fields = requests_service.fields_from_json(data.request)
    return MlaRequest(**fields)


def _check_content(report: Report, data: embedded.EmbeddedRequest, path: Path) -> None:
    recomputed = data.recomputed_hash
    if recomputed != data.content_hash:
        report.failures.append((CONTENT_ALTERED, "the embedded request does not match its own content hash"))
    if report.printed_hash != recomputed:
        report.failures.append(
            (CONTENT_ALTERED, "the hash printed on the last page is not the hash of the embedded request")
        )
    try:
        request = _request_from(data)
    except LiaisonError as exc:
        report.failures.append((CONTENT_ALTERED, f"the embedded request cannot be read: {exc}"))
        return
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:  # holds only what the checked file holds
        tmp.write(_rendered(data, request))
        tmp.flush()
        expected = _normalise(pdfcheck.extract_text(tmp.name, layout=False))
        actual = _normalise(pdfcheck.extract_text(path, layout=False))
        report.text_difference = _first_difference(actual, expected)
        if report.text_difference is None and data.layout == embedded.LAYOUT:
            report.pages_differing = _differing_pages(path, Path(tmp.name))
    if report.pages_differing:
        numbers = ", ".join(str(n) for n in report.pages_differing)
        report.failures.append(
            (
                CONTENT_ALTERED,
                f"page(s) {numbers} look different from what the embedded request renders to, though "
                "their text is the same (something drawn on them: an image or shapes)",
            )
        )
    if report.text_difference is None:
        return
    if data.layout == embedded.LAYOUT:
        report.failures.append(
            (CONTENT_ALTERED, f"the pages differ from the embedded request ({report.text_difference})")
        )
    elif report.vault_same_file:
        # Byte for byte the file this vault exported: an earlier layout, not an edit.
        report.earlier_layout = data.layout
    else:
        report.failures.append(
            (
                CONTENT_ALTERED,
                f"the pages differ from the embedded request ({report.text_difference}); the file "
                f"was made with page layout {data.layout} and this Liaison renders layout "
                f"{embedded.LAYOUT}, so wording changed since may be all the difference: verify it "
                "with the vault that exported it, or the release that made it",
            )
        )


def _check_vault(report: Report, vault: Vault, content: str, raw: bytes, lang: str) -> None:
    """Which export this is: the very file (its SHA-256 among the kept exports), else the latest
    export of the same content in the same language (the file was re-saved or signed elsewhere);
    never an export in another language that happens to share the content hash."""
    report.vault_checked = True
    row = vault.conn.execute(
        "SELECT request_id, version FROM mla_exports WHERE sha256 = ? AND content_hash = ? "
        "ORDER BY version DESC LIMIT 1",
        (hashlib.sha256(raw).hexdigest(), content),
    ).fetchone()
    report.vault_same_file = row is not None
    if row is None:
        row = vault.conn.execute(
            "SELECT request_id, version FROM mla_exports WHERE content_hash = ? AND (? = '' OR lang = ?) "
            "ORDER BY version DESC LIMIT 1",
            (content, lang, lang),
        ).fetchone()
    if row is None:
        report.failures.append((NOT_IN_VAULT, "no export in this vault has this content"))
        return
    report.vault_version = int(row[1])
    try:
        request = records.get(vault, MlaRequest, row[0])
    except RecordNotFound:
        report.vault_request = row[0][:8]
        report.failures.append((NOT_IN_VAULT, "the request it was exported from has been deleted"))
        return
    report.vault_request = request.our_reference or request.id[:8]
    if requests_service.content_hash(request) != content:
        report.vault_changed_since = True
        report.failures.append(
            (NOT_IN_VAULT, f"matches export version {row[1]}, but the request has changed since")
        )
    audit.append(
        vault, "verify", "mla_request", request.id, {"file": report.file.name, "content_hash": content}
    )


def _check_signatures(
    report: Report, raw: bytes, roots: list[signature_check.Certificate], required: bool
) -> None:
    report.signatures = signature_check.check(raw, roots)
    for sig in report.signatures:
        if not (sig.intact and sig.valid):
            report.failures.append((SIGNATURE_BROKEN, f"signature {sig.field} is broken: {sig.problem}"))
        elif not sig.whole_file:
            report.failures.append((SIGNATURE_NOT_WHOLE_FILE, f"signature {sig.field}: {sig.problem}"))
        elif not sig.trusted:
            report.failures.append(
                (SIGNER_UNTRUSTED, f"signature {sig.field}: signer {sig.signer} is not trusted")
            )
    if required and not report.signatures:
        report.failures.append((UNSIGNED, "the file is not signed"))


def verify(
    path: Path,
    *,
    vault: Vault | None,
    trust: list[str] | None = None,
    require_signature: bool = False,
) -> Report:
    """Every check on ``path``; the report lists each result and every failure with its exit code."""
    roots = signature_check.load_trust_roots(trust or ())
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LiaisonError(f"cannot read {path.name}: {exc.strerror}") from None
    if not raw.lstrip()[:5] == b"%PDF-":
        raise NotAPdf(f"{path.name} is not a PDF file")
    report = Report(path)
    try:
        report.embedded = embedded.read(raw, path.name)
    except embedded.NoEmbeddedRequest as exc:
        report.failures.append((NOT_A_LIAISON_EXPORT, str(exc)))
    except embedded.DamagedEmbeddedRequest as exc:
        report.failures.append((CONTENT_ALTERED, str(exc)))
    _check_signatures(report, raw, roots, require_signature)
    report.printed_hash = pdfcheck.printed_hash(path)
    if vault is not None:  # first: the page check accepts an earlier layout only for the very file kept
        content = report.embedded.recomputed_hash if report.embedded is not None else report.printed_hash
        lang = report.embedded.lang if report.embedded is not None else ""
        if content:
            _check_vault(report, vault, content, raw, lang)
        else:
            report.vault_checked = True
            report.failures.append((NOT_IN_VAULT, "the file carries no content hash to look up"))
    if report.embedded is not None:
        _check_content(report, report.embedded, path)
    return report
