"""The demo's Planning Live: three past days with all 55 people, their boards, tools, outcomes,
graphic recordings and Plan Books at different states."""

import datetime as dt
import json
from collections import Counter
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from directsupport.people.models import ConsentDecision, DecidedBy, Person
from directsupport.people.photos import open_photo
from directsupport.planbook.book.compile import compile_plan_book
from directsupport.planbook.models import PlanBookStatus, PlanBookVersion, SignedBy
from directsupport.planning.models import (
    CaptureNote,
    EventInvitation,
    EventParticipant,
    GraphicRecording,
    NoteStatus,
    Outcome,
    OutcomeAction,
    Phase,
    PlanningEvent,
    Question,
    Speaker,
    ToolKind,
    ToolRevision,
    ToolSection,
)
from directsupport.planning.models.capture import status_for
from directsupport.planning.tools.specs import (
    ITEM_MAX_LENGTH,
    MAX_ITEMS,
    TEXT_MAX_LENGTH,
    ListPart,
    TablePart,
    TextPart,
    ToolSpec,
    spec_for,
)

PLANNING_MODELS = (
    PlanningEvent,
    EventParticipant,
    EventInvitation,
    CaptureNote,
    GraphicRecording,
    ToolSection,
    ToolRevision,
    Outcome,
    OutcomeAction,
    PlanBookVersion,
)
GUESS_STATUSES = {NoteStatus.BEST_GUESS, NoteStatus.CONFIRMED, NoteStatus.NOT_AGREED}


def shape_problems(content: object, spec: ToolSpec) -> list[str]:
    """Everything about ``content`` that does not fit the tool's spec."""
    if not isinstance(content, dict):
        return ["content is not an object"]
    problems = []
    if set(content) != {part.key for part in spec.parts}:
        problems.append(f"keys {sorted(content)} are not the parts")
    for part in spec.parts:
        value = content.get(part.key)
        if isinstance(part, ListPart):
            if not isinstance(value, list) or not 0 < len(value) <= MAX_ITEMS:
                problems.append(f"{part.key}: not a list of 1 to {MAX_ITEMS} items")
                continue
            for item in value:
                if not isinstance(item, str) or not item.strip() or len(item) > ITEM_MAX_LENGTH:
                    problems.append(f"{part.key}: bad item {item!r}")
        elif isinstance(part, TextPart):
            if not isinstance(value, str) or not value.strip() or len(value) > TEXT_MAX_LENGTH:
                problems.append(f"{part.key}: not a short text")
        else:
            assert isinstance(part, TablePart)
            if not isinstance(value, list) or not value:
                problems.append(f"{part.key}: no rows")
                continue
            keys = {column.key for column in part.columns}
            for row in value:
                if not isinstance(row, dict) or set(row) != keys:
                    problems.append(f"{part.key}: row {row!r} has the wrong columns")
                    continue
                for column in part.columns:
                    cell = row[column.key]
                    if not isinstance(cell, str) or len(cell) > ITEM_MAX_LENGTH:
                        problems.append(f"{column.key}: bad cell {cell!r}")
                    elif column.required and not cell.strip():
                        problems.append(f"{column.key}: empty but required")
                    elif column.choices and cell not in {value for value, _ in column.choices}:
                        problems.append(f"{column.key}: {cell!r} is not a choice")
                    elif column.is_date and cell:
                        dt.date.fromisoformat(cell)
    return problems


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in PLANNING_MODELS}


def _latest_versions() -> dict[int, PlanBookVersion]:
    latest: dict[int, PlanBookVersion] = {}
    for version in PlanBookVersion.objects.order_by("number"):
        latest[version.person_id] = version
    return latest


def _represented() -> set[int]:
    return set(
        ConsentDecision.objects.filter(decided_by=DecidedBy.REPRESENTATIVE).values_list(
            "person_id", flat=True
        )
    )


def test_three_past_events_take_all_55_people_once(demo):
    events = list(PlanningEvent.objects.order_by("date"))
    today = timezone.localdate()
    assert len(events) == 3
    assert all(event.date < today for event in events)
    assert (today - events[0].date).days <= 14 * 31
    assert len({event.title for event in events}) == 3
    people = Counter(EventParticipant.objects.values_list("person_id", flat=True))
    assert len(people) == 55 == Person.objects.count()
    assert set(people.values()) == {1}
    for event in events:
        assert 15 <= event.participants.count() <= 20
        assert 2 <= event.facilitators.count() <= 3
        assert event.recorder is not None
        assert "step-free" in event.venue_access.lower() and "toilet" in event.venue_access
    assert [event.phase for event in events] == [Phase.SUPPORTS, Phase.SUPPORTS, Phase.OUTCOMES]
    latest_phases = set(events[-1].participants.values_list("phase", flat=True))
    assert len(latest_phases) >= 2


