"""The English indefinite article a word takes (``a`` or ``an``), from its spelling.

Used to flag ``a extra`` / ``an remoted`` (the slip a word swap leaves after the article) and
to keep the article right when unspin rewrites the word after it. Only confident answers:
words whose first sound the spelling does not settle (``u``-words such as ``unique`` and
``ugly``, silent ``h``, abbreviations) give None, and None is never a slip.
"""

from __future__ import annotations

import re

# vowel letters with a consonant sound: "a unique", "a European", "a one-off"
_CONSONANT_SOUND = re.compile(
    r"(?:uni(?!mp|nt|ns|nd)|unanim|us[eiu]|ut[ei]|ur[aeio]|uk[ru]|ub[io]|eu|ewe|one|once|ouija)"
)
# consonant letters with a vowel sound: "an hour", "an honest"
_VOWEL_SOUND = re.compile(r"(?:hour|honest|honou?r|heir)")
# either article is in use: "a/an historic", "a/an herb", "a/an hotel"
_EITHER_H = re.compile(r"(?:herb|histor|hotel|hyst)")
# u-words that surely start with a vowel sound: "an uncommon", "an umbrella", "an upper"
_U_VOWEL = re.compile(r"(?:un(?!i|anim)|um|up|ul|ugl|utt|ush|ud|ux)")


def article_for(word: str) -> str | None:
    """``"a"`` or ``"an"`` for a word, or None when the spelling does not settle it
    (abbreviations, mixed case such as ``mRNA``, one-letter words, digits)."""
    if len(word) < 2 or not word.isalpha() or word.isupper() or any(c.isupper() for c in word[1:]):
        return None
    low = word.lower()
    first = low[0]
    if first == "u":
        if _CONSONANT_SOUND.match(low):
            return "a"
        return "an" if _U_VOWEL.match(low) else None
    if first in "aeio":
        return "a" if _CONSONANT_SOUND.match(low) else "an"
    if first == "h":
        if _VOWEL_SOUND.match(low):
            return "an"
        return None if _EITHER_H.match(low) else "a"
    if first == "y":
        return "a"
    return "a" if first.isascii() else None
