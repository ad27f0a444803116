"""What reviews register with the apps below when Django starts: the person's reviews, who was
invited, each point of view and the survey answers, for subject access and retention; and the
reviews waiting for the person's answer, a panel on their own pages."""

from __future__ import annotations


def register() -> None:
    from directsupport.lib.page_parts import register_parts
    from directsupport.lib.person_records import RecordKind
    from directsupport.lib.person_records import register as register_records

    from ..models import Perspective, Review, ReviewInvitation, SurveyResponse
    from .person_panels import PANELS

    register_parts(PANELS)

    # A review is about the person's care and plan (care records, like the Plan Book); funds'
    # AgreementReview, which a completed review records, is registered by funds.
    register_records(
        Review,
        person_lookup="person",
        kind=RecordKind.CARE,
        label="Their reviews: when, where, the 4 plus 1 questions and what next",
        exclude=("version",),
    )
    register_records(
        ReviewInvitation,
        person_lookup="review__person",
        kind=RecordKind.CARE,
        label="Who was invited to their reviews, their answers and who came",
    )
    register_records(
        Perspective,
        person_lookup="review__person",
        kind=RecordKind.CARE,
        label="What is working and not working, from each point of view at their reviews",
    )
    register_records(
        SurveyResponse,
        person_lookup="review__person",
        kind=RecordKind.CARE,
        label="Their answers to the outcome survey at their reviews",
    )
