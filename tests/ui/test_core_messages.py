"""The core's field checks in the interface language: an error made from a marked template
(``LiaisonError.of``) keeps the template and its values, and ``ui.i18n.error_text`` translates the
template and the names in it (``Term``) through the interface catalogs. The command line keeps the
English sentence."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pytestqt.qtbot import QtBot

from liaison.documents import embedded
from liaison.domain import Contact
from liaison.errors import N_, NC_, LiaisonError, Term, ValidationError
from liaison.services import catalog, validation
from liaison.services.sync import invitation_code
from liaison.store.vault import Vault
from ui import i18n
from ui.dialogs import error_message
from ui.tasks import TaskRunner


def _raised(check: object, *args: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check(*args)  # type: ignore[operator]
    return caught.value


def test_the_core_still_says_english() -> None:
    error = _raised(validation.require_text, N_("full name"), "  ")
    assert str(error) == "full name must not be empty"
    assert error.template == "{field} must not be empty" and error.params == {"field": "full name"}
    assert isinstance(error.params["field"], Term)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Full name must not be empty"),
        ("fr", "Le champ « nom complet » ne doit pas être vide"),
        ("es", "El campo «nombre completo» no puede estar vacío"),
        ("ar", "يجب ألا يكون الحقل «الاسم الكامل» فارغًا"),
    ],
)
def test_an_empty_field_in_each_language(lang: str, expected: str) -> None:
    i18n.set_language(lang)
    assert error_message(_raised(validation.require_text, N_("full name"), "")) == expected


def test_country_language_and_passphrase_checks_are_translated() -> None:
    i18n.set_language("fr")
    assert error_message(_raised(validation.country, N_("country"), "XX")) == (
        "Champ « pays » : 'XX' n'est pas un code pays ISO 3166"
    )
    assert error_message(_raised(validation.language, N_("preferred language"), "french")) == (
        "Le champ « langue préférée » doit être un code de langue ISO 639, comme fr ; reçu : 'french'"
    )
    assert error_message(_raised(validation.new_passphrase, "short")) == (
        "La phrase secrète doit compter au moins 10 caractères"
    )
    weak = error_message(_raised(validation.new_passphrase, "password1234"))
    assert weak == (
        "La phrase secrète est trop facile à deviner (force 1 sur 4, il faut au moins 3) : les mots, "
        "noms et mots de passe courants sont essayés en premier. Ajoutez un ou deux autres mots sans "
        "rapport : quelques mots pris au hasard sont faciles à retenir et difficiles à deviner"
    )  # the reason, a name the core gives as a Term, in French too


def test_invitation_code_errors_are_translated() -> None:
    i18n.set_language("es")
    error = _raised(invitation_code.split, "ABCD-EFGH-JKMN-0123-U567-89AB-CDEF")
    assert error_message(error).startswith(
        "Este código tiene un carácter que no puede aparecer en un código de invitación: 'U' en el grupo 5 "
        "(los grupos 4 a 7 solo contienen letras y cifras, y ninguno de U)"
    )


def test_what_the_catalog_cannot_say_stays_english() -> None:
    i18n.set_language("fr")
    plain = ValidationError("a message made without a template")
    assert error_message(plain) == "A message made without a template"
    unknown = ValidationError.of("{thing} is not in any catalog", thing=Term("widget"))
    assert error_message(unknown) == "Widget is not in any catalog"
    assert isinstance(unknown, LiaisonError) and unknown.template


# -- every template the core builds with ``LiaisonError.of`` is in the catalogs, translated ----------

_LIAISON = Path(__file__).resolve().parents[2] / "liaison"
_PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _marked(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_":
        (arg,) = node.args
        assert isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        return arg.value
    return None


def _in_context(node: ast.AST) -> tuple[str, str] | None:
    """``NC_(context, text)``: a name kept apart in the catalogs by its context."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "NC_":
        context, text = node.args
        assert isinstance(context, ast.Constant) and isinstance(text, ast.Constant)
        return str(context.value), str(text.value)
    return None


def _templates(node: ast.AST, constants: dict[str, list[str]], params: set[str]) -> list[str] | None:
    """The texts ``node`` (an ``of``'s first argument) can be; None when it is not marked."""
    text = _marked(node)
    if text is not None:
        return [text]
    if isinstance(node, ast.Name):
        return constants.get(node.id, [] if node.id in params else None)
    if isinstance(node, ast.Subscript):
        return _templates(node.value, constants, params)
    if isinstance(node, ast.IfExp):
        body, orelse = _templates(node.body, constants, params), _templates(node.orelse, constants, params)
        return None if body is None or orelse is None else body + orelse
    return None


