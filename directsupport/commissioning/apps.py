from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "directsupport.commissioning"
    label = "commissioning"
    verbose_name = "Commissioning: quotes, offers, contracts, joint procurement"

    def ready(self) -> None:
        self._register_with_people_and_records()
        self._register_contracts_on_the_week()
        self._register_contracts_with_funds()

    def _register_with_people_and_records(self) -> None:
        """The person page's "My contracts" tab and which models hold a person's data
        (subject access, retention): registries offered by apps below this one."""
        from directsupport.people.person_tabs import register_tabs

        from .person_records import register_person_records
        from .person_tabs import TABS

        register_tabs(TABS)
        register_person_records()

    # --- Contracts (contracts/): contracted support shown on the Perfect Week -----------------

    def _register_contracts_on_the_week(self) -> None:
        """Each Perfect Week entry met by a running contract says who supplies it and the rate
        (the week app's entry_notes registry)."""
        from directsupport.week.entry_notes import register_entry_notes

        from .contracts.week_notes import contracted_notes

        register_entry_notes(contracted_notes)

    def _register_contracts_with_funds(self) -> None:
        """The Perfect Week entries a contract pays for are planned by the contract's postings,
        not again at the provider's rate card (funds' paid_elsewhere registry)."""
        from directsupport.funds.paid_elsewhere import register_paid_elsewhere

        from .contracts.paid_elsewhere import contracted_entries

        register_paid_elsewhere(contracted_entries)
