"""The programme dashboard's pages: who may see them, what each sees (a commissioner only their
council's people; an expert by experience nothing that names anyone), the period filter, the
downloads, how fresh the figures say they are, and a page that asks the same number of
questions however long the programme or however many people."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from directsupport.accounts.models import User
from directsupport.coproduction.dashboard.snapshots import refresh_provider
from directsupport.coproduction.models import ProgrammeSnapshot
from directsupport.people.models import Person
from tests.clock import on_day
from tests.factories import PersonFactory

from .test_dashboard_figures import TODAY, World, _on_a_fixed_day, programme_world  # noqa: F401

URL = reverse("coproduction:dashboard")
DOWNLOADS = (
    "coproduction:dashboard_csv",
    "coproduction:dashboard_xlsx",
    "coproduction:dashboard_pdf",
)


@pytest.fixture(autouse=True)
def _nothing_asked_for_yet() -> Iterator[None]:
    """A refresh asked for is remembered in the cache for a while; each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def figures(programme_world: World) -> World:  # noqa: F811 - the fixture imported above
    """The world with its snapshots worked out (as the nightly run leaves them)."""
    refresh_provider(programme_world.provider.pk, today=TODAY)
    refresh_provider(programme_world.other_provider.pk, today=TODAY)
    return programme_world


def _get(client: Client, url: str = URL, **params: str):
    return client.get(url, params)


@pytest.mark.parametrize("persona", ["manager", "coordinator", "finance", "market_shaper"])
def test_provider_staff_see_the_dashboard_with_names(request, figures, client_for, persona):
    user: User = request.getfixturevalue(persona)
    response = _get(client_for(user))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Programme dashboard" in page
    assert "Where each person is" in page
    for person in (figures.dee, figures.ben, figures.eli):
        assert person.display_name in page
    assert figures.fay.display_name not in page  # Other Care's person


@pytest.mark.parametrize("persona", ["worker", "person_user", "sister_user", "supplier"])
def test_others_are_not_shown_the_dashboard(request, figures, client_for, persona):
    user: User = request.getfixturevalue(persona)
    if persona == "sister_user":
        request.getfixturevalue("sister")
    client = client_for(user)
    assert _get(client).status_code == 404
    for name in DOWNLOADS:
        assert _get(client, reverse(name)).status_code == 404


def test_a_commissioner_sees_only_their_councils_people(figures, client_for, commissioner):
    response = _get(client_for(commissioner))
    assert response.status_code == 200
    page = response.content.decode()
    assert "People Hollowfield Council funds" in page
    for person in (figures.dee, figures.ben, figures.cara, figures.fay):
        assert person.display_name in page
    assert figures.eli.display_name not in page  # funded by Eastmere
    # No choice of council: it is always their own.
    assert 'name="council"' not in page


def test_the_other_commissioner_sees_none_of_hollowfields_people(
    figures, client_for, other_commissioner
):
    page = _get(client_for(other_commissioner)).content.decode()
    assert figures.eli.display_name in page
    for person in (figures.dee, figures.ben, figures.cara, figures.fay):
        assert person.display_name not in page


def test_provider_staff_may_narrow_to_one_council(figures, client_for, manager):
    page = _get(client_for(manager), council=str(figures.other_council.pk)).content.decode()
    assert "whom Eastmere Council funds" in page
    assert figures.eli.display_name in page
    assert figures.dee.display_name not in page


def _identifiers(person: Person) -> list[str]:
    found = [person.first_name, person.last_name, person.display_name]
    if person.preferred_name:
        found.append(person.preferred_name)
    if person.date_of_birth:
        born = person.date_of_birth
        found += [
            born.isoformat(),
            f"{born.day} {born:%B %Y}",
            f"{born:%d/%m/%Y}",
        ]
    found += [part for part in (person.address_line_1, person.address_line_2) if part]
    return found


def test_an_expert_sees_anonymised_figures_only(figures, client_for, expert):
    for person in Person.objects.all():
        person.address_line_1 = f"{person.pk} Lantern Row"
        person.save(update_fields=["address_line_1"])
    client = client_for(expert)
    page = _get(client).content.decode()
    assert "fewer than 5" in page
    assert "any count of people under 5 is shown as" in page
    assert "Where each person is" not in page
    csv_text = _get(client, reverse("coproduction:dashboard_csv")).content.decode("utf-8-sig")
    book = load_workbook(io.BytesIO(_get(client, reverse("coproduction:dashboard_xlsx")).content))
    xlsx_text = " ".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    )
    pdf = PdfReader(io.BytesIO(_get(client, reverse("coproduction:dashboard_pdf")).content))
    pdf_text = " ".join(page.extract_text() for page in pdf.pages)
    for person in Person.objects.all():
        for identifier in _identifiers(person):
            for where, text in (
                ("page", page),
                ("csv", csv_text),
                ("xlsx", xlsx_text),
                ("pdf", pdf_text),
            ):
                assert identifier not in text, f"{identifier!r} in the expert's {where}"


def test_small_counts_are_hidden_from_experts_in_the_download(figures, client_for, expert):
    csv_text = _get(client_for(expert), reverse("coproduction:dashboard_csv")).content.decode(
        "utf-8-sig"
    )
    assert "fewer than 5" in csv_text


@pytest.mark.parametrize("name", DOWNLOADS)
def test_the_commissioner_downloads_each_format(figures, client_for, commissioner, name):
    response = _get(client_for(commissioner), reverse(name), start="2026-10", end="2026-11")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    assert "programme-figures-2026-10-to-2026-11" in response["Content-Disposition"]
    if name.endswith("csv"):
        text = response.content.decode("utf-8-sig")
        assert "October 2026" in text and "November 2026" in text
        assert "September 2026" not in text
        assert figures.dee.display_name not in text  # figures only, never names
    if name.endswith("pdf"):
        assert response.content.startswith(b"%PDF")
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        assert "Figures worked out at" in text


