from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "directsupport.people"
    label = "people"
    verbose_name = "People supported and their circles"

    def ready(self) -> None:
        from .person_tabs import TABS, register_tabs

        # people's own tabs on every page about a person; later apps add theirs the same way.
        register_tabs(TABS)

        from .person_records import register_person_records

        # Which of this app's models hold a person's data (subject access, retention).
        register_person_records()
