"""The person-centred tools: the overview, one tool read-only, changing it, and its history.

Everyone who may see the tools (access.get_tools_person_for_user) reads them; managers and
coordinators change them. Each save is a new version; a stale save gets a conflict page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from directsupport.accounts.http import AuthenticatedRequest
from directsupport.audit.services import record_view
from directsupport.people.models import Person

from ..access import can_edit_tools, get_tools_person_for_user
from ..models import ToolRevision, ToolSection
from ..outcomes.views import outcome_counts
from .diff import diff_content
from .display import (
    ChangeInWords,
    DisplayPart,
    change_in_words,
    display_tool,
    section_status,
)
from .forms import ToolEditor
from .services import ToolConflict, save_tool
from .specs import SPECS_BY_KIND, TOOL_SPECS, ToolSpec


def _spec_or_404(kind: str) -> ToolSpec:
    spec = SPECS_BY_KIND.get(kind)
    if spec is None:
        raise Http404("No such person-centred tool")
    return spec


def _section(person: Person, kind: str) -> ToolSection | None:
    return ToolSection.objects.filter(person=person, kind=kind).select_related("updated_by").first()


# --- The overview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolLine:
    spec: ToolSpec
    status: str
    started: bool


def tools_overview(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = get_tools_person_for_user(user, pk)
    record_view(request, person_id=person.pk, subject=person, summary="Person-centred tools")
    # The content is not needed here, and can be long: only what the status line says.
    sections = {
        section.kind: section
        for section in ToolSection.objects.filter(person=person)
        .select_related("updated_by")
        .only("kind", "version", "updated_at", "updated_by__full_name")
    }
    lines = [
        ToolLine(spec, section_status(sections.get(spec.kind)), spec.kind in sections)
        for spec in TOOL_SPECS
    ]
    return render(
        request,
        "planning/tools/overview.html",
        {
            "person": person,
            "lines": lines,
            "counts": outcome_counts(person),
            "can_edit": can_edit_tools(user, person),
        },
    )


# --- One tool -------------------------------------------------------------------------------


def tool_detail(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    user = request.user
    person = get_tools_person_for_user(user, pk)
    spec = _spec_or_404(kind)
    section = _section(person, kind)
    record_view(request, person_id=person.pk, subject=section or person, summary=spec.title)
    return render(
        request,
        "planning/tools/tool.html",
        {
            "person": person,
            "spec": spec,
            "section": section,
            "status": section_status(section),
            "parts": display_tool(spec, section.content if section else None),
            "can_edit": can_edit_tools(user, person),
        },
    )


def tool_edit(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    user = request.user
    person = get_tools_person_for_user(user, pk, write=True)
    spec = _spec_or_404(kind)
    if request.method == "POST":
        editor = ToolEditor(spec, request.POST)
        if editor.is_valid():
            try:
                saved = save_tool(
                    actor=user,
                    person=person,
                    kind=kind,
                    content=editor.content(),
                    expected_version=editor.version,
                    request=request,
                )
            except ToolConflict as conflict:
                return _conflict_page(request, person, spec, editor, conflict.saved)
            except ValidationError as error:
                for message in error.messages:
                    editor.add_error(message)
            else:
                if saved.version == editor.version:
                    messages.info(request, "Nothing had changed, so there is no new version.")
                else:
                    messages.success(request, f"Saved version {saved.version} of “{spec.title}”.")
                return redirect("planning:tool", pk=person.pk, kind=kind)
    else:
        section = _section(person, kind)
        record_view(
            request,
            person_id=person.pk,
            subject=section or person,
            summary=f"Change “{spec.title}” page",
        )
        editor = ToolEditor(
            spec,
            content=section.content if section else None,
            version=section.version if section else 0,
        )
    return render(
        request,
        "planning/tools/edit.html",
        {"person": person, "spec": spec, "editor": editor},
    )


@dataclass(frozen=True)
class Difference:
    label: str
    yours: DisplayPart
    saved: DisplayPart


def _conflict_page(
    request: HttpRequest,
    person: Person,
    spec: ToolSpec,
    editor: ToolEditor,
    saved: ToolSection,
) -> HttpResponse:
    """Both versions side by side, and what the user typed ready to save again."""
    typed = editor.content()
    differences = [
        Difference(part.label, yours, theirs)
        for part, yours, theirs in zip(
            spec.parts,
            display_tool(spec, typed),
            display_tool(spec, saved.content),
            strict=True,
        )
        if typed.get(part.key) != saved.content.get(part.key)
    ]
    data = request.POST.copy()
    data["version"] = str(saved.version)
    return render(
        request,
        "planning/tools/conflict.html",
        {
            "person": person,
            "spec": spec,
            "saved": saved,
            "saved_status": section_status(saved),
            "differences": differences,
            "editor": ToolEditor(spec, data),
        },
        status=409,
    )


# --- History --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    revision: ToolRevision
    changes: list[ChangeInWords]


def tool_history(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    user = request.user
    person = get_tools_person_for_user(user, pk)
    spec = _spec_or_404(kind)
    section = _section(person, kind)
    record_view(
        request, person_id=person.pk, subject=section or person, summary=f"{spec.title} history"
    )
    entries: list[HistoryEntry] = []
    if section is not None:
        previous: dict[str, Any] | None = None
        for revision in section.revisions.select_related("saved_by").order_by("version"):
            changes = diff_content(spec, previous, revision.content)
            entries.append(HistoryEntry(revision, [change_in_words(c) for c in changes]))
            previous = revision.content
    entries.reverse()
    return render(
        request,
        "planning/tools/history.html",
        {
            "person": person,
            "spec": spec,
            "section": section,
            "entries": entries,
            "can_edit": can_edit_tools(user, person),
        },
    )
