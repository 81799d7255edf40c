"""The core's field checks in the interface language: an error made from a marked template
(``LiaisonError.of``) keeps the template and its values, and ``ui.i18n.error_text`` translates the
template and the names in it (``Term``) through the interface catalogs. The command line keeps the
English sentence."""

from __future__ import annotations

import pytest

from liaison.errors import N_, LiaisonError, Term, ValidationError
from liaison.services import validation
from liaison.services.sync import invitation_code
from ui import i18n
from ui.dialogs import error_message


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
