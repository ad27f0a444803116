"""Home-page panels (accounts/home.html loads them, so accounts never imports coproduction)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def expert_panel_home(context: dict) -> str:
    """The expert by experience's home: meetings, papers to read, time to claim."""
    return ""
