"""Reading an invitation code as people type it, and saying exactly what is wrong with one.

A code is the server's one-time code (``protocol.INVITATION_CHARS``, its own alphabet) followed by
the founder's fingerprint (``keys.FINGERPRINT_CHARS``, Crockford's base32), shown in groups of
four. Both parts are checked here, before the server is contacted: a character that cannot appear
is named with its group, so a mistyped code is neither spent on the server nor mistaken for a
server impersonating the founder. Letters people confuse with digits (O for 0, I or l for 1) are
read as the digit where the fingerprint's alphabet allows it; the one-time code has none of them.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from liaison.errors import N_, ValidationError
from liaison.sync import keys, protocol

GROUP_CHARS = 4
ONE_TIME_GROUPS = protocol.INVITATION_CHARS // GROUP_CHARS
FINGERPRINT_GROUPS = keys.FINGERPRINT_CHARS // GROUP_CHARS
GROUPS = ONE_TIME_GROUPS + FINGERPRINT_GROUPS
CHARS = GROUP_CHARS * GROUPS


@dataclass(frozen=True)
class _Part:
    """One part of the code: its groups (1-based, as shown) and what may be typed in them."""

    first_group: int
    groups: int
    alphabet: str
    aliases: dict[str, str]

    def read(self, typed: str) -> str:
        """``typed`` (this part's characters, separators removed) in the alphabet, or the error
        naming the first character that cannot appear, its group and what the part never holds."""
        read = []
        for index, char in enumerate(typed):
            upper = char.upper()
            value = self.aliases.get(upper, upper)
            if len(value) != 1 or value not in self.alphabet:  # "ﬆ".upper() is "ST"
                raise ValidationError.of(
                    BAD_CHARACTER,
                    char=repr(char),
                    group=self.first_group + index // GROUP_CHARS,
                    first=self.first_group,
                    last=self.first_group + self.groups - 1,
                    absent=", ".join(self.absent()),
                )
            read.append(value)
        return "".join(read)

    def absent(self) -> list[str]:
        """The letters and digits these groups never hold, derived from the alphabet (so that the
        message cannot fall behind it); those read as another character are not among them."""
        typable = string.digits + string.ascii_uppercase
        return [c for c in typable if c not in self.alphabet and c not in self.aliases]


BAD_CHARACTER = N_(
    "this code has a character that cannot appear in an invitation code: {char} in group {group} "
    "(groups {first}–{last} hold only letters and digits, and none of {absent}): check the code "
    "against the inviting device"
)
WRONG_LENGTH = N_(
    "an invitation code is {groups} groups of four letters and digits ({chars} in all, this one has "
    "{typed}): copy all of it (or the whole invitation line)"
)
_ONE_TIME = _Part(1, ONE_TIME_GROUPS, protocol.INVITATION_ALPHABET, {})
_FINGERPRINT = _Part(
    ONE_TIME_GROUPS + 1, FINGERPRINT_GROUPS, keys.FINGERPRINT_ALPHABET, keys.FINGERPRINT_ALIASES
)


def split(code: str) -> tuple[str, str]:
    """(the server's one-time code, the founder's fingerprint) from a code as typed: any case,
    groups separated by dashes, spaces or nothing."""
    typed = "".join(c for c in code if not c.isspace() and c != "-")
    if len(typed) != CHARS:
        raise ValidationError.of(WRONG_LENGTH, groups=GROUPS, chars=CHARS, typed=len(typed))
    cut = protocol.INVITATION_CHARS
    return _ONE_TIME.read(typed[:cut]), _FINGERPRINT.read(typed[cut:])


def differing_groups(typed: str, actual: str) -> list[int]:
    """The groups (1-based, over the whole code) where a typed fingerprint differs from the
    founder's one."""
    return sorted(
        {
            ONE_TIME_GROUPS + 1 + index // GROUP_CHARS
            for index, (a, b) in enumerate(zip(typed, actual, strict=True))
            if a != b
        }
    )
