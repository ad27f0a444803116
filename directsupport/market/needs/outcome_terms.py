"""Which outcomes need something bought, and what kind: "I learn to swim" needs swimming.

An outcome is in the person's words, so this is a first guess from the words they used, never
the last word: a need drawn this way can be refined (another kind) or marked no longer needed,
and the coordinator can add a need from any outcome the words missed, choosing its kind.

The guess: activity words first (swim, job, cook, garden, music, art, sport, quiz), then weaker
ones (play, team, show), then, only if none is there, the general ones (learn, travel, club).
Within each group the word that comes first in the outcome wins, so "I get a job in a café
kitchen" is work, not cooking, and "I learn to swim" is swimming, not learning. Words match from
their start ("swim" matches "swimming"), never inside another word ("art" is not in "party").
"""

from __future__ import annotations

import re

# (term code, word starts), most specific first; the codes are market.taxonomy's.
ACTIVITY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("swimming", ("swim",)),
    ("work-volunteering", ("job", "work", "volunteer", "paid", "career")),
    ("cooking-skills", ("cook", "bake", "baking", "recipe", "kitchen", "meal")),
    ("gardening", ("garden", "allotment", "grow", "plant")),
    ("music-drama", ("music", "band", "drum", "guitar", "piano", "sing", "choir", "concert")),
    ("music-drama", ("drama", "theatre", "dance", "dancing", "carnival")),
    ("arts-crafts", ("art", "paint", "draw", "picture", "pottery", "craft", "exhibition")),
    ("social-clubs", ("quiz", "disco")),
    ("sport-fitness", ("sport", "gym", "fit", "football", "basketball", "cricket", "boxing")),
    ("sport-fitness", ("tennis", "bike", "cycl", "run", "walk", "fishing", "stadium", "match")),
)
# Words that say what kind of thing only when nothing more specific does: "I play the drums"
# is music, "I play in a team" is sport; "a part in the summer show" is drama.
WEAKER_ACTIVITY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sport-fitness", ("play", "team", "league")),
    ("music-drama", ("show", "stage")),
)
GENERAL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("learning", ("learn", "college", "course", "class", "computer", "read")),
    ("travel-support", ("travel", "bus", "train", "journey")),
    ("social-clubs", ("club", "friend", "social", "group")),
)


def _compiled(
    table: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (code, re.compile(r"\b(?:" + "|".join(map(re.escape, starts)) + r")", re.I))
        for code, starts in table
    )


_TIERS = tuple(_compiled(table) for table in (ACTIVITY_WORDS, WEAKER_ACTIVITY_WORDS, GENERAL_WORDS))


def _first_in(text: str, table: tuple[tuple[str, re.Pattern[str]], ...]) -> str | None:
    found = [(match.start(), code) for code, pattern in table if (match := pattern.search(text))]
    return min(found)[1] if found else None


def term_code_for_outcome(text: str) -> str | None:
    """The standard term an outcome's words ask for, or None when they ask for nothing to buy.

    >>> term_code_for_outcome("I learn to swim")
    'swimming'
    >>> term_code_for_outcome("I have my own cat") is None
    True
    """
    for tier in _TIERS:
        code = _first_in(text, tier)
        if code is not None:
            return code
    return None