def test_each_person_invited_people_from_their_own_circle(demo):
    sizes: Counter[int] = Counter()
    for invitation in EventInvitation.objects.select_related("member", "participant"):
        member = invitation.member
        assert member.person_id == invitation.participant.person_id
        assert member.may_see or member.relationship == "my keyworker"
        sizes[invitation.participant_id] += 1
    assert len(sizes) == 55
    assert all(1 <= size <= 5 for size in sizes.values())
    assert sum(1 for size in sizes.values() if size >= 2) >= 50


def test_represented_people_had_their_invitations_agreed_by_a_representative(demo):
    represented = _represented()
    assert represented
    for participant in EventParticipant.objects.all():
        if participant.person_id in represented:
            assert participant.invitations_agreed_by == "representative"
            assert participant.invitations_representative
            assert "Mental Capacity Act" in participant.invitations_reason
        else:
            assert participant.invitations_agreed_by == "person"
            assert not participant.invitations_representative
        assert participant.invitations_recorded_by_id is not None


def test_every_note_is_said_by_the_person_or_someone_in_their_circle(demo):
    events = dict(EventParticipant.objects.values_list("person_id", "event_id"))
    for note in CaptureNote.objects.select_related("person", "speaker_member"):
        if note.speaker == Speaker.PERSON:
            assert note.speaker_member is None
            assert (note.said_by, note.relationship) == (note.person.display_name, "")
        else:
            assert note.speaker == Speaker.CIRCLE
            member = note.speaker_member
            assert member is not None and member.person_id == note.person_id
            assert (note.said_by, note.relationship) == (member.name, member.relationship)
        assert note.event_id in (None, events[note.person_id])
        assert note.written_by_id is not None
        assert note.text.strip() and len(note.text) <= 500
        assert "{" not in note.text and "}" not in note.text


def test_note_statuses_follow_the_rule(demo):
    for note in CaptureNote.objects.all():
        first = status_for(speaker=note.speaker, question=note.question)
        if first == NoteStatus.BEST_GUESS:
            assert note.status in GUESS_STATUSES
        else:
            assert note.status == first
        checked = note.status in (NoteStatus.CONFIRMED, NoteStatus.NOT_AGREED)
        assert (note.checked_by_id is not None) == checked
        assert bool(note.checked_how) == checked
        if checked:
            assert note.checked_at is not None
            assert note.created_at < note.checked_at <= timezone.now()
    statuses = Counter(CaptureNote.objects.values_list("status", flat=True))
    assert set(statuses) == set(NoteStatus.values)
    assert statuses[NoteStatus.CONFIRMED] > 5 * statuses[NoteStatus.NOT_AGREED]
    assert statuses[NoteStatus.CONFIRMED] > 5 * statuses[NoteStatus.BEST_GUESS]


def test_every_board_is_rich_and_in_many_voices(demo):
    per_person = Counter(CaptureNote.objects.values_list("person_id", flat=True))
    assert len(per_person) == 55
    assert all(15 <= count <= 35 for count in per_person.values())
    for person_id in per_person:
        questions = set(
            CaptureNote.objects.filter(person_id=person_id).values_list("question", flat=True)
        )
        assert questions == set(Question.values)
    relationships = Counter(
        CaptureNote.objects.exclude(relationship="").values_list("relationship", flat=True)
    )
    for voice in ("my mum", "my sister", "my keyworker", "my advocate from Hollowfield Advocacy"):
        assert relationships[voice] >= 10
    assert len(relationships) >= 20
    texts = Counter(CaptureNote.objects.values_list("text", flat=True))
    assert len(texts) >= 400


def test_some_people_still_have_best_guesses_to_check(demo):
    open_guesses = Counter(
        CaptureNote.objects.filter(status=NoteStatus.BEST_GUESS).values_list("person_id", flat=True)
    )
    assert 14 <= len(open_guesses) <= 24  # about a third of the 55
    assert all(2 <= count <= 6 for count in open_guesses.values())


def test_every_tool_and_every_version_fits_its_spec(demo):
    for section in ToolSection.objects.prefetch_related("revisions"):
        spec = spec_for(section.kind)
        assert shape_problems(section.content, spec) == [], (section, section.content)
        revisions = sorted(section.revisions.all(), key=lambda revision: revision.version)
        assert [revision.version for revision in revisions] == list(range(1, section.version + 1))
        assert revisions[-1].content == section.content
        for revision in revisions:
            assert shape_problems(revision.content, spec) == [], revision
            assert revision.saved_by_id is not None
        assert [r.saved_at for r in revisions] == sorted(r.saved_at for r in revisions)


