"""The Plan Book's data: a person's versions (``versions``) and the batches of everyone's PDFs
for an event (``batches``)."""

from .batches import BatchStatus, PlanBookBatch
from .versions import PlanBookStatus, PlanBookVersion, SignedBy

__all__ = [
    "BatchStatus",
    "PlanBookBatch",
    "PlanBookStatus",
    "PlanBookVersion",
    "SignedBy",
]
