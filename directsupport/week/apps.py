from django.apps import AppConfig


class WeekConfig(AppConfig):
    name = "directsupport.week"
    label = "week"
    verbose_name = "My Perfect Week and the rate card"

    def ready(self) -> None:
        from directsupport.people.person_tabs import register_tabs

        from .person_tabs import TABS

        # This app's tabs on every page about a person (people cannot import this app).
        register_tabs(TABS)

        from .person_records import register_person_records

        # Which of this app's models hold a person's data (subject access, retention).
        register_person_records()