def test_most_people_have_all_eight_tools_and_some_have_earlier_versions(demo):
    tools = Counter(ToolSection.objects.values_list("person_id", flat=True))
    assert len(tools) == 55
    assert sum(1 for count in tools.values() if count == len(ToolKind)) >= 40
    assert min(tools.values()) >= 4
    versions = Counter(ToolSection.objects.values_list("version", flat=True))
    assert versions[1] > versions[2] > versions[3] > 0


def test_outcomes_come_from_what_was_said_or_a_tool_and_have_dated_actions(demo):
    today = timezone.localdate()
    outcomes = Counter(Outcome.objects.values_list("person_id", flat=True))
    assert len(outcomes) == 55
    assert all(2 <= count <= 5 for count in outcomes.values())
    for outcome in Outcome.objects.select_related("source_note").prefetch_related("actions"):
        note = outcome.source_note
        if note is not None:
            assert note.person_id == outcome.person_id
            assert note.question == Question.FUTURE
            assert note.status != NoteStatus.NOT_AGREED
            assert note.created_at < outcome.created_at
        else:
            assert outcome.source_tool in ToolKind.values and outcome.source_text
        actions = list(outcome.actions.all())
        assert 1 <= len(actions) <= 3
        assert all(action.who and action.what for action in actions)
        if outcome.achieved_on:
            assert all(action.done_on for action in actions)
    states = Counter(
        "done" if action.done_on else "overdue" if action.by_when < today else "upcoming"
        for action in OutcomeAction.objects.all()
    )
    assert states["done"] > states["upcoming"] > states["overdue"] > 0
    assert states["overdue"] < 0.2 * sum(states.values())
    sources = Counter(bool(o.source_note_id) for o in Outcome.objects.all())
    assert sources[True] > 50 and sources[False] > 20


def test_plan_books_are_at_different_versions_and_states(demo):
    latest = _latest_versions()
    assert len(latest) == 55
    kinds: Counter[str] = Counter()
    for version in latest.values():
        if version.number == 2:
            assert version.status in (PlanBookStatus.DRAFT, PlanBookStatus.SHARED)
            first = PlanBookVersion.objects.get(person_id=version.person_id, number=1)
            assert first.status == PlanBookStatus.PUBLISHED
            assert version.changes_summary.startswith("Since version 1:")
            kinds["moved on"] += 1
        else:
            assert version.number == 1 and not version.changes_summary
            kinds[version.status] += 1
        assert version.introduction
    assert 18 <= kinds["moved on"] <= 22
    assert 13 <= kinds[PlanBookStatus.PUBLISHED] <= 17
    assert 8 <= kinds[PlanBookStatus.AGREED] <= 12
    assert 3 <= kinds[PlanBookStatus.SHARED] <= 8
    assert 3 <= kinds[PlanBookStatus.DRAFT] <= 8


def test_each_state_has_its_who_and_when(demo):
    represented = _represented()
    by_representative = set()
    for version in PlanBookVersion.objects.all():
        shared = version.status != PlanBookStatus.DRAFT
        signed = version.status in (PlanBookStatus.AGREED, PlanBookStatus.PUBLISHED)
        assert (version.shared_at is not None) == shared == (version.shared_by_id is not None)
        assert (version.signed_at is not None) == signed == bool(version.signed_by)
        assert (version.published_at is not None) == version.is_published
        assert version.compiled_at is not None
        if version.shared_at is not None:
            assert version.compiled_at < version.shared_at
        if version.shared_at is not None and version.signed_at is not None:
            assert version.shared_at < version.signed_at
        if version.signed_by == SignedBy.REPRESENTATIVE:
            assert version.person_id in represented
            assert version.representative_name
            assert "Mental Capacity Act" in version.representative_reason
            by_representative.add(version.person_id)
        elif signed:
            assert version.person_id not in represented
            assert version.signed_by == SignedBy.PERSON
    agreed_by_representative = {
        v.person_id
        for v in _latest_versions().values()
        if v.status == PlanBookStatus.AGREED and v.signed_by == SignedBy.REPRESENTATIVE
    }
    assert 1 <= len(agreed_by_representative) <= 2
    assert by_representative <= represented


