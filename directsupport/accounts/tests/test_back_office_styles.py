"""The back office's stylesheets: Django's forms.css without its @import, widgets.css linked
in its place, and back_office.css last (see templates/admin/base_site.html)."""

from __future__ import annotations

import re
from pathlib import Path

import django
from django.conf import settings
from django.test import Client

DJANGO_FORMS_CSS = Path(django.__file__).parent / "contrib/admin/static/admin/css/forms.css"
OUR_FORMS_CSS = Path(settings.BASE_DIR) / "static/admin/css/forms.css"
IMPORT_LINE = "@import url('widgets.css');"


def test_our_forms_css_is_djangos_without_the_import():
    djangos = DJANGO_FORMS_CSS.read_text()
    ours = OUR_FORMS_CSS.read_text()
    assert djangos.startswith(IMPORT_LINE), "Django's forms.css changed: refresh our copy"
    assert not re.search(r"^\s*@import", ours, re.MULTILINE)
    assert ours.endswith(djangos.removeprefix(IMPORT_LINE).lstrip("\n")), (
        "Django's forms.css changed: copy it to static/admin/css/forms.css without its @import"
    )


def test_change_page_links_widgets_then_forms_then_back_office_css(
    client_for, manager, dee
) -> None:
    manager.is_staff = True
    manager.save()
    back_office: Client = client_for(manager)

    page = back_office.get(f"/back-office/people/person/{dee.pk}/change/").content.decode()

    sheets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', page)
    assert sheets.index("admin/css/widgets.css") < sheets.index("admin/css/forms.css")
    assert sheets[-1] == "css/back_office.css"
    assert "<style" not in page
    assert "style=" not in page
