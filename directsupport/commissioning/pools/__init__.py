"""Joint procurement: pools of people buying support together.

- ``compatibility``: which needs can share a worker and what each pays against alone (pure
  functions; the optimiser uses the same rules).
- ``proposing.propose_pools``: the system's proposals from needs people want to share.
- ``services``: ``answer``, ``leave_pool``, ``close_pool``, ``send_pool_to_quote``, and the
  rules for absence and leaving that go into a pool's contract (``ABSENCE_RULE``,
  ``LEAVING_RULE``).
"""
