"""The Plan Book's verbs: start, compile, write, share, agree, publish, and what they refuse."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from directsupport.audit.models import Action, AuditEvent
from directsupport.lib.transitions import IllegalTransition
from directsupport.planbook.book import services as planbook_services
from directsupport.planbook.book.services import (
    EditConflict,
    NotADraft,
    NotWaitingForAgreement,
    PublishedVersionCannotChange,
    VersionAlreadyOpen,
    agree,
    ask_for_changes,
    compile_draft,
    latest_change_request,
    set_status,
    start_version,
    update_draft,
)
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion, SignedBy
from directsupport.planning.models import Question, Speaker, ToolSection

from .conftest import add_note
from .plan_book_support import fill_tools, version_at

pytestmark = pytest.mark.django_db


def audit_rows(version: PlanBookVersion) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            subject_type="planbook.planbookversion", subject_id=str(version.pk)
        ).order_by("at", "id")
    )


def fresh(version: PlanBookVersion) -> PlanBookVersion:
    saved = PlanBookVersion.objects.get(pk=version.pk)
    saved.person = version.person
    return saved


# --- Starting -------------------------------------------------------------------------------


def test_the_first_version_is_compiled_from_the_tools_and_notes(coordinator, dee):
    fill_tools(dee)
    add_note(dee, text="Swimming on Saturdays")

    version = start_version(actor=coordinator, person=dee)

    assert (version.number, version.status) == (1, PlanBookStatus.DRAFT)
    assert version.compiled_at is not None
    kinds = [tool["kind"] for tool in version.content["tools"]]
    assert kinds == ["one_page_profile", "working_not_working", "decision_making"]
    important = next(q for q in version.content["notes"] if q["question"] == Question.IMPORTANT)
    assert [item["text"] for item in important["items"]] == ["Swimming on Saturdays"]
    (row,) = audit_rows(version)
    assert (row.action, row.person_id, row.actor) == (Action.CREATE, dee.pk, coordinator)
    assert row.changes["status"] == {"from": "", "to": "draft"}


def test_a_second_version_cannot_start_while_one_is_open(coordinator, dee):
    first = start_version(actor=coordinator, person=dee)

    with pytest.raises(VersionAlreadyOpen) as refused:
        start_version(actor=coordinator, person=dee)

    assert refused.value.open_version == first
    assert "Version 1 is not published yet" in str(refused.value)
    assert PlanBookVersion.objects.filter(person=dee).count() == 1


def test_the_next_version_starts_from_the_last_published_one(coordinator, dee):
    fill_tools(dee)
    first = version_at(dee, PlanBookStatus.DRAFT, by=coordinator)
    first = update_draft(
        actor=coordinator,
        version=first,
        expected_version=first.version,
        introduction="Dee made this with Ngozi and Sam.",
        changes_summary="",
    )
    first = set_status(actor=coordinator, version=first, status=PlanBookStatus.SHARED)
    first = agree(actor=coordinator, version=first, signed_by=SignedBy.PERSON, how="meeting")
    first = set_status(actor=coordinator, version=first, status=PlanBookStatus.PUBLISHED)
    # The tools move on after publishing: the next version shows them as they are now.
    ToolSection.objects.filter(person=dee, kind="one_page_profile").update(
        content={"appreciate": ["Her big laugh"], "important": ["Dancing"], "support": []}
    )

    second = start_version(actor=coordinator, person=dee)

    assert (second.number, second.status) == (2, PlanBookStatus.DRAFT)
    assert second.introduction == "Dee made this with Ngozi and Sam."
    assert second.changes_summary == ""
    profile = second.content["tools"][0]["content"]
    assert profile["important"] == ["Dancing"]
    # The published version is untouched.
    assert fresh(first).content["tools"][0]["content"]["important"] == [
        "Swimming on Saturdays",
        "Seeing Ngozi every week",
    ]
    assert audit_rows(second)[0].changes["started_from"] == {"from": None, "to": 1}


# --- Writing a draft ------------------------------------------------------------------------


def test_a_draft_can_be_recompiled_from_the_latest_notes(coordinator, dee):
    version = start_version(actor=coordinator, person=dee)
    add_note(dee, text="Dancing at the community centre", question=Question.PLACES)

    compiled = compile_draft(actor=coordinator, version=version, expected_version=version.version)

    places = next(q for q in compiled.content["notes"] if q["question"] == Question.PLACES)
    assert [item["text"] for item in places["items"]] == ["Dancing at the community centre"]
    assert fresh(version).version == version.version + 1
    assert audit_rows(version)[-1].summary == (
        "Updated Plan Book version 1 from the latest tools and notes"
    )


def test_changing_the_introduction_is_audited_with_old_and_new_words(coordinator, dee):
    version = start_version(actor=coordinator, person=dee)

    update_draft(
        actor=coordinator,
        version=version,
        expected_version=version.version,
        introduction="Made with Dee in March.",
        changes_summary="The first version.",
    )

    saved = fresh(version)
    assert (saved.introduction, saved.changes_summary) == (
        "Made with Dee in March.",
        "The first version.",
    )
    row = audit_rows(version)[-1]
    assert row.changes["introduction"] == {"from": "", "to": "Made with Dee in March."}


def test_a_stale_draft_edit_is_refused_and_changes_nothing(coordinator, manager, dee):
    version = start_version(actor=coordinator, person=dee)
    seen = version.version
    update_draft(
        actor=manager,
        version=version,
        expected_version=seen,
        introduction="Helen's words",
        changes_summary="",
    )

    with pytest.raises(EditConflict) as conflict:
        update_draft(
            actor=coordinator,
            version=version,
            expected_version=seen,
            introduction="Priya's words",
            changes_summary="",
        )

    assert conflict.value.saved.introduction == "Helen's words"
    assert fresh(version).introduction == "Helen's words"


def test_an_introduction_over_two_thousand_characters_is_refused(coordinator, dee):
    version = start_version(actor=coordinator, person=dee)

    with pytest.raises(ValidationError):
        update_draft(
            actor=coordinator,
            version=version,
            expected_version=version.version,
            introduction="x" * 2001,
            changes_summary="",
        )

    assert fresh(version).introduction == ""


@pytest.mark.parametrize("status", [PlanBookStatus.SHARED, PlanBookStatus.AGREED])
def test_a_shared_or_agreed_version_cannot_be_written_until_back_in_draft(status, coordinator, dee):
    version = version_at(dee, status, by=coordinator)

    with pytest.raises(NotADraft):
        update_draft(
            actor=coordinator,
            version=version,
            expected_version=version.version,
            introduction="Changed",
            changes_summary="",
        )
    with pytest.raises(NotADraft):
        compile_draft(actor=coordinator, version=version, expected_version=version.version)

    assert fresh(version).introduction == ""


def test_a_published_version_cannot_be_edited_compiled_or_moved(coordinator, dee):
    version = version_at(dee, PlanBookStatus.PUBLISHED, by=coordinator)
    before = fresh(version)
    rows_before = AuditEvent.objects.count()

    with pytest.raises(PublishedVersionCannotChange) as refused:
        update_draft(
            actor=coordinator,
            version=version,
            expected_version=version.version,
            introduction="Changed",
            changes_summary="",
        )
    assert str(refused.value) == "Published versions cannot change. Start a new version."
    with pytest.raises(PublishedVersionCannotChange):
        compile_draft(actor=coordinator, version=version, expected_version=version.version)
    for status in (PlanBookStatus.DRAFT, PlanBookStatus.SHARED):
        with pytest.raises(PublishedVersionCannotChange):
            set_status(actor=coordinator, version=version, status=status)
    with pytest.raises(PublishedVersionCannotChange):
        agree(actor=coordinator, version=version, signed_by=SignedBy.PERSON)

    after = fresh(version)
    assert (after.version, after.content, after.status) == (
        before.version,
        before.content,
        PlanBookStatus.PUBLISHED,
    )
    assert AuditEvent.objects.count() == rows_before


# --- The workflow ---------------------------------------------------------------------------

LEGAL_MOVES = [
    (PlanBookStatus.DRAFT, PlanBookStatus.SHARED),
    (PlanBookStatus.SHARED, PlanBookStatus.DRAFT),
    (PlanBookStatus.AGREED, PlanBookStatus.DRAFT),
    (PlanBookStatus.AGREED, PlanBookStatus.PUBLISHED),
]
ILLEGAL_MOVES = [
    (PlanBookStatus.DRAFT, PlanBookStatus.PUBLISHED),
    (PlanBookStatus.DRAFT, PlanBookStatus.DRAFT),
    (PlanBookStatus.SHARED, PlanBookStatus.PUBLISHED),
    (PlanBookStatus.SHARED, PlanBookStatus.SHARED),
    (PlanBookStatus.AGREED, PlanBookStatus.SHARED),
]


@pytest.mark.parametrize(("start", "wanted"), LEGAL_MOVES)
def test_legal_moves_are_made_and_audited(start, wanted, coordinator, dee):
    version = version_at(dee, start, by=coordinator)

    moved = set_status(actor=coordinator, version=version, status=wanted)

    assert fresh(moved).status == wanted
    row = audit_rows(version)[-1]
    assert (row.action, row.person_id, row.actor) == (Action.UPDATE, dee.pk, coordinator)
    assert row.changes["status"] == {"from": start, "to": wanted}


@pytest.mark.parametrize(("start", "wanted"), ILLEGAL_MOVES)
def test_illegal_moves_are_refused_and_change_nothing(start, wanted, coordinator, dee):
    version = version_at(dee, start, by=coordinator)
    rows_before = len(audit_rows(version))

    with pytest.raises(IllegalTransition):
        set_status(actor=coordinator, version=version, status=wanted)

    assert fresh(version).status == start
    assert len(audit_rows(version)) == rows_before


def test_agreeing_goes_through_agree_not_set_status(coordinator, dee):
    version = version_at(dee, PlanBookStatus.SHARED, by=coordinator)

    with pytest.raises(ValueError):
        set_status(actor=coordinator, version=version, status=PlanBookStatus.AGREED)

    assert fresh(version).status == PlanBookStatus.SHARED


def test_sharing_records_who_and_when_and_going_back_clears_the_agreement(coordinator, dee):
    version = version_at(dee, PlanBookStatus.AGREED, by=coordinator)
    assert (version.shared_by, version.signed_by) == (coordinator, SignedBy.PERSON)

    back = set_status(actor=coordinator, version=version, status=PlanBookStatus.DRAFT)

    saved = fresh(back)
    assert (saved.signed_by, saved.signed_at, saved.shared_at) == ("", None, None)


def test_a_stale_status_change_is_refused(coordinator, manager, dee):
    version = version_at(dee, PlanBookStatus.AGREED, by=coordinator)
    seen = version.version
    set_status(actor=manager, version=version, status=PlanBookStatus.DRAFT)

    with pytest.raises(EditConflict):
        set_status(
            actor=coordinator,
            version=version,
            status=PlanBookStatus.PUBLISHED,
            expected_version=seen,
        )

    assert fresh(version).status == PlanBookStatus.DRAFT


# --- Agreeing -------------------------------------------------------------------------------


def test_the_person_agrees_their_own_shared_plan_book(coordinator, person_user, dee):
    version = version_at(dee, PlanBookStatus.SHARED, by=coordinator)

    agreed = agree(actor=person_user, version=version, signed_by=SignedBy.PERSON)

    saved = fresh(agreed)
    assert (saved.status, saved.signed_by, saved.signed_by_user) == (
        PlanBookStatus.AGREED,
        SignedBy.PERSON,
        person_user,
    )
    assert saved.signed_at is not None
    row = audit_rows(version)[-1]
    assert row.summary == "Dee Okafor agreed Plan Book version 1"
    assert row.changes["status"] == {"from": "shared", "to": "agreed"}


def test_staff_record_an_agreement_made_on_paper(coordinator, dee):
    version = version_at(dee, PlanBookStatus.SHARED, by=coordinator)

    agree(actor=coordinator, version=version, signed_by=SignedBy.PERSON, how="paper")

    row = audit_rows(version)[-1]
    assert row.summary == (
        "Dee Okafor agreed Plan Book version 1 (recorded by Priya Shah, on paper)"
    )
    assert row.changes["how"] == {"from": None, "to": "on paper"}


def test_a_representative_agrees_with_their_name_and_reason(coordinator, dee):
    version = version_at(dee, PlanBookStatus.SHARED, by=coordinator)

    agree(
        actor=coordinator,
        version=version,
        signed_by=SignedBy.REPRESENTATIVE,
        representative_name="  Ngozi   Okafor ",
        representative_reason="Dee could not weigh up the plan even with pictures (MCA s3).",
    )

    saved = fresh(version)
    assert (saved.signed_by, saved.representative_name) == (
        SignedBy.REPRESENTATIVE,
        "Ngozi Okafor",
    )
    assert saved.representative_reason.startswith("Dee could not weigh up")
    assert audit_rows(version)[-1].summary.startswith(
        "Ngozi Okafor agreed Plan Book version 1 for Dee Okafor"
    )


@pytest.mark.parametrize(
    ("name", "reason", "field"),
    [
        ("Ngozi Okafor", "   ", "representative_reason"),
        ("", "Lacks capacity for this decision", "representative_name"),
    ],
)
def test_a_representative_without_name_or_reason_is_refused_and_nothing_stored(
    name, reason, field, coordinator, dee
):
    version = version_at(dee, PlanBookStatus.SHARED, by=coordinator)
    rows_before = AuditEvent.objects.count()

    with pytest.raises(ValidationError) as refused:
        agree(
            actor=coordinator,
            version=version,
            signed_by=SignedBy.REPRESENTATIVE,
            representative_name=name,
            representative_reason=reason,
        )

    assert field in refused.value.message_dict
    saved = fresh(version)
    assert (saved.status, saved.signed_by, saved.representative_name) == (
        PlanBookStatus.SHARED,
        "",
        "",
    )
    assert AuditEvent.objects.count() == rows_before


def test_the_person_cannot_sign_as_their_own_representative(coordinator, person_user, dee):
    version = version_at(dee, PlanBookStatus.SHARED, by=coordinator)

    with pytest.raises(ValidationError):
        agree(
            actor=person_user,
            version=version,
            signed_by=SignedBy.REPRESENTATIVE,
            representative_name="Dee",
            representative_reason="Because",
        )

    assert fresh(version).status == PlanBookStatus.SHARED


@pytest.mark.parametrize("status", [PlanBookStatus.DRAFT, PlanBookStatus.AGREED])
def test_only_a_shared_version_can_be_agreed(status, coordinator, dee):
    version = version_at(dee, status, by=coordinator)

    with pytest.raises(NotWaitingForAgreement):
        agree(actor=coordinator, version=version, signed_by=SignedBy.PERSON)

    assert fresh(version).status == status


def test_asking_for_changes_sends_it_back_to_draft_with_the_persons_words(
    coordinator, person_user, dee
):
    version = version_at(dee, PlanBookStatus.SHARED, by=coordinator)

    ask_for_changes(actor=person_user, version=version, comment="  Put in my dancing  ")

    saved = fresh(version)
    assert saved.status == PlanBookStatus.DRAFT
    request = latest_change_request(saved)
    assert request is not None
    assert (request.asked_by, request.comment) == ("Dee Okafor", "Put in my dancing")
    assert audit_rows(version)[-1].changes["status"] == {"from": "shared", "to": "draft"}


def test_best_guesses_go_in_marked_and_wrong_guesses_stay_out(coordinator, dee, sister):
    add_note(
        dee,
        text="Loves the seaside",
        speaker=Speaker.CIRCLE,
        said_by="Ngozi Okafor",
        relationship="my sister",
    )
    add_note(
        dee,
        text="Likes getting up early",
        speaker=Speaker.CIRCLE,
        said_by="Ngozi Okafor",
        status="not_agreed",
    )

    version = start_version(actor=coordinator, person=dee)

    important = next(q for q in version.content["notes"] if q["question"] == Question.IMPORTANT)
    assert [(item["text"], item["status"]) for item in important["items"]] == [
        ("Loves the seaside", "best_guess")
    ]


def test_two_coordinators_starting_at_once_get_one_version(coordinator, manager, dee, monkeypatch):
    first = start_version(actor=manager, person=dee)
    real = planbook_services.open_version_of
    answers = iter([None])  # The second coordinator's check ran before the first one saved.
    monkeypatch.setattr(
        planbook_services, "open_version_of", lambda person: next(answers, None) or real(person)
    )

    with pytest.raises(VersionAlreadyOpen) as refused:
        start_version(actor=coordinator, person=dee)

    assert refused.value.open_version == first
    assert PlanBookVersion.objects.filter(person=dee).count() == 1
