"""Block contracts and how they become ISFs: the contract and who it covers (``services``), its
split into each person's share (``split_preview``, ``split``: the largest-remainder rule) and the
ISF programme in figures (``programme``)."""
