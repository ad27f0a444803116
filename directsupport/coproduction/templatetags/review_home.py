"""Home-page panels (accounts/home.html loads them, so accounts never imports coproduction)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def circle_reviews_home(context: dict) -> str:
    """The circle member's home: what each person has shared, meetings coming."""
    return ""


@register.simple_tag(takes_context=True)
def staff_reviews_home(context: dict) -> str:
    """Staff: reviews due and coming, feedback to read."""
    return ""
