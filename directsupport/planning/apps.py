from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "directsupport.planning"
    label = "planning"
    verbose_name = "Planning Live and person-centred tools"

    def ready(self) -> None:
        from directsupport.people.person_tabs import register_tabs

        from .person_tabs import TABS

        # This app's tabs on every page about a person (people cannot import this app).
        register_tabs(TABS)

        from directsupport.lib.page_parts import register_parts

        from .person_panels import PANELS

        # The guesses waiting for the person on their own pages (the same).
        register_parts(PANELS)

        from .person_records import register_person_records

        # Which of this app's models hold a person's data (subject access, retention).
        register_person_records()
