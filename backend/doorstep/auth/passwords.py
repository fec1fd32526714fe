"""The one password policy, for staff and tenants alike, applied wherever a password is set.

Length alone lets ``aaaaaaaaaa`` and ``Password123!`` through, so a password must also resist
guessing: zxcvbn estimates how many guesses an attacker with dictionaries of common passwords,
names, words, keyboard patterns and dates would need, and counts the person's own e-mail and
name as known to the attacker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zxcvbn import zxcvbn

from doorstep.core.errors import InvalidInput

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
# zxcvbn's score 3 means about 10^8 guesses or more: "safely unguessable" against an online
# attacker, which is what the login throttle leaves them.
MIN_STRENGTH_SCORE = 3
# zxcvbn refuses longer input and grows slow with length; a longer password is at least as
# strong as its beginning.
_SCORED_PREFIX = 72


class WeakPassword(InvalidInput):
    slug = "weak-password"
    title = "Choose a stronger password"

    def __init__(self, message: str) -> None:
        super().__init__("password", message)


def _known_to_attacker(email: str, names: Iterable[str | None]) -> list[str]:
    """The person's e-mail, its parts and their names: the first things a guesser tries."""
    local, _, domain = email.lower().partition("@")
    words = [email.lower(), local, domain, *re.split(r"[^a-z0-9]+", f"{local} {domain}")]
    words += [name.lower() for name in names if name]
    return [word for word in dict.fromkeys(words) if len(word) >= 3]


def check_password(password: str, *, email: str, names: Iterable[str | None] = ()) -> None:
    """Refuse a password that is too short, too long, or easy to guess for this person.

    Raises :class:`WeakPassword` (422, field ``password``) with a message saying why.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"Use at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(f"Use at most {MAX_PASSWORD_LENGTH} characters.")
    estimate = zxcvbn(password[:_SCORED_PREFIX], user_inputs=_known_to_attacker(email, names))
    if estimate["score"] < MIN_STRENGTH_SCORE:
        feedback = estimate["feedback"]
        advice = " ".join(feedback["suggestions"]) or (
            "A few uncommon words together are strong and easy to remember."
        )
        reasons = ["This password is too easy to guess.", feedback["warning"], advice]
        raise WeakPassword(" ".join(reason for reason in reasons if reason))
