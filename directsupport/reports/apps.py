from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """A manager's reports that look across apps (the audit log with the names of the people
    the manager may see). Site level, above every domain app (DESIGN.md §2), so no lower app
    imports a higher one to show them."""

    name = "directsupport.reports"
    label = "reports"
    verbose_name = "Reports"
