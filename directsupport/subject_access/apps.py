from django.apps import AppConfig


class SubjectAccessConfig(AppConfig):
    """Subject access: everything the product holds about one person, found through the
    registry of models that hold a person's data (directsupport/lib/person_records.py)."""

    name = "directsupport.subject_access"
    label = "subject_access"
    verbose_name = "Subject access requests"

    def ready(self) -> None:
        from directsupport.people.person_tabs import register_tabs

        from .person_records import register_person_records
        from .person_tabs import TABS

        # The requests themselves are the person's data too (and kept as a record of answering).
        register_person_records()
        # "Copy of their information" on every page about a person.
        register_tabs(TABS)
