"""Sharing an amount out exactly: the largest-remainder rule (REMAINDER_RULE in models)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from fractions import Fraction
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)


def largest_remainder(total_pence: int, weights: Sequence[tuple[Key, int]]) -> dict[Key, int]:
    """Share ``total_pence`` in proportion to the weights, to the penny, adding up exactly.

    Each share is rounded down; the pennies left over go one at a time to the largest
    remainders, a tie going to the key that comes first in ``weights``. Raises ValueError when
    there is nothing to share by (no weights, or all zero) or a weight is negative.
    """
    if total_pence < 0:
        raise ValueError("The amount to share cannot be negative.")
    if any(weight < 0 for _, weight in weights):
        raise ValueError("A share cannot be in proportion to a negative amount.")
    whole = sum(weight for _, weight in weights)
    if whole == 0:
        raise ValueError("There is nothing to share in proportion to.")
    exact = [(key, Fraction(total_pence * weight, whole)) for key, weight in weights]
    shares = {key: int(amount) for key, amount in exact}
    left_over = total_pence - sum(shares.values())
    by_remainder = sorted(
        range(len(exact)), key=lambda index: (-(exact[index][1] - shares[exact[index][0]]), index)
    )
    for index in by_remainder[:left_over]:
        shares[exact[index][0]] += 1
    return shares
