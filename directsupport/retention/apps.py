from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "directsupport.retention"
    label = "retention"
    verbose_name = "Retention and erasure"

    def ready(self) -> None:
        from directsupport.people.person_tabs import register_tabs

        from .person_tabs import TABS

        # The managers' tab on every page about a person: what is held and until when.
        register_tabs(TABS)
