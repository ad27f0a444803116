"""The one way a status moves: along a transition map, recording who moved it and when."""

from __future__ import annotations

from collections.abc import Mapping


class IllegalTransition(Exception):
    """A status change the workflow does not allow; nothing was changed."""

    def __init__(self, *, current: str, wanted: str, allowed: frozenset[str]) -> None:
        self.current = current
        self.wanted = wanted
        self.allowed = allowed
        super().__init__(f"Cannot move from {current!r} to {wanted!r}")


def check_transition(
    transitions: Mapping[str, frozenset[str]], *, current: str, wanted: str
) -> None:
    allowed = transitions.get(current, frozenset())
    if wanted not in allowed:
        raise IllegalTransition(current=current, wanted=wanted, allowed=allowed)
