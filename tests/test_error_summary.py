"""Every link in an error summary lands on a real field, radio groups included."""

import re


def _targets_exist(body: str) -> list[str]:
    summary = body.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets, "the summary links to the fields with problems"
    return [t for t in targets if f'id="{t}"' not in body]


def test_circle_member_form_links_its_radio_groups(client_for, coordinator, dee):
    response = client_for(coordinator).post(f"/people/{dee.pk}/circle/add/", {"name": "Ama"})
    assert _targets_exist(response.content.decode()) == []


def test_team_form_links_its_role_radios(client_for, manager):
    response = client_for(manager).post("/team/add/", {"full_name": "New Person"})
    assert _targets_exist(response.content.decode()) == []
