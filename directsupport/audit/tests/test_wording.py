"""The audit log's sentences read as English after a person's name (issue 14: "Dee Okafor's
plan Book versions", "Dee Okafor's my Perfect Week page")."""

from __future__ import annotations

import pytest

from directsupport.audit.models import Action, AuditEvent
from directsupport.audit.wording import describe

NAMES = {7: "Dee Okafor"}


def _sentence(summary: str) -> str:
    return describe(AuditEvent(action=Action.VIEW, person_id=7, summary=summary), NAMES)


@pytest.mark.parametrize(
    ("summary", "reads"),
    [
        ("Plan Book versions", "looked at Dee Okafor's Plan Book versions"),
        ("My Perfect Week page", "looked at Dee Okafor's Perfect Week page"),
        ("Person page", "looked at Dee Okafor's person page"),
        ("BSL video", "looked at Dee Okafor's BSL video"),
        ("", "looked at Dee Okafor's information"),
    ],
)
def test_a_summary_reads_as_english_after_the_persons_name(summary, reads):
    assert _sentence(summary) == f"Someone not signed in {reads}"