def test_snapshots_are_compiled_plan_books_as_they_stood(demo):
    keys = set(compile_plan_book(Person.objects.get(first_name="Adaeze")))
    for version in PlanBookVersion.objects.select_related("person"):
        content = version.content
        assert set(content) == keys
        assert json.loads(json.dumps(content)) == content
        assert dt.datetime.fromisoformat(content["compiled_at"]) == version.compiled_at
        note_times = CaptureNote.objects.in_bulk(
            [item["id"] for question in content["notes"] for item in question["items"]]
        )
        assert all(note.created_at <= version.compiled_at for note in note_times.values())
        assert all(tool["version"] >= 1 for tool in content["tools"])
    for second in PlanBookVersion.objects.filter(number=2):
        first = PlanBookVersion.objects.get(person=second.person, number=1)
        assert first.content["notes"] != second.content["notes"]
        assert first.content["tools"] != second.content["tools"]


def test_every_plan_book_version_has_the_persons_priced_perfect_week(demo, client):
    # Every demo person made their Perfect Week at Planning Live, weeks before their first
    # version was compiled: no version may say the week "will appear here when it is made".
    for version in PlanBookVersion.objects.select_related("person"):
        week = version.content["week"]
        assert week is not None, (version.person, version.number)
        assert week["entries"], (version.person, version.number)
        assert week["price"] is not None, (version.person, week["price_problem"])
    dee = Person.objects.get(first_name="Adaeze", last_name="Okafor")
    client.force_login(dee.user)
    for number in (1, 2):
        page = client.get(f"/planning/people/{dee.pk}/plan-book/{number}/").content.decode()
        assert "My Perfect Week and spending plan" in page
        assert "will appear here when" not in page
        assert "What the support costs" in page


def test_dee_has_a_rich_board_guesses_to_check_and_a_plan_book_to_agree(demo):
    dee = Person.objects.get(first_name="Adaeze", last_name="Okafor")
    assert dee.user is not None
    notes = CaptureNote.objects.filter(person=dee)
    assert notes.count() >= 28
    assert 2 <= notes.filter(status=NoteStatus.BEST_GUESS).count() <= 3
    assert notes.exclude(speaker_member=None).values("speaker_member").distinct().count() >= 3
    versions = list(PlanBookVersion.objects.filter(person=dee).order_by("number"))
    assert [(v.number, v.status) for v in versions] == [
        (1, PlanBookStatus.PUBLISHED),
        (2, PlanBookStatus.SHARED),
    ]
    assert ToolSection.objects.filter(person=dee).count() == len(ToolKind)
    assert GraphicRecording.objects.filter(person=dee).exists()


def test_graphic_recordings_are_clean_pictures_in_private_storage(demo, _private_storage):
    recordings = list(GraphicRecording.objects.select_related("person", "event"))
    assert 4 <= len(recordings) <= 8
    for recording in recordings:
        assert (_private_storage / recording.image.name).exists()
        with open_photo(recording.image.name) as file, Image.open(file) as picture:
            assert picture.format == "PNG"
            assert picture.size == (recording.width, recording.height)
        assert recording.person.called in recording.description
        assert 300 < len(recording.description) <= 2000
        assert recording.event_id == recording.person.planning_participations.get().event_id
        assert recording.uploaded_by_id is not None


def test_nothing_happens_in_the_future(demo):
    now = timezone.now()
    fields: dict[type[Any], tuple[str, ...]] = {
        CaptureNote: ("created_at", "checked_at"),
        ToolRevision: ("saved_at",),
        Outcome: ("created_at", "updated_at"),
        PlanBookVersion: ("created_at", "compiled_at", "shared_at", "signed_at", "published_at"),
        EventParticipant: ("added_at", "phase_changed_at", "invitations_recorded_at"),
        GraphicRecording: ("uploaded_at",),
    }
    for model, names in fields.items():
        for name in names:
            latest = model.objects.exclude(**{name: None}).order_by(f"-{name}").first()
            assert getattr(latest, name) <= now, (model.__name__, name)
    assert not OutcomeAction.objects.filter(done_on__gt=timezone.localdate()).exists()


def test_every_row_passes_model_validation(demo):
    """Field rules (lengths, choices, required words): bulk_create does not check them."""
    checks = {"validate_unique": False, "validate_constraints": False}
    for model in (PlanningEvent, EventParticipant, CaptureNote, Outcome, OutcomeAction):
        foreign_keys = [f.name for f in model._meta.fields if f.is_relation]
        for row in model.objects.all():
            row.full_clean(exclude=foreign_keys, **checks)
    for version in PlanBookVersion.objects.all():
        version.full_clean(exclude=["person", "content"], **checks)


def test_seed_demo_reports_what_planning_added(demo):
    assert "Planning Live: 3 events, 55 people" in demo
    assert "best guesses to check" in demo
    assert "Plan Books: 55 (75 versions)" in demo


def test_seeding_again_adds_no_planning(demo):
    before = _counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert _counts() == before
    assert "nothing was added" in out.getvalue()
