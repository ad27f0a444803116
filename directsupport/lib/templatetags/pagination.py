"""{% pagination page label="Pages of people" %}: the one pager every list uses."""

from typing import Any

from django import template
from django.core.paginator import Page

register = template.Library()


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(
    context: template.Context, page: Page, label: str = "Pages of results"
) -> dict[str, Any]:
    return {
        # {% querystring %} needs the request to keep the search and filters in each link.
        "request": context.get("request"),
        "page": page,
        "label": label,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    }