def test_the_period_filter_shows_the_months_asked(figures, client_for, commissioner):
    page = _get(client_for(commissioner), start="2026-10", end="2026-10").content.decode()
    assert '<th scope="row">October 2026</th>' in page
    assert '<th scope="row">November 2026</th>' not in page
    assert "October 2026" in page


def test_a_period_ending_before_it_starts_is_refused_clearly(figures, client_for, commissioner):
    response = _get(client_for(commissioner), start="2026-11", end="2026-09")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "must be the same as or after" in page
    # What was chosen stays chosen, and the programme so far is shown meanwhile.
    assert '<option value="2026-11" selected>' in page
    assert '<option value="2026-09" selected>' in page
    assert '<th scope="row">April 2026</th>' in page


def test_a_month_that_is_not_offered_is_refused(figures, client_for, commissioner):
    page = _get(client_for(commissioner), start="1999-01").content.decode()
    assert "There is a problem" in page
    assert "Select a valid choice" in page


def test_the_page_says_how_fresh_the_figures_are(figures, client_for, manager):
    ProgrammeSnapshot.objects.update(
        computed_at=timezone.make_aware(dt.datetime.combine(TODAY, dt.time(14, 5)))
    )
    with on_day(TODAY, hour=14):
        page = _get(client_for(manager)).content.decode()
    assert "Figures worked out at 14:05 today; they refresh every 15 minutes." in page


def test_figures_older_than_15_minutes_are_worked_out_again(
    figures, client_for, manager, django_capture_on_commit_callbacks
):
    worked_out = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(13, 40)))
    ProgrammeSnapshot.objects.update(computed_at=worked_out)
    client = client_for(manager)
    with on_day(TODAY, hour=14), django_capture_on_commit_callbacks(execute=True):
        page = _get(client).content.decode()
    assert "Figures worked out at 13:40 today" in page
    assert "New figures are being worked out now." in page
    this_month = ProgrammeSnapshot.objects.get(
        provider=figures.provider, council=None, month=dt.date(2026, 11, 1)
    )
    assert this_month.computed_at > worked_out  # worked out again (tests run tasks at once)
    last_month = ProgrammeSnapshot.objects.get(
        provider=figures.provider, council=None, month=dt.date(2026, 10, 1)
    )
    assert last_month.computed_at == worked_out  # past months wait for the nightly run


def test_fresh_figures_are_not_worked_out_again(
    figures, client_for, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = _get(client_for(manager)).content.decode()
    assert not [c for c in callbacks if "_enqueue_on_commit" in c.__qualname__]
    assert "New figures are being worked out now." not in page


def _count_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert _get(client).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["manager", "commissioner", "expert"])
def test_the_page_asks_the_same_number_of_questions_however_big(
    request, figures, client_for, persona
):
    client: Client = client_for(request.getfixturevalue(persona))
    _count_queries(client)  # the session and the user, once
    before = _count_queries(client)
    for number in range(30):
        PersonFactory.create(
            organisation=figures.provider,
            funding_council=figures.council,
            first_name=f"Extra{number}",
        )
    refresh_provider(figures.provider.pk, today=TODAY)
    # Three more years of months before the programme's start make no difference either.
    ProgrammeSnapshot.objects.bulk_create(
        ProgrammeSnapshot(
            provider=figures.provider,
            council=None,
            month=dt.date(2024 + index // 12, index % 12 + 1, 1),
            figures={},
            computed_at=timezone.now(),
        )
        for index in range(20)
    )
    assert _count_queries(client) == before


def test_the_charts_are_accessible_svg_with_a_table_each(figures, client_for, manager):
    page = _get(client_for(manager)).content.decode()
    assert page.count('<svg role="img"') == 9
    assert page.count('<title id="chart-') == 9
    assert page.count('<desc id="chart-') == 9
    assert page.count("<table>") >= 10  # a table for each chart, and the people
    assert "<script" not in page.split("<main", 1)[-1].split("</main>", 1)[0]
    assert "style=" not in page


def test_nothing_shows_before_any_figures_are_worked_out(
    programme_world,  # noqa: F811 - the fixture imported above
    client_for,
    manager,
):
    response = _get(client_for(manager))
    assert response.status_code == 200
    assert "There are no figures for this period yet." in response.content.decode()


def test_every_download_is_audited(figures, client_for, commissioner):
    from directsupport.audit.models import AuditEvent

    client = client_for(commissioner)
    for name in DOWNLOADS:
        _get(client, reverse(name))
    assert AuditEvent.objects.filter(subject_type="coproduction.dashboard").count() == 3


@pytest.mark.parametrize(
    "persona",
    ["manager", "coordinator", "finance", "market_shaper", "commissioner", "expert"],
)
def test_the_dashboard_is_in_the_navigation_of_those_who_may_see_it(request, client_for, persona):
    user: User = request.getfixturevalue(persona)
    links = client_for(user).get(reverse("home")).context["nav_links"]
    assert any(link["url"] == URL for link in links)


@pytest.mark.parametrize("persona", ["worker", "person_user", "supplier"])
def test_the_dashboard_is_not_in_anyone_elses_navigation(request, client_for, persona):
    user: User = request.getfixturevalue(persona)
    links = client_for(user).get(reverse("home")).context["nav_links"]
    assert all(link["url"] != URL for link in links)
