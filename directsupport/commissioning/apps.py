from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "directsupport.commissioning"
    label = "commissioning"
    verbose_name = "Commissioning: quotes, offers, contracts, joint procurement"

    def ready(self) -> None:
        self._register_with_people_and_records()

    def _register_with_people_and_records(self) -> None:
        """The person page's "My contracts" tab and which models hold a person's data
        (subject access, retention): registries offered by apps below this one."""
        from directsupport.people.person_tabs import register_tabs

        from .person_records import register_person_records
        from .person_tabs import TABS

        register_tabs(TABS)
        register_person_records()