def _error_classes(trees: list[ast.Module]) -> set[str]:
    """The names of LiaisonError and of every class in liaison/ that derives from it (by name:
    another function called ``of``, ``write_turn.of``, is not an error's)."""
    bases = {
        node.name: {
            b.id if isinstance(b, ast.Name) else b.attr
            for b in node.bases
            if isinstance(b, ast.Name | ast.Attribute)
        }
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    errors = {"LiaisonError"}
    while grown := {name for name, parents in bases.items() if parents & errors} - errors:
        errors |= grown
    return errors


def _receiver(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


@functools.cache  # parsed once for the three languages
def _core_texts() -> tuple[set[tuple[str | None, str]], list[str]]:
    """Every ``of`` template in liaison/ and every N_-marked text of a module that builds one
    (the names given as ``Term``s); and the ``of`` calls whose template is not marked."""
    texts: set[str] = set()
    names: set[tuple[str | None, str]] = set()
    unmarked: list[str] = []
    resolved: set[str] = set()
    sources = {path: path.read_text(encoding="utf-8") for path in sorted(_LIAISON.rglob("*.py"))}
    trees = {path: ast.parse(source) for path, source in sources.items()}
    errors = _error_classes(list(trees.values()))
    for path, tree in trees.items():
        if ".of(" not in sources[path]:
            continue
        constants: dict[str, list[str]] = {}
        for node in ast.walk(tree):
            if text := _marked(node):
                texts.add(text)
            if named := _in_context(node):
                names.add(named)
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
                marked = [_marked(v) for v in values]
                if marked and all(marked):
                    constants[node.targets[0].id] = [m for m in marked if m]
        for function in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)] + [tree]:
            params = (
                {a.arg for a in function.args.args + function.args.posonlyargs}
                if isinstance(function, ast.FunctionDef)
                else set()
            )
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "of"
                    and _receiver(node.func.value) in errors
                    and node.args
                ):
                    found = _templates(node.args[0], constants, params)
                    where = f"{path.relative_to(_LIAISON.parent)}:{node.lineno}"
                    if found is None:
                        unmarked.append(where)
                    else:
                        texts.update(found)
                        resolved.add(where)  # in its function: a parameter its callers mark
    return {(None, t) for t in texts} | names, sorted(set(unmarked) - resolved)


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_every_core_template_is_translated(lang: str) -> None:
    texts, unmarked = _core_texts()
    assert not unmarked, f"LiaisonError.of with a template not marked N_: {unmarked}"
    # The sync errors, the remote wipe, the references and the MLA import and certify checks.
    assert {
        "cannot reach the sync server at {server}: {reason} ({kind})",
        "this vault was wiped: another device revoked this one from its sync space and ordered a "
        "remote wipe, so its keys are destroyed and it can no longer be opened; restore a backup made "
        "before the wipe with 'liaison restore FILE', or ask the space's officer to invite a new vault",
        "{field} points to no existing {kind} ({value})",
        "the certification date {date} is in the future",
        "{name}: the embedded request does not match its content hash (altered after export)",
        "connection refused (no server listening at that address and port)",
    } <= {text for _context, text in texts}
    assert ("record kind", "case") in texts and ("field name", "agency") in texts
    with (_LIAISON.parent / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    problems = []
    for context, text in sorted(texts, key=str):
        message = catalog.get(text, context=context)
        if message is None or not message.string or message.fuzzy:
            problems.append(f"not translated: {text!r}")
        elif set(_PLACEHOLDER.findall(str(message.string))) != set(_PLACEHOLDER.findall(text)):
            problems.append(f"placeholders differ: {text!r}")
    assert not problems, "\n".join(problems)


def test_references_and_mla_import_checks_are_translated(vault: Vault) -> None:
    with pytest.raises(ValidationError) as caught:
        catalog.contacts.add(vault, Contact(full_name="Ana Costa", agency_id="no-such-agency"))
    assert str(caught.value) == "agency points to no existing agency (no-such-agency)"  # the CLI's words
    with pytest.raises(embedded.DamagedEmbeddedRequest) as damaged:
        embedded.read(b"not a PDF at all", "demande.pdf")
    i18n.set_language("fr")
    assert error_message(caught.value) == (
        "Le champ « service » ne renvoie à aucune fiche existante de type « service » (no-such-agency)"
    )
    assert error_message(damaged.value).startswith("demande.pdf n’est pas un PDF lisible : ")
    i18n.set_language("es")
    assert error_message(caught.value) == (
        "El campo «organismo» no remite a ningún registro de tipo «organismo» existente (no-such-agency)"
    )


def test_a_name_with_a_context_keeps_it_through_the_checks() -> None:
    """``NC_`` names ambiguous words ("case", "agency") in one sense; a check that wraps the name
    again (``Term(field)``) keeps that sense, and the app looks it up with its context."""
    field = NC_("field name", "agency")
    error = _raised(validation.require_text, field, " ")
    assert str(error) == "agency must not be empty"
    assert isinstance(error.params["field"], Term) and error.params["field"].context == "field name"
    i18n.set_language("fr")
    assert error_message(error) == "Le champ « service » ne doit pas être vide"


def test_a_task_that_fails_unhandled_reports_in_the_interface_language(qtbot: QtBot) -> None:
    """What the status bar shows of a background task nobody handled the failure of."""

    def fail() -> None:
        raise ValidationError.of(N_("the certification date {date} is in the future"), date="2099-01-01")

    runner = TaskRunner()
    try:
        i18n.set_language("fr")
        with qtbot.waitSignal(runner.failed, timeout=30_000) as failed:
            runner.run_store(fail)
        assert failed.args == ["La date de certification 2099-01-01 est dans le futur"]
    finally:
        runner.shutdown()
