from django.apps import AppConfig


class MarketConfig(AppConfig):
    name = "directsupport.market"
    label = "market"
    verbose_name = "Market shaping"

    def ready(self) -> None:
        from directsupport.people.person_tabs import register_tabs

        from .person_tabs import TABS

        # "My support" on every page about a person (people cannot import this app).
        register_tabs(TABS)

        from directsupport.lib.page_parts import register_parts

        from .person_panels import PANELS

        # The person's own "My support" panel on their page (the same).
        register_parts(PANELS)

        from .person_records import register_person_records

        # Which of this app's models hold a person's data (subject access, retention).
        register_person_records()
