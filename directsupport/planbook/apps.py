from django.apps import AppConfig


class PlanBookConfig(AppConfig):
    name = "directsupport.planbook"
    label = "planbook"
    verbose_name = "Plan Books"

    def ready(self) -> None:
        from directsupport.people.person_tabs import register_tabs

        from .person_tabs import TABS

        # This app's tab on every page about a person (people cannot import this app).
        register_tabs(TABS)

        from directsupport.lib.page_parts import register_parts

        from .event_panels import PANELS as EVENT_PANELS
        from .person_panels import PANELS

        # Their Plan Book waiting for the person on their own pages, and everyone's Plan Books
        # on a Planning Live event's page (neither people nor planning can import this app).
        register_parts(PANELS)
        register_parts(EVENT_PANELS)

        from .person_records import register_person_records

        # Plan Book versions hold a person's data (subject access, retention).
        register_person_records()
